"""Where a search result links to, and what it is called."""

from flask import url_for


def result_url(row) -> str:
    kind = row.__class__.__name__
    if kind in {"Achievement", "Need"}:
        return url_for("catalog.detail", plural=f"{row.item_type}s", item_id=row.id)
    if kind == "Organisation":
        return url_for("accounts.organisation_page", org_id=row.id)
    return url_for("accounts.broker_page", profile_id=row.id)


def row_title(row) -> str:
    if hasattr(row, "title"):
        return row.title
    if hasattr(row, "name"):
        return row.name
    return row.user.display_name
