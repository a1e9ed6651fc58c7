"""Evidence files (a PDF or a scan that proves something: a licence, a certificate, a
signed contract): checked by name and size (and content, where asked), named on their
row, written after the flush and removed again if the transaction does not commit."""

from dataclasses import dataclass
from pathlib import Path, PurePath

from sqlalchemy.orm import Session

from matchhub.core.errors import ValidationFailed
from matchhub.core.uploads import (
    check_content,
    planned_name,
    remove_after_commit,
    write_after_flush,
)

EVIDENCE_TYPES = frozenset({".pdf", ".png", ".jpg", ".jpeg"})
MAX_EVIDENCE_BYTES = 8 * 1024 * 1024  # as the app's MAX_CONTENT_LENGTH
FIELD = "evidence"


@dataclass
class Evidence:
    filename: str
    data: bytes


@dataclass(frozen=True)
class EvidenceKind:
    """What a kind of evidence is called on the page, and where its files live."""

    noun: str  # 证明材料, 合同文本
    missing: str  # the message when no file was sent
    folder: str  # under the data dir
    sniff: bool = False  # also check that the content is what the name says
    # Delete the file a new one replaces (once committed); kinds whose earlier files
    # stay on record as history keep them.
    remove_replaced: bool = False


def check_evidence(kind: EvidenceKind, evidence: Evidence | None) -> None:
    if evidence is None or not evidence.filename:
        raise ValidationFailed({FIELD: [kind.missing]})
    if PurePath(evidence.filename).suffix.lower() not in EVIDENCE_TYPES:
        raise ValidationFailed({FIELD: [f"{kind.noun}仅支持 PDF、PNG、JPG 文件"]})
    if not evidence.data or len(evidence.data) > MAX_EVIDENCE_BYTES:
        raise ValidationFailed({FIELD: [f"{kind.noun}不能为空，且不超过 8 MB"]})
    if kind.sniff:
        check_content(evidence.filename, evidence.data, FIELD)


def attach_evidence(session: Session, kind: EvidenceKind, row, evidence: Evidence,
                    data_dir: Path) -> None:
    """Name the file on ``row`` (its ``evidence_name``/``evidence_path``), flush, then
    write it; a file it replaces goes once the transaction commits (``remove_replaced``)."""
    check_evidence(kind, evidence)
    if row.evidence_path and kind.remove_replaced:
        remove_after_commit(session, evidence_file(kind, data_dir, row))
    row.evidence_name = PurePath(evidence.filename).name[:200]
    row.evidence_path = planned_name(evidence.filename)
    session.flush()
    write_after_flush(session, evidence_file(kind, data_dir, row), evidence.data)


def evidence_file(kind: EvidenceKind, data_dir: Path, row) -> Path:
    return Path(data_dir) / kind.folder / row.evidence_path
