"""The hand-written demo needs of the fictional Gansu enterprises (demo_data/needs.json)."""

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from matchhub.demo.files import load_demo_json
from matchhub.demo.organisations import Cast
from matchhub.demo.publishing import create_published

INPUT_KEYS = ("title", "description", "field", "keywords", "required_trl", "modes", "budget_min",
              "budget_max", "budget_negotiable", "region_code")


def need_input(spec: dict[str, Any], today: dt.date) -> dict[str, Any]:
    data = {key: spec[key] for key in INPUT_KEYS if key in spec}
    data["deadline"] = today + dt.timedelta(days=int(spec["deadline_days"]))
    return data


def load_needs(session: Session, cast: Cast, today: dt.date) -> int:
    data = load_demo_json("needs.json")
    for spec in data["needs"]:
        author = cast.user_of(spec["enterprise"], "enterprise")
        values = {**need_input(spec, today), "contact_name": author.display_name,
                  "contact_email": author.email}
        create_published(session, author, cast.reviewer, "need", values, today,
                         data["source_note"])
    return len(data["needs"])
