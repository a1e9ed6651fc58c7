"""``matchhub search``: reindex everything, show the backend's status, try a query."""

import json

import click
from flask.cli import AppGroup

from matchhub.search.backends import get_search_backend
from matchhub.search.backends.elasticsearch import mapping
from matchhub.search.core.query import SearchQuery, parse_user_text
from matchhub.search.indexing.runs import rebuild_now

search_group = AppGroup("search", help="Search index: reindex, status, query.")


@search_group.command("reindex")
@click.option("--workers", type=int, default=None, help="analysis processes (default: CPUs)")
def reindex_command(workers: int | None) -> None:
    """Rebuild the index from the database (the same as ``matchhub indexer rebuild``)."""
    click.echo(f"indexed {rebuild_now(workers)} documents")


@search_group.command("status")
def status_command() -> None:
    click.echo(json.dumps(get_search_backend().status(), ensure_ascii=False, indent=2))


@search_group.command("write-mapping")
def write_mapping_command() -> None:
    """Regenerate config/search/elasticsearch/ from the registered index specs."""
    for path in mapping.write_config():
        click.echo(f"wrote {path}")


@search_group.command("query")
@click.argument("text")
@click.option("--type", "item_type", default="achievement")
def query_command(text: str, item_type: str) -> None:
    """Run a query and print the top hits (for checking relevance by hand)."""
    page = get_search_backend().run(SearchQuery(parse_user_text(text), (item_type,), limit=10))
    click.echo(f"{page.total} hits")
    for hit in page.hits:
        click.echo(f"{hit.score:8.2f}  {hit.item_type}:{hit.item_id}")
