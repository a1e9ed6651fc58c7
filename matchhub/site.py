"""Home page and the health check."""

from flask import Blueprint, current_app, render_template
from sqlalchemy.exc import SQLAlchemyError

from matchhub.database import ping, schema_ready
from matchhub.search import InvalidSearchBackendError, get_search_backend

bp = Blueprint("site", __name__)


@bp.get("/")
def home():
    return render_template("home.html")


@bp.get("/health")
def health():
    report = {"database": _database_status(), "search": _search_status()}
    ok = all(part["ok"] for part in report.values())
    return {"status": "ok" if ok else "degraded", **report}, 200 if ok else 503


def _database_status() -> dict:
    try:
        ping()
    except SQLAlchemyError as exc:
        current_app.logger.warning("health: database unreachable: %s", exc)
        return {"ok": False, "error": "database unreachable"}
    dialect = current_app.extensions["sqlalchemy"].engines[None].dialect.name
    return {"ok": schema_ready(), "dialect": dialect,
            **({} if schema_ready() else {"error": "schema not migrated: run `matchhub db upgrade`"})}


def _search_status() -> dict:
    try:
        return get_search_backend().status()
    except InvalidSearchBackendError as exc:
        return {"ok": False, "error": str(exc)}
