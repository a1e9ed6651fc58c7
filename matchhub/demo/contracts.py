"""Demo contracts (演示数据): a synthetic registry over every zone for the last ten years
and this year up to today, so the zone dashboards and the yearly report have something to
show. Deterministic for a given day; every row is marked is_demo, parties are demo
organisations or fictional firms marked 演示 (demo/contract_names.py), and the figures are
invented, not statistics."""

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import insert
from sqlalchemy.orm import Session

from matchhub.contracts.models import Contract
from matchhub.contracts.naming import contract_name
from matchhub.contracts.services import derived_columns
from matchhub.contracts.vocabulary import classify, contract_types, ip_types
from matchhub.core.regions import zones
from matchhub.core.vocabularies import vocabulary
from matchhub.demo.contract_names import party

Topics = dict[str, list[str]]  # 技术领域 code -> keywords of the demo achievements
Parties = dict[str, list[tuple[str, str]]]  # region code -> (name, kind) of demo organisations

YEARS = 10
PER_YEAR = 300
GROWTH = 1.08  # each year's volume grows about this much
OUTSIDE = ("110000", "310000", "610000", "510000")
# The party types and sub-types the demo draws from: fixed here, so that adding official
# types to config/contracts.json does not reshuffle the (seeded) demo registry.
DEMO_PARTY_TYPES = ("research_institute", "university", "medical", "other_public", "government",
                    "association", "enterprise_state", "enterprise_collective",
                    "enterprise_coop", "enterprise_joint", "enterprise_llc", "enterprise_plc",
                    "enterprise_private", "enterprise_other", "hmt", "foreign", "individual",
                    "other")
DEMO_SUBTYPES = {"development": ("entrusted", "cooperative"),
                 "transfer": ("patent", "patent_application", "know_how", "other"),
                 "license": ("patent_license", "know_how_license", "other"),
                 "consulting": (), "service": ("general", "training", "intermediary")}
# A zone's share of the contracts: the provincial capital first.
WEIGHTS = {"620100": 10, "620171": 3, "620500": 3, "620400": 2, "620900": 2}


def _region(rng: random.Random) -> str:
    if rng.random() < 0.08:
        return rng.choice(OUTSIDE)
    codes = list(zones())
    return rng.choices(codes, weights=[WEIGHTS.get(c, 1) for c in codes])[0]


def _row(rng: random.Random, n: int, registered: dt.date, scale: float, topics: Topics,
         parties: Parties) -> dict:
    kind = rng.choices(list(contract_types().values()), weights=[25, 4, 3, 8, 60])[0]
    volume = (Decimal(int(rng.lognormvariate(18.4, 1.4) * scale)) / 100).quantize(Decimal("0.01"))
    seller, buyer = _region(rng), _region(rng)
    subtypes = DEMO_SUBTYPES[kind.code]
    subtype = rng.choice(subtypes) if subtypes else ""  # drawn before the signing date, as ever
    signed = registered - dt.timedelta(days=rng.randint(0, 45))
    contract_type, subtype = classify(kind.code, subtype, signed)
    field = rng.choice(vocabulary("tech_fields").codes)
    seller_name, seller_type = party(rng, seller, parties)
    buyer_name, buyer_type = party(rng, buyer, parties)
    return {
        "registration_number": f"DEMO{registered.year}{n:05d}",
        "name": contract_name(rng.choice(topics.get(field) or ["技术"]), kind.label),
        "contract_type": contract_type, "contract_subtype": subtype, "signed_on": signed,
        "registered_on": registered, "volume": volume,
        "tech_income": (volume * Decimal(rng.randint(60, 100)) / 100).quantize(Decimal("0.01")),
        "seller_name": seller_name, "seller_party_type": seller_type,
        "seller_region_code": seller,
        "buyer_name": buyer_name, "buyer_party_type": buyer_type,
        "buyer_region_code": buyer, **derived_columns(seller, buyer),
        "tech_field": field, "ip_type": rng.choice(ip_types().codes), "is_demo": True,
    }


def _days(year: int, today: dt.date) -> int:
    """Days of ``year`` on which contracts are registered: all of it, or up to today."""
    end = min(dt.date(year, 12, 31), today)
    return (end - dt.date(year, 1, 1)).days + 1


def load_contracts(session: Session, today: dt.date, topics: Topics, parties: Parties) -> int:
    """Insert the demo registry for the ten years before this one and this year up to
    ``today``; returns the count."""
    rng = random.Random(2018_0408)  # the notice's date
    rows = []
    for offset, year in enumerate(range(today.year - YEARS, today.year + 1)):
        scale = GROWTH ** offset
        days = _days(year, today)
        count = int(PER_YEAR * scale * days / 365)
        registered = sorted(dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(days))
                            for _ in range(count))
        rows += [_row(rng, n, day, scale, topics, parties) for n, day in enumerate(registered)]
    session.execute(insert(Contract), rows)
    return len(rows)
