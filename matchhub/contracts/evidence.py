"""The signed contract a submitter sends as evidence for 认定登记: checked by name, size
and content, stored with the contract row, all or nothing (``core.uploads``)."""

from dataclasses import dataclass
from pathlib import Path, PurePath

from sqlalchemy.orm import Session

from matchhub.contracts.models import Contract
from matchhub.core.errors import ValidationFailed
from matchhub.core.uploads import (
    check_content,
    planned_name,
    remove_after_commit,
    write_after_flush,
)

EVIDENCE_TYPES = frozenset({".pdf", ".png", ".jpg", ".jpeg"})
MAX_EVIDENCE_BYTES = 8 * 1024 * 1024  # as the app's MAX_CONTENT_LENGTH
FOLDER = "contracts"
FIELD = "evidence"


@dataclass
class Evidence:
    filename: str
    data: bytes


def check(evidence: Evidence | None) -> None:
    if evidence is None or not evidence.filename:
        raise ValidationFailed({FIELD: ["请上传已签订的合同文本（PDF 或扫描图片）"]})
    if PurePath(evidence.filename).suffix.lower() not in EVIDENCE_TYPES:
        raise ValidationFailed({FIELD: ["合同文本仅支持 PDF、PNG、JPG 文件"]})
    if not evidence.data or len(evidence.data) > MAX_EVIDENCE_BYTES:
        raise ValidationFailed({FIELD: ["合同文本不能为空，且不超过 8 MB"]})
    check_content(evidence.filename, evidence.data, FIELD)


def attach(session: Session, contract: Contract, evidence: Evidence, data_dir: Path) -> None:
    """Name the file on ``contract``, flush, then write it; a replaced file goes once the
    transaction commits."""
    check(evidence)
    if contract.evidence_path:
        remove_after_commit(session, evidence_path(data_dir, contract))
    contract.evidence_name = PurePath(evidence.filename).name[:200]
    contract.evidence_path = planned_name(evidence.filename)
    session.flush()
    write_after_flush(session, evidence_path(data_dir, contract), evidence.data)


def evidence_path(data_dir: Path, contract: Contract) -> Path:
    return Path(data_dir) / FOLDER / contract.evidence_path
