"""The embedded index's versions: rebuild swaps, cleanup, and other processes following."""

from matchhub.search.backends.embedded import EmbeddedSearchBackend
from matchhub.search.backends.embedded.store import POINTER, current_version, new_version_dir
from tests.search.contract import CATALOGUE, doc, ids, query


def versions(root) -> set[str]:
    return {p.name for p in root.glob("v-*")}


def backend_at(path) -> EmbeddedSearchBackend:
    return EmbeddedSearchBackend({"PATH": str(path)})


def test_commit_swaps_the_pointer_and_drops_the_old_version(tmp_path):
    backend = backend_at(tmp_path)
    backend.add_bulk(CATALOGUE)
    old = current_version(tmp_path)
    rebuild = backend.begin_rebuild()
    rebuild.add_bulk(CATALOGUE)
    rebuild.commit()
    assert (tmp_path / POINTER).read_text() == rebuild.dir.name
    assert versions(tmp_path) == {rebuild.dir.name} != {old}


def test_abort_removes_the_new_version(tmp_path):
    backend = backend_at(tmp_path)
    backend.add_bulk(CATALOGUE)
    old = current_version(tmp_path)
    rebuild = backend.begin_rebuild()
    rebuild.add_bulk(CATALOGUE)
    rebuild.abort()
    assert versions(tmp_path) == {old}


def test_a_new_rebuild_removes_versions_left_by_a_killed_one(tmp_path):
    backend = backend_at(tmp_path)
    backend.add_bulk(CATALOGUE)
    left = new_version_dir(tmp_path)  # a rebuild killed before it committed or aborted
    rebuild = backend.begin_rebuild()
    assert not left.exists()
    rebuild.abort()
    assert versions(tmp_path) == {current_version(tmp_path)}


def test_another_process_follows_a_new_version_without_reopening(tmp_path):
    """A web worker's backend, opened once, serves the rebuilt index."""
    worker, indexer = backend_at(tmp_path), backend_at(tmp_path)
    worker.add_bulk(CATALOGUE)
    assert ids(worker.run(query("盐湖提锂"))) == []
    rebuild = indexer.begin_rebuild()
    rebuild.add_bulk([*CATALOGUE, doc(7, "盐湖提锂工艺")])
    rebuild.commit()
    assert ids(worker.run(query("盐湖提锂"))) == [7]
    worker.add(doc(8, "重建之后的盐湖提锂新工艺"))  # its writes go to the new version too
    assert sorted(ids(indexer.run(query("盐湖提锂")))) == [7, 8]


def test_parallel_analysis_builds_the_same_index(tmp_path):
    backend = backend_at(tmp_path)
    rebuild = backend.begin_rebuild()
    rebuild.workers = 2
    rebuild.add_bulk(CATALOGUE)
    rebuild.commit()
    assert backend.indexed_checksums() == {(d.item_type, d.item_id): d.checksum
                                           for d in CATALOGUE}
