"""Read-side queries: public lists with filters, "my items", the review queue."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import selectinload

from matchhub.accounts.models import User
from matchhub.catalog.models import Achievement, AchievementMode, Need, NeedMode
from matchhub.core.args import int_problem
from matchhub.core.errors import FieldErrors
from matchhub.core.money import parse_amount
from matchhub.core.regions import is_known_region
from matchhub.core.vocabularies import stage_range, vocabulary

Model = type[Achievement] | type[Need]


@dataclass
class ListFilters:
    q: str = ""
    field: str = ""
    stage: str = ""
    mode: str = ""
    region: str = ""
    org_id: int | None = None
    price_max: Decimal | None = None
    sort: str = "newest"


SORTS = ("newest", "oldest", "title")


def parse_filters(args) -> ListFilters:
    """Build filters from query-string args; raise ValidationFailed naming bad parameters."""
    errors = FieldErrors()
    filters = ListFilters(q=(args.get("q") or "").strip()[:200])
    checks = (("field", "tech_fields"), ("stage", "maturity_stages"), ("mode", "transfer_modes"))
    for key, vocab in checks:
        value = (args.get(key) or "").strip()
        if value and value not in vocabulary(vocab):
            errors.add(key, "取值无效")
        setattr(filters, key, value)
    filters.region = (args.get("region") or "").strip()
    if filters.region and not is_known_region(filters.region):
        errors.add("region", "地区代码无效")
    filters.sort = args.get("sort") or "newest"
    if filters.sort not in SORTS:
        errors.add("sort", f"取值应为 {'/'.join(SORTS)}")
    if args.get("price_max"):
        try:
            filters.price_max = parse_amount(args.get("price_max"))
        except ValueError as exc:
            errors.add("price_max", str(exc))
    if args.get("org_id"):
        problem = int_problem(args.get("org_id"))
        if problem:
            errors.add("org_id", problem)
        else:
            filters.org_id = int(args.get("org_id"))
    errors.raise_if_any()
    return filters


def end_column(model: Model):
    return getattr(model, model.END_COLUMN)


def public_query(model: Model, filters: ListFilters, today: dt.date) -> Select:
    stmt = select(model).where(model.status == "published", end_column(model) >= today)
    # Every listed item names its organisation: load them in one query, not one each.
    stmt = stmt.options(selectinload(model.owner_org))
    return apply_filters(stmt, model, filters)


def apply_filters(stmt: Select, model: Model, filters: ListFilters) -> Select:
    if filters.q:
        text_col = model.summary if model is Achievement else model.description
        like = f"%{filters.q}%"
        stmt = stmt.where(or_(model.title.ilike(like), text_col.ilike(like)))
    if filters.field:
        stmt = stmt.where(model.field == filters.field)
    if filters.stage:
        low, high = stage_range(filters.stage)
        trl = model.trl if model is Achievement else model.required_trl
        stmt = stmt.where(trl.between(low, high))
    if filters.mode:
        mode_model = AchievementMode if model is Achievement else NeedMode
        fk = mode_model.achievement_id if model is Achievement else mode_model.need_id
        stmt = stmt.where(model.id.in_(select(fk).where(mode_model.mode == filters.mode)))
    if filters.region:
        stmt = stmt.where(model.region_code == filters.region)
    if filters.org_id:
        stmt = stmt.where(model.owner_org_id == filters.org_id)
    if filters.price_max is not None:
        stmt = stmt.where(_price_at_most(model, filters.price_max))
    return stmt.order_by(*_ordering(model, filters.sort))


def _price_at_most(model: Model, amount: Decimal):
    if model is Achievement:
        return or_(model.price_negotiable, model.asking_price <= amount)
    return or_(model.budget_negotiable, model.budget_min.is_(None), model.budget_min <= amount)


def _ordering(model: Model, sort: str):
    if sort == "oldest":
        return (model.created_at.asc(), model.id.asc())
    if sort == "title":
        return (model.title.asc(), model.id.asc())
    return (model.created_at.desc(), model.id.desc())


def owned_query(model: Model, user: User) -> Select:
    owner = model.created_by_id == user.id
    if user.role == "org_admin":
        owner = or_(owner, model.owner_org_id == user.org_id)
    return (select(model).where(owner).options(selectinload(model.owner_org))
            .order_by(model.updated_at.desc(), model.id.desc()))


def review_query(model: Model, user: User) -> Select:
    stmt = select(model).where(model.status == "submitted")
    if user.role == "zone_admin":
        stmt = stmt.where(and_(model.region_code == user.zone_code))
    elif user.role != "platform_admin":
        stmt = stmt.where(False)
    return stmt.order_by(model.updated_at.asc(), model.id.asc())
