"""The contract form's links to platform records (achievement, need, broker, organisations)
shown by name: the form carries their numbers in hidden inputs, nobody types them."""

from dataclasses import dataclass

from flask import url_for

from matchhub.accounts.models import Organisation, User
from matchhub.catalog.models import Achievement, Need
from matchhub.core.extensions import db

# form field -> (label, model, how the record is named, endpoint and its argument)
LINKS = (
    ("achievement_id", "关联成果", Achievement, "title", ("catalog.detail", "achievements")),
    ("need_id", "关联需求", Need, "title", ("catalog.detail", "needs")),
    ("broker_id", "技术经纪人", User, "display_name", None),
    ("seller_org_id", "卖方机构", Organisation, "name", None),
    ("buyer_org_id", "买方机构", Organisation, "name", None),
)
LINK_FIELDS = tuple(link[0] for link in LINKS)


@dataclass(frozen=True)
class LinkedRecord:
    label: str
    name: str
    url: str | None


def _url(route, record_id: int) -> str | None:
    if route is None:
        return None
    endpoint, plural = route
    return url_for(endpoint, plural=plural, item_id=record_id)


def _shown(record) -> bool:
    """Only public records are named: a posted number must not reveal a draft's title or
    a user who is not a broker."""
    if isinstance(record, User):
        return record.role == "broker"
    if isinstance(record, Achievement | Need):
        return record.status == "published"
    return True


def _record(model, value: str):
    record = db.session.get(model, int(value)) if value.isdigit() and len(value) < 19 else None
    return record if record is not None and _shown(record) else None


def _linked(field: str, label: str, model, attr: str, route, value: str) -> LinkedRecord:
    record = _record(model, value)
    if record is None:
        return LinkedRecord(label, "已关联（名称不公开）", None)
    return LinkedRecord(label, getattr(record, attr), _url(route, record.id))


def linked_records(form) -> list[LinkedRecord]:
    """The records the form's hidden link fields name, in form order."""
    found = []
    for link in LINKS:
        value = str(form[link[0]].data or "").strip()
        if value:
            found.append(_linked(*link, value))
    return found
