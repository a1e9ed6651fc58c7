import pytest


@pytest.fixture(autouse=True)
def _no_search_indexing(app, request):
    """Loading the demo indexes 1000+ documents; only tests marked ``indexed`` pay for it."""
    if request.node.get_closest_marker("indexed"):
        yield
        return
    app.config["SEARCH_INDEX_ON_COMMIT"] = False
    yield
    app.config["SEARCH_INDEX_ON_COMMIT"] = True
