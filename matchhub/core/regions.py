"""GB/T 2260 region codes and the demonstration zones, from config/."""

from dataclasses import dataclass
from functools import cache

from matchhub.core.config_files import load_json


@dataclass(frozen=True)
class Region:
    code: str
    name: str

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"


@cache
def regions() -> dict[str, Region]:
    data = load_json("regions.json")
    rows = data["provinces"] + data["prefectures"]
    return {code: Region(code, name) for code, name in rows}


def region_name(code: str | None) -> str:
    found = regions().get(code or "")
    return found.name if found else (code or "")


def is_known_region(code: str) -> bool:
    return code in regions()


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


def is_valid_region(code: str) -> bool:
    """A known province or 市州 code, or a county code whose 市州 is known."""
    if len(code) != 6 or not code.isdigit():
        return False
    return is_known_region(code) or is_known_region(code[:4] + "00")
