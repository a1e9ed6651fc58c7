"""The home page, the favicon, the region picker's data and the health check.

/health answers every monitor with the overall status (200 ok, 503 degraded); the parts
(database dialect, search backend, index path, model) are shown to platform admins only,
since they tell an attacker where things are."""

from flask import Blueprint, Flask, current_app, redirect, render_template, request, url_for
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from matchhub.catalog import queries
from matchhub.catalog.models import Achievement, Need
from matchhub.catalog.views.support import shows_demo
from matchhub.core.args import BadArgument, int_arg
from matchhub.core.clock import today
from matchhub.core.current_user import me, signed_in
from matchhub.core.database import ping, schema_ready
from matchhub.core.extensions import db
from matchhub.core.regions import CODE, children
from matchhub.search import InvalidSearchBackendError, get_search_backend

bp = Blueprint("site", __name__)
LATEST = 6


def _published(model) -> tuple[int, list]:
    """How many items of ``model`` are public, and the newest few."""
    stmt = queries.public_query(model, queries.ListFilters(), today())
    count = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    latest = db.session.scalars(stmt.options(selectinload(model.owner_org)).limit(LATEST)).all()
    return count, latest


@bp.get("/")
def home():
    achievement_count, achievements = _published(Achievement)
    need_count, needs = _published(Need)
    return render_template("home.html", achievement_count=achievement_count,
                           achievements=achievements, need_count=need_count, needs=needs,
                           demo_note=shows_demo(achievements))


@bp.get("/favicon.ico")
def favicon():
    """Clients that ask for /favicon.ico without reading the page's icon link."""
    return redirect(url_for("static", filename="img/favicon.svg"), 301)


@bp.get("/regions")
def region_children():
    """The regions one level below ?parent= (blank: the provinces; a province: its 市州
    and zones; a 市州: its counties) in use in ?year= (blank: now), for the cascading
    region picker of the forms. Public data (GB/T 2260)."""
    parent = (request.args.get("parent") or "").strip()
    problems = {} if not parent or CODE.match(parent) else {
        "parent": ["应为 6 位行政区划代码（GB/T 2260）或留空"]}
    try:
        year = int_arg("year", None, low=1980, high=2100)
    except BadArgument as exc:
        problems["year"], year = [exc.message], None
    if problems:
        return {"error": {"code": "validation_failed", "message": "参数有误",
                          "fields": problems}}, 422
    found = children(parent, year)
    return {"parent": parent, "year": year,
            "regions": [{"code": r.code, "name": r.name} for r in found]}


@bp.get("/health")
def health():
    report = {"database": _database_status(), "search": _search_status()}
    ok = all(part["ok"] for part in report.values())
    user = me()
    details = report if signed_in(user) and user.role == "platform_admin" else {}
    return {"status": "ok" if ok else "degraded", **details}, 200 if ok else 503


def _database_status() -> dict:
    try:
        ping()
    except SQLAlchemyError as exc:
        current_app.logger.warning("health: database unreachable: %s", exc)
        return {"ok": False, "error": "database unreachable"}
    dialect = current_app.extensions["sqlalchemy"].engines[None].dialect.name
    if not schema_ready():
        return {"ok": False, "dialect": dialect,
                "error": "schema not migrated: run `matchhub db upgrade`"}
    return {"ok": True, "dialect": dialect}


def _search_status() -> dict:
    try:
        return get_search_backend().status()
    except InvalidSearchBackendError as exc:
        return {"ok": False, "error": str(exc)}


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
