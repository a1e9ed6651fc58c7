"""``matchhub search``: reindex everything, show the backend's status, try a query."""

import json

import click
from flask.cli import AppGroup
from sqlalchemy import select

from matchhub.catalog.workflow import today
from matchhub.extensions import db
from matchhub.search import get_search_backend
from matchhub.search.documents import document_or_none, specs
from matchhub.search.query import SearchQuery, parse_user_text

search_group = AppGroup("search", help="Search index: reindex, status, query.")
BATCH = 1000


def all_documents(session, on_day):
    """Every public document, streamed in primary-key order."""
    for spec in specs().values():
        rows = session.scalars(select(spec.model).order_by(spec.model.id)
                               .execution_options(yield_per=BATCH))
        for row in rows:
            document = document_or_none(row, on_day)
            if document is not None:
                yield document


def reindex_all(session, backend, workers: int = 2) -> int:
    """Empty the index and add every public item again (command line only: it forks)."""
    backend.reset_indexes()
    batch, total = [], 0
    for document in all_documents(session, today()):
        batch.append(document)
        if len(batch) >= BATCH:
            backend.add_bulk(batch, workers=workers)
            total, batch = total + len(batch), []
    backend.add_bulk(batch, workers=workers)
    return total + len(batch)


@search_group.command("reindex")
@click.option("--workers", type=int, default=2, help="analysis processes")
def reindex_command(workers: int) -> None:
    """Empty the index and add every public item again."""
    count = reindex_all(db.session, get_search_backend(), workers)
    click.echo(f"indexed {count} documents")


@search_group.command("status")
def status_command() -> None:
    click.echo(json.dumps(get_search_backend().status(), ensure_ascii=False, indent=2))


@search_group.command("query")
@click.argument("text")
@click.option("--type", "item_type", default="achievement")
def query_command(text: str, item_type: str) -> None:
    """Run a query and print the top hits (for checking relevance by hand)."""
    page = get_search_backend().run(SearchQuery(parse_user_text(text), (item_type,), limit=10))
    click.echo(f"{page.total} hits")
    for hit in page.hits:
        click.echo(f"{hit.score:8.2f}  {hit.item_type}:{hit.item_id}")
