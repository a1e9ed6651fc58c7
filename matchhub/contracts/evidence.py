"""The signed contract a submitter sends as evidence for 认定登记: checked by name, size
and content, stored with the contract row, all or nothing (``core.evidence``)."""

from pathlib import Path

from sqlalchemy.orm import Session

from matchhub.contracts.models import Contract
from matchhub.core.evidence import (
    FIELD,
    Evidence,
    EvidenceKind,
    attach_evidence,
    check_evidence,
    evidence_file,
)

__all__ = ["FIELD", "Evidence", "attach", "check", "evidence_path"]

KIND = EvidenceKind("合同文本", "请上传已签订的合同文本（PDF 或扫描图片）", "contracts",
                    sniff=True, remove_replaced=True)


def check(evidence: Evidence | None) -> None:
    check_evidence(KIND, evidence)


def attach(session: Session, contract: Contract, evidence: Evidence, data_dir: Path) -> None:
    attach_evidence(session, KIND, contract, evidence, data_dir)


def evidence_path(data_dir: Path, contract: Contract) -> Path:
    return evidence_file(KIND, data_dir, contract)
