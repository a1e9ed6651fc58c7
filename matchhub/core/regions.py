"""Region codes (GB/T 2260 行政区划代码) and the demonstration zones.

The national table (province, prefecture, county, with the years each code was in use)
is python-stdnum's ``stdnum/cn/loc.dat``, read through ``stdnum.numdb``; stdnum compiled
it from the Chinese Wikipedia lists 《中华人民共和国行政区划代码》 (CC BY-SA 4.0).
Zones are config (config/zones.json); a zone code outside GB/T 2260 (兰州新区 620171, a
statistical code) is a valid region too. This module is the one place that answers
"is this code valid (in year Y)", "its name", "its province / prefecture".
"""

import re
from dataclasses import dataclass
from functools import cache

from stdnum import numdb

from matchhub.core.config_files import load_json

CODE = re.compile(r"^\d{6}$")
_SPAN = re.compile(r"^\[(\d*)-(\d*)\](.*)$")


@dataclass(frozen=True)
class Region:
    code: str
    name: str

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"


@dataclass(frozen=True)
class _Use:
    """One name a code carried, from ``start`` to ``end`` (None: open)."""

    name: str
    start: int | None
    end: int | None

    def covers(self, year: int | None) -> bool:
        if year is None:  # in use now
            return self.end is None
        return (self.start is None or self.start <= year) and (self.end is None
                                                               or year <= self.end)


def _uses(text: str) -> list[_Use]:
    uses = []
    for part in text.split(","):
        match = _SPAN.match(part)
        if match is None:
            uses.append(_Use(part, None, None))
        else:
            start, end, name = match.groups()
            uses.append(_Use(name, int(start) if start else None, int(end) if end else None))
    return uses


@cache
def _table() -> dict[str, list[_Use]]:
    """Every GB/T 2260 code with the names it carried and when."""
    table: dict[str, list[_Use]] = {}
    # numdb.prefixes: (length, low, high, properties, children) for each 2-digit province
    for _, province, _, props, counties in numdb.get("cn/loc").prefixes:
        for _, low, high, county, _ in counties:
            if low == high and "county" in county:
                table[province + low] = _uses(county["county"])
        table.setdefault(province + "0000", [_Use(props["province"], None, None)])
    return table


def _use(code: str, year: int | None) -> _Use | None:
    if code in zones():
        return _Use(zones()[code].name, None, None)
    return next((u for u in _table().get(code, ()) if u.covers(year)), None)


def region_at(code: str | None, year: int | None = None) -> Region | None:
    """The region a code named in ``year`` (None: now), or None if not in use then.
    A prefecture's "市辖区" entry is named after its city (110100 北京市)."""
    code = (code or "").strip()
    use = _use(code, year) if CODE.match(code) else None
    if use is None:
        return None
    name = use.name
    if code.endswith("00") and name == "市辖区":
        name = region_name(code[:2] + "0000")
    return Region(code, name)


def is_valid_region(code: str | None, year: int | None = None) -> bool:
    """A GB/T 2260 code in use in ``year`` (None: in use now), or a configured zone."""
    return region_at(code, year) is not None


def was_ever_valid(code: str | None) -> bool:
    """A configured zone or a GB/T 2260 code in use in any year."""
    code = (code or "").strip()
    return code in zones() or code in _table()


def region_name(code: str | None) -> str:
    """The code's latest name; the code itself when unknown."""
    code = code or ""
    if code in zones():
        return zones()[code].name
    uses = _table().get(code)
    if not uses:
        return code
    latest = max(uses, key=lambda u: (u.end is None, u.end or 0))
    if code.endswith("00") and latest.name == "市辖区":
        return region_name(code[:2] + "0000")
    return latest.name


def province_of(code: str) -> str:
    return code[:2] + "0000"


def prefecture_of(code: str) -> str:
    """The 市州 a code belongs to (itself for a prefecture or configured zone)."""
    return code if code in zones() else code[:4] + "00"


def region_problem(code: str | None, year: int | None = None) -> str | None:
    """Why ``code`` is not a valid region (in ``year``), naming the nearest valid level;
    None when it is valid."""
    code = (code or "").strip()
    if not CODE.match(code):
        return "应为 6 位行政区划代码（GB/T 2260），如 620100"
    if is_valid_region(code, year):
        return None
    when = f" {year} 年" if year else "当前"
    for parent in (code[:4] + "00", code[:2] + "0000"):
        found = region_at(parent, year) if parent != code else None
        if found is not None:
            return (f"{code} 不是{when}使用的 6 位行政区划代码（GB/T 2260）；"
                    f"上一级 {found.code} {found.name} 是")
    return f"{code} 不是{when}使用的 6 位行政区划代码（GB/T 2260）"


def is_known_region(code: str) -> bool:
    """A code in use now (organisations, achievements, needs, search filters)."""
    return is_valid_region(code)


@cache
def regions() -> dict[str, Region]:
    """What forms offer: the provinces in use now, then the home province's 市州 and the
    configured zones."""
    table = _table()
    home = home_province().code[:2]
    codes = [c for c in table if c.endswith("0000")]
    codes += sorted({c for c in table if c.startswith(home) and c.endswith("00")
                     and not c.endswith("0000")} | set(zones()))
    found = (region_at(c) for c in dict.fromkeys(codes))
    return {r.code: r for r in found if r is not None}


def region_choices() -> list[tuple[str, str]]:
    return [(r.code, r.name) for r in regions().values()]


@dataclass(frozen=True)
class Zone:
    code: str
    name: str


@cache
def zones() -> dict[str, Zone]:
    return {z["code"]: Zone(z["code"], z["name"]) for z in load_json("zones.json")["zones"]}


@cache
def home_province() -> Region:
    data = load_json("zones.json")["province"]
    return Region(data["code"], data["name"])


def zone_for_region(code: str | None) -> str:
    """The zone a region code belongs to: the zone itself, or the zone of its 市州
    (a county code 620102 belongs to 620100); "" when it is in no zone."""
    code = code or ""
    if code in zones():
        return code
    prefecture = code[:4] + "00"
    return prefecture if prefecture in zones() else ""


def _level_children(parent: str) -> list[str]:
    """Codes one level below ``parent`` ("" = the provinces) in the table, any year."""
    codes = _table()
    if not parent:
        return [c for c in codes if c.endswith("0000")]
    if parent.endswith("0000"):
        return [c for c in codes if c[:2] == parent[:2] and c != parent and c.endswith("00")]
    if not parent.endswith("00"):  # a county, or a zone below prefecture level
        return []
    return [c for c in codes if c[:4] == parent[:4] and not c.endswith("00")]


def children(parent: str, year: int | None = None) -> list[Region]:
    """The regions one level below ``parent`` ("": the provinces) in use in ``year``
    (None: now), for the cascading picker; configured zones join their province."""
    codes = _level_children(parent)
    if parent.endswith("0000"):
        codes += [z for z in zones() if z[:2] == parent[:2] and z not in codes]
    found = (region_at(code, year) for code in sorted(codes))
    return [r for r in found if r is not None and r.name != "市辖区"]
