"""What of an achievement or need the structured score reads, as plain values.

Scoring works on profiles rather than rows, so the benchmark can score records that never
touch the database.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Profile:
    item_type: str  # "achievement" or "need"
    field: str
    trl: int | None  # an achievement's TRL; the TRL a need requires (None: any)
    modes: frozenset[str]
    price_low: Decimal | None  # asking price; or the budget's floor
    price_high: Decimal | None  # asking price; or the budget's ceiling
    negotiable: bool  # 面议
    region_code: str
    published_on: dt.date | None = None
    expires_on: dt.date | None = None


def profile_of(row: Any) -> Profile:
    published = row.published_at.date() if row.published_at else None
    common = {"item_type": row.item_type, "field": row.field, "modes": frozenset(row.modes),
              "region_code": row.region_code, "published_on": published,
              "expires_on": row.expires_on}
    if row.item_type == "achievement":
        return Profile(trl=row.trl, price_low=row.asking_price, price_high=row.asking_price,
                       negotiable=row.price_negotiable, **common)
    return Profile(trl=row.required_trl, price_low=row.budget_min, price_high=row.budget_max,
                   negotiable=row.budget_negotiable, **common)
