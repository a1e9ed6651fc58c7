"""A page of a query for an API list, in the shape of matchhub.core.schemas.PageSchema."""

from sqlalchemy import Select

from matchhub.core.extensions import db


def paginate(stmt: Select, args: dict) -> dict:
    result = db.paginate(stmt, page=args["page"], per_page=args["per_page"], error_out=False)
    return {"items": result.items, "page": args["page"], "per_page": args["per_page"],
            "total": result.total, "pages": result.pages}
