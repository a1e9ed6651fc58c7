import pytest

from matchhub.search.backends.embedded import EmbeddedSearchBackend
from tests.search.contract import BackendContract


class TestEmbeddedBackend(BackendContract):
    @pytest.fixture
    def backend(self, fast_dir, request):
        path = fast_dir / "contract" / request.node.name
        return EmbeddedSearchBackend({"PATH": str(path)})

    @pytest.fixture
    def backend_with(self, fast_dir, request):
        made = []

        def make(**params):
            path = fast_dir / "contract" / request.node.name / f"with{len(made)}"
            made.append(path)
            return EmbeddedSearchBackend({"PATH": str(path), **params})

        return make
