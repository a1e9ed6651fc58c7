"""``matchhub backup`` / ``matchhub restore``: a snapshot of a data dir with items, put
back into a new data dir, has the same rows, an index verify finds level, and the same
search results."""

import json
import tarfile
import uuid

import pytest
from flask_migrate import upgrade

from matchhub import create_app
from matchhub.backup.manifest import table_counts
from matchhub.core.extensions import db
from tests.factories import AchievementFactory, NeedFactory

# Backups copy the committed database file of their own apps.
pytestmark = pytest.mark.commits

ITEMS = 12


def make_app(data):
    return create_app({"DATA_DIR": str(data), "SECRET_KEY": "backup-test", "ES_URL": ""})


def cli(app, *args):
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


def search_ids(app, query: str) -> list:
    with app.test_client() as client:
        body = client.get("/api/v1/search", query_string={"q": query, "per_page": 50}).json
    return [(hit["item_type"], hit["id"]) for hit in body["items"]]


@pytest.fixture
def source(fast_dir):
    """A data dir with published items (indexed on commit) and one uploaded file."""
    data = fast_dir / f"source-{uuid.uuid4().hex[:8]}"
    app = make_app(data)
    with app.app_context():
        upgrade()
        for n in range(ITEMS):
            (AchievementFactory if n % 2 else NeedFactory)()
        db.session.commit()
        db.session.remove()
    (data / "evidence").mkdir()
    (data / "evidence" / "proof.pdf").write_bytes(b"%PDF-1.4 evidence")
    return app, data


def backup(app, dest, *options):
    result = cli(app, "backup", str(dest), *options)
    assert result.exit_code == 0, result.output
    return next(p for p in dest.iterdir() if p.name.startswith("matchhub-backup-"))


def restore(fast_dir, src, *options):
    target = fast_dir / f"restored-{uuid.uuid4().hex[:8]}"
    app = make_app(target)
    return app, target, cli(app, "restore", str(src), *options)


@pytest.mark.parametrize("options", [(), ("--archive",)])
def test_a_restored_backup_has_the_same_rows_index_and_results(source, fast_dir, options):
    app, data = source
    folder = backup(app, fast_dir / f"backups-{uuid.uuid4().hex[:8]}", *options)
    restored, target, result = restore(fast_dir, folder)
    assert result.exit_code == 0, result.output
    assert table_counts(target / "matchhub.db") == table_counts(data / "matchhub.db")
    assert table_counts(target / "matchhub.db")["achievements"] == ITEMS // 2
    verify = cli(restored, "indexer", "verify")
    assert verify.exit_code == 0 and "no difference" in verify.output, verify.output
    for query in ("正极材料", "锂离子电池", "降本"):
        assert search_ids(restored, query) == search_ids(app, query) != []
    assert (target / "evidence" / "proof.pdf").read_bytes() == b"%PDF-1.4 evidence"
    assert (target / "search" / "CURRENT").read_text() == (data / "search" / "CURRENT").read_text()


def test_the_manifest_lists_counts_checksums_and_the_version(source, fast_dir):
    app, _ = source
    folder = backup(app, fast_dir / f"backups-{uuid.uuid4().hex[:8]}")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["app_version"] and manifest["index_documents"] == ITEMS + ITEMS
    assert manifest["tables"]["needs"] == ITEMS // 2
    assert len(manifest["files"]["matchhub.db"]["sha256"]) == 64
    assert "files/evidence/proof.pdf" in manifest["files"]
    assert not [p for p in manifest["files"] if p.endswith(".lock")]


def test_restore_refuses_a_data_dir_with_data_unless_forced(source, fast_dir):
    app, data = source
    folder = backup(app, fast_dir / f"backups-{uuid.uuid4().hex[:8]}")
    refused = cli(app, "restore", str(folder))
    assert refused.exit_code != 0 and "--force" in refused.output
    forced = cli(app, "restore", str(folder), "--force")
    assert forced.exit_code == 0, forced.output
    assert cli(make_app(data), "indexer", "verify").exit_code == 0


def test_restore_refuses_an_altered_backup(source, fast_dir):
    app, _ = source
    archive = backup(app, fast_dir / f"backups-{uuid.uuid4().hex[:8]}", "--archive")
    assert tarfile.is_tarfile(archive)
    folder = backup(app, fast_dir / f"backups-{uuid.uuid4().hex[:8]}")
    with open(folder / "matchhub.db", "ab") as handle:
        handle.write(b"\0")
    restored, target, result = restore(fast_dir, folder)
    assert result.exit_code != 0 and "altered" in result.output
    assert not (target / "matchhub.db").exists()
