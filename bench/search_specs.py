"""The index specs create_app registers, for bench scripts that build indexes without an
app (the embedded backend's field weights and filter fields come from them)."""

from matchhub.accounts import search as accounts_search
from matchhub.catalog import search as catalog_search


def register_specs() -> None:
    catalog_search.register()
    accounts_search.register()
