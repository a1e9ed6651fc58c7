"""The CSL records of science, engineering, agriculture and medicine as published demo
achievements, with synthetic maturity, modes and price.

Papers of the humanities and social sciences are studies, not technologies: they are
left out. The synthetic values are derived from the record id, so every load gives the
same catalogue.
"""

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from matchhub.catalog import services
from matchhub.demo.files import discipline_fields
from matchhub.demo.organisations import Cast
from matchhub.demo.publishing import bulk_publish

SOURCE_NOTE = "CSL 数据集（Li et al., COLING 2022，Apache-2.0）"
VALIDITY_DAYS = 365
MODES = ("transfer", "license", "co_development", "equity", "service")
PRICES_WAN = (5, 8, 10, 15, 20, 30, 50, 80, 100, 150, 200, 300, 500)
# The 门类 (CSL's categories) whose papers describe technologies.
TECHNOLOGY_CATEGORIES = frozenset({"工学", "理学", "农学", "医学"})


def _digest(record_id: str) -> bytes:
    return hashlib.sha256(record_id.encode("utf-8")).digest()


def synthetic_terms(record: dict[str, Any]) -> dict[str, Any]:
    """TRL 3-8, modes and asking price (or 面议), deterministic per record id."""
    digest = _digest(record["id"])
    trl = 3 + digest[0] % 6
    modes = [mode for bit, mode in enumerate(MODES) if digest[1] >> bit & 1] or ["co_development"]
    if digest[2] % 5 == 0:
        return {"trl": trl, "modes": modes, "price_negotiable": True}
    wan = PRICES_WAN[min(len(PRICES_WAN) - 1, digest[3] % 7 + (trl - 3))]
    return {"trl": trl, "modes": modes, "asking_price": Decimal(wan) * 10000,
            "price_negotiable": False}


def owner_key(record: dict[str, Any], specs: list[dict[str, Any]]) -> str:
    """The demo organisation that lists the record: by discipline, else by 门类."""
    for spec in specs:
        if record["discipline"] in spec.get("disciplines", ()):
            return spec["key"]
    for spec in specs:
        if record["category"] in spec.get("categories", ()):
            return spec["key"]
    raise LookupError(f"no demo organisation for {record['category']}/{record['discipline']}")


def achievement_input(record: dict[str, Any], today: dt.date) -> dict[str, Any]:
    return {
        "title": record["title"],
        "summary": record["abstract"],
        "keywords": record["keywords"],
        "discipline": record["discipline"],
        "field": discipline_fields()[record["discipline"]],
        "valid_until": today + dt.timedelta(days=VALIDITY_DAYS),
        **synthetic_terms(record),
    }


def technology_records(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [record for record in records if record["category"] in TECHNOLOGY_CATEGORIES]


def load_achievements(session: Session, cast: Cast, records: list[dict[str, Any]],
                      today: dt.date) -> int:
    """Each technology record checked by the achievement cleaner (services.build_listing),
    then all inserted at once with their workflow history."""
    items = []
    for record in technology_records(records):
        publisher = cast.user_of(owner_key(record, cast.specs), "publisher")
        data = {**achievement_input(record, today), "contact_name": publisher.display_name,
                "contact_email": publisher.email}
        item = services.build_listing(publisher, "achievement", data, today, VALIDITY_DAYS)
        item.is_demo, item.source_note = True, SOURCE_NOTE
        items.append(item)
    bulk_publish(session, items, cast.reviewer)
    return len(items)
