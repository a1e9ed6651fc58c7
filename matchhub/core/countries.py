"""Countries and regions abroad (境外), as the registration form writes a party abroad:
the 3-digit ISO 3166-1 numeric code (840 美国, 276 德国). The table and its Chinese names
are pycountry's (ISO 3166-1 data from Debian iso-codes, LGPL-2.1; names translated by the
iso-codes translators). China itself (156) is not abroad: a domestic party carries a
GB/T 2260 region code instead."""

import gettext
from dataclasses import dataclass
from functools import cache

import pycountry

CHINA = "156"


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 numeric, 3 digits
    name: str  # Chinese name


@cache
def _chinese():
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"],
                               fallback=True)


@cache
def countries() -> dict[str, Country]:
    """Every country or region abroad by numeric code, in code order (China left out)."""
    found = {c.numeric: Country(c.numeric, _chinese().gettext(c.name))
             for c in pycountry.countries if c.numeric != CHINA}
    return dict(sorted(found.items()))


def country_code(value: str | None) -> str | None:
    """The numeric code of a country written as a numeric code, an alpha-2 or alpha-3
    code or its Chinese name; None when unknown (or China)."""
    value = (value or "").strip()
    if value.isdigit() and len(value) <= 3:
        value = value.zfill(3)
        return value if value in countries() else None
    if value.isascii() and len(value) in (2, 3):
        found = pycountry.countries.get(**{f"alpha_{len(value)}": value.upper()})
        return found.numeric if found is not None and found.numeric != CHINA else None
    return next((c.code for c in countries().values() if c.name == value), None)


def country_name(code: str | None) -> str:
    found = countries().get(code or "")
    return found.name if found else (code or "")


def country_choices() -> list[tuple[str, str]]:
    return [(c.code, f"{c.name}（{c.code}）") for c in countries().values()]
