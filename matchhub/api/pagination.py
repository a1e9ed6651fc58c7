"""A page of a query for an API list, in the shape of matchhub.core.schemas.PageSchema."""

from sqlalchemy import Select

from matchhub.core.extensions import db


def paginate(stmt: Select, args: dict, total: int | None = None) -> dict:
    """``total`` when the caller knows it (a maintained count) saves the COUNT query."""
    page, per_page = args["page"], args["per_page"]
    result = db.paginate(stmt, page=page, per_page=per_page, error_out=False,
                         count=total is None)
    total = result.total if total is None else total
    return {"items": result.items, "page": page, "per_page": per_page, "total": total,
            "pages": -(-total // per_page)}
