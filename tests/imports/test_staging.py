"""Uploads kept between the steps of a column-mapping import: only for their owner and
kind, until they expire or are imported; tokens never become other paths."""

import time

import pytest

from matchhub.core.errors import NotFound
from matchhub.imports import staging


def test_owner_gets_the_file_back_and_no_one_else(tmp_path):
    token = staging.stage(tmp_path, 7, "contracts", "台账.xlsx", b"PK data")
    staged = staging.load(tmp_path, 7, "contracts", token)
    assert (staged.filename, staged.data) == ("台账.xlsx", b"PK data")
    for user, kind in ((8, "contracts"), (7, "catalog.need")):
        with pytest.raises(NotFound):
            staging.load(tmp_path, user, kind, token)


def test_discarded_and_expired_files_are_gone(tmp_path, monkeypatch):
    token = staging.stage(tmp_path, 7, "contracts", "a.csv", b"x")
    staging.discard(tmp_path, token)
    with pytest.raises(NotFound):
        staging.load(tmp_path, 7, "contracts", token)
    old = staging.stage(tmp_path, 7, "contracts", "b.csv", b"y")
    later = time.time() + staging.TTL_SECONDS + 1
    monkeypatch.setattr(staging.time, "time", lambda: later)
    with pytest.raises(NotFound):
        staging.load(tmp_path, 7, "contracts", old)
    staging.stage(tmp_path, 7, "contracts", "c.csv", b"z")  # purges the expired one
    assert not (tmp_path / staging.STAGING_DIR / f"{old}.bin").exists()


@pytest.mark.parametrize("token", ["../../etc/passwd", "", "a" * 31, "a/" * 16])
def test_malformed_tokens_are_not_found(tmp_path, token):
    with pytest.raises(NotFound):
        staging.load(tmp_path, 7, "contracts", token)
