"""Evidence files of verifications (business licence, legal-person certificate, broker
certificate, designation document): checked, stored with the row, all or nothing."""

from pathlib import Path

from sqlalchemy.orm import Session

from matchhub.accounts.models import Verifiable
from matchhub.core.evidence import (
    Evidence,
    EvidenceKind,
    attach_evidence,
    check_evidence,
    evidence_file,
)

__all__ = ["Evidence", "attach", "check", "evidence_path"]

KIND = EvidenceKind("证明材料", "请上传证明材料（营业执照、法人证书或证书扫描件）", "verification")


def check(evidence: Evidence | None) -> None:
    check_evidence(KIND, evidence)


def attach(session: Session, record: Verifiable, evidence: Evidence, data_dir: Path) -> None:
    attach_evidence(session, KIND, record, evidence, data_dir)


def evidence_path(data_dir: Path, record: Verifiable) -> Path:
    return evidence_file(KIND, data_dir, record)
