"""Evidence files and zone documents are all or nothing with their rows: a failed flush
writes no file, a rollback removes the file written after the flush, a commit keeps it."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from matchhub.core.extensions import db
from matchhub.zones.entries import recording as entries
from matchhub.zones.models import ReportedValue
from matchhub.zones.programme import plans
from matchhub.zones.programme.documents import Upload, document_file
from tests.zones.helpers import LANZHOU, zone_admin

PDF = entries.Evidence("统计公报.pdf", b"%PDF-1.4 evidence")


def _files(folder) -> list:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _report(tmp_path, user=None):
    return entries.report_value(db.session, user or zone_admin(LANZHOU), LANZHOU, 2016,
                                "maker_spaces", "3", "统计公报", evidence=PDF, data_dir=tmp_path)


def test_a_failed_flush_writes_no_evidence_file(tmp_path, monkeypatch):
    user = zone_admin(LANZHOU)
    db.session.commit()

    session = db.session()
    real_flush = session.flush

    def failing_flush(*args, **kwargs):  # the row's INSERT fails, earlier autoflushes pass
        if any(isinstance(row, ReportedValue) for row in session.new):
            raise IntegrityError("INSERT INTO zone_reported_values", {}, Exception("boom"))
        return real_flush(*args, **kwargs)

    monkeypatch.setattr(session, "flush", failing_flush)
    with pytest.raises(IntegrityError):
        _report(tmp_path, user)
    monkeypatch.undo()
    db.session.rollback()
    assert _files(tmp_path / "evidence") == []
    assert db.session.scalar(select(func.count()).select_from(ReportedValue)) == 0


def test_a_rolled_back_entry_takes_its_evidence_file_with_it(tmp_path):
    row = _report(tmp_path)
    assert _files(tmp_path / "evidence") == [row.evidence_path]  # written after the flush
    db.session.rollback()
    assert _files(tmp_path / "evidence") == []
    assert db.session.scalar(select(func.count()).select_from(ReportedValue)) == 0


def test_a_committed_entry_keeps_its_evidence_file(tmp_path):
    row = _report(tmp_path)
    db.session.commit()
    assert (tmp_path / "evidence" / row.evidence_path).read_bytes() == PDF.data
    db.session.rollback()  # a later, unrelated rollback
    assert _files(tmp_path / "evidence") == [row.evidence_path]


def test_a_rolled_back_plan_takes_its_document_with_it(tmp_path):
    user = zone_admin(LANZHOU)
    data = plans.PlanInput(title="兰州市示范区建设方案", start_year=2015, end_year=2017,
                           target_volume="50000", target_unit="万元")
    plan = plans.save_plan(db.session, user, LANZHOU, data, Upload("方案.pdf", b"%PDF plan"),
                           tmp_path)
    path = document_file(tmp_path, plan.document_path)
    assert path.exists()
    db.session.rollback()
    assert not path.exists()
