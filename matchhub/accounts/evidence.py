"""Evidence files of verifications (business licence, legal-person certificate, broker
certificate, designation document): checked, stored with the row, all or nothing."""

from dataclasses import dataclass
from pathlib import Path, PurePath

from sqlalchemy.orm import Session

from matchhub.accounts.models import Verifiable
from matchhub.core.errors import ValidationFailed
from matchhub.core.uploads import planned_name, write_after_flush

EVIDENCE_TYPES = frozenset({".pdf", ".png", ".jpg", ".jpeg"})
MAX_EVIDENCE_BYTES = 8 * 1024 * 1024  # as the app's MAX_CONTENT_LENGTH
FOLDER = "verification"


@dataclass
class Evidence:
    filename: str
    data: bytes


def check(evidence: Evidence | None) -> None:
    if evidence is None or not evidence.filename:
        raise ValidationFailed({"evidence": ["请上传证明材料（营业执照、法人证书或证书扫描件）"]})
    if PurePath(evidence.filename).suffix.lower() not in EVIDENCE_TYPES:
        raise ValidationFailed({"evidence": ["证明材料仅支持 PDF、PNG、JPG 文件"]})
    if not evidence.data or len(evidence.data) > MAX_EVIDENCE_BYTES:
        raise ValidationFailed({"evidence": ["证明材料不能为空，且不超过 8 MB"]})


def attach(session: Session, record: Verifiable, evidence: Evidence, data_dir: Path) -> None:
    """Name the evidence on ``record``, flush, then write the file (removed again if the
    transaction does not commit)."""
    check(evidence)
    record.evidence_name = PurePath(evidence.filename).name[:200]
    record.evidence_path = planned_name(evidence.filename)
    session.flush()
    write_after_flush(session, evidence_path(data_dir, record), evidence.data)


def evidence_path(data_dir: Path, record: Verifiable) -> Path:
    return Path(data_dir) / FOLDER / record.evidence_path
