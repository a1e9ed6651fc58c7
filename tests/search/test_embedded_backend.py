import pytest

from matchhub.search.backends.embedded import EmbeddedSearchBackend
from tests.search.contract import BackendContract


class TestEmbeddedBackend(BackendContract):
    @pytest.fixture
    def backend(self, fast_dir, request):
        path = fast_dir / "contract" / request.node.name
        return EmbeddedSearchBackend({"PATH": str(path)})
