"""The suppression rule of the public summaries (what a visitor who is not a zone's
official, the province or a platform administrator sees).

Rule:
1. Periods. Public figures exist only for whole quarters that are over, and for the
   sums of them on a fixed lattice: Q1-Q4, H1, H2, the first three quarters (1-9月) and
   the year. A year-to-date request is shown as the last complete quarter's lattice
   period; a period not over yet is cut to its complete quarters. So no figure is ever
   the difference of two arbitrary dates.
2. Primary suppression. A sum of fewer than 3 contracts (1 or 2) is never published:
   a zone's (or the province's) total of a period, or one cell of a breakdown.
   Contract counts of totals are public (a count is no amount); a suppressed breakdown
   cell hides its count and its amount.
3. Complementary suppression. A sum is published only if, together with everything
   already published (every zone and the province, every lattice period, every cell),
   no suppressed sum of rule 2 can be worked out from it by additions and subtractions
   (``disclosure.Disclosure`` checks the exact linear span). Candidates are offered one
   quarter-block at a time in calendar order (Q1; H1, Q2; 1-9月, Q3; year, H2, Q4), and
   within a block the coarsest first and the province before its zones, so what is
   published for early quarters never changes when later quarters complete: two
   visits at different times learn nothing that one visit at the later time would not.
   A consequence: a year total can stay hidden because 1-9月 was published and Q4 holds
   one or two contracts.
4. Breakdown cells of a period are offered only when that period's total is published,
   and never so that they tell more about the zone's quarter totals than the published
   totals do (their counts are checked against all quarter counts, which are public).
"""

import datetime as dt
from collections.abc import Iterable, Sequence

from matchhub.zones.statistics.disclosure import Disclosure
from matchhub.zones.statistics.periods import Period, quarter_end
from matchhub.zones.statistics.quarter_cells import Cells
from matchhub.zones.statistics.trends import Totals

THRESHOLD = 3
PROVINCE = "province"
UNZONED = ""
QUARTERS = (1, 2, 3, 4)
# Lattice periods in the order they are offered: blocks of the quarter that completes them.
LATTICE: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("Q1", (1,)), ("H1", (1, 2)), ("Q2", (2,)), ("9M", (1, 2, 3)), ("Q3", (3,)),
    ("Y", (1, 2, 3, 4)), ("H2", (3, 4)), ("Q4", (4,)),
)
BY_QUARTERS = {quarters: key for key, quarters in LATTICE}


def sensitive(count: int) -> bool:
    return 0 < count < THRESHOLD


def complete_quarters(year: int, today: dt.date) -> int:
    """How many quarters of ``year`` are over on ``today``."""
    return sum(1 for q in QUARTERS if quarter_end(year, q) < today)


def lattice_key(period: Period, today: dt.date) -> str | None:
    """The lattice period a public summary of ``period`` shows (None: nothing complete)."""
    done = complete_quarters(period.year, today)
    whole = (Period.of_year(period.year) if period.kind == "ytd"
             else Period(period.kind, period.year, period.number))
    quarters = tuple(q for q in whole.quarters
                     if q <= done and (period.kind != "ytd"
                                       or quarter_end(period.year, q) <= period.to))
    return BY_QUARTERS.get(quarters)


def lattice_period(year: int, key: str) -> Period:
    if key == "Y":
        return Period.of_year(year)
    if key == "9M":
        return Period.year_to(dt.date(year, 9, 30))
    number = int(key[1])
    return Period.half(year, number) if key[0] == "H" else Period.quarter(year, number)


def offered(done: int) -> list[tuple[str, tuple[int, ...]]]:
    return [(key, qs) for key, qs in LATTICE if max(qs) <= done]


def published_totals(totals: dict[tuple[str, int], Totals], zone_codes: Sequence[str],
                     done: int = 4) -> set[tuple[str, str]]:
    """(scope, lattice key) of every published total; scope is a zone code or PROVINCE.
    ``totals``: (zone or UNZONED, quarter) -> totals of one year and caliber."""
    scopes = [*zone_codes, UNZONED]
    disclosure = Disclosure([(z, q) for z in scopes for q in QUARTERS])

    def members(scope: str, quarters: Iterable[int]) -> list[tuple[str, int]]:
        return [(z, q) for z in (scopes if scope == PROVINCE else [scope]) for q in quarters]

    def count(scope: str, quarters: Iterable[int]) -> int:
        return sum(totals.get(cell, Totals()).count for cell in members(scope, quarters))

    for cell in disclosure.index:
        if not totals.get(cell, Totals()).count:
            disclosure.seed([cell])  # counts are public: a zero count is a zero amount
    for scope in [PROVINCE, *scopes]:
        for _key, qs in LATTICE:
            if sensitive(count(scope, qs)):
                disclosure.protect(members(scope, qs))
    return {(scope, key) for key, qs in offered(done) for scope in [PROVINCE, *zone_codes]
            if not sensitive(count(scope, qs)) and disclosure.offer(members(scope, qs))}


def published_cells(cells: Cells, codes: Sequence[str], totals: set[str],
                    done: int = 4) -> set[tuple[str, str]]:
    """(lattice key, category) of every published cell of one zone's breakdown;
    ``totals``: the lattice keys whose total of the zone is published."""
    base = [(q, c) for q in QUARTERS for c in codes]
    amounts, counts = Disclosure(base), Disclosure(base)
    quarter_sums = [[(q, c) for c in codes] for q in QUARTERS]
    amounts.guard_space(quarter_sums)
    for members in quarter_sums:
        counts.seed(members)
        if not sum(cells.get(cell, Totals()).count for cell in members):
            for cell in members:
                amounts.seed([cell])
                counts.seed([cell])
    for key, qs in LATTICE:
        if key in totals:
            amounts.seed([cell for q in qs for cell in quarter_sums[q - 1]])
    return _offer_cells(cells, codes, totals, done, amounts, counts)


def _offer_cells(cells: Cells, codes: Sequence[str], totals: set[str], done: int,
                 amounts: Disclosure, counts: Disclosure) -> set[tuple[str, str]]:
    def count(qs: Iterable[int], code: str) -> int:
        return sum(cells.get((q, code), Totals()).count for q in qs)

    for _key, qs in LATTICE:
        for code in codes:
            if sensitive(count(qs, code)):
                amounts.protect([(q, code) for q in qs])
                counts.protect([(q, code) for q in qs])
    found = set()
    for key, qs in offered(done):
        if key not in totals:
            continue
        for code in codes:
            members = [(q, code) for q in qs]
            if (not sensitive(count(qs, code)) and amounts.allows(members)
                    and counts.allows(members)):
                amounts.publish(members)
                counts.publish(members)
                found.add((key, code))
    return found
