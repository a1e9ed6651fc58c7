"""The verification workflow of organisations (licence), broker credentials (职业化技术
经纪人 certificate) and transfer-institution designations: a member submits evidence
(pending), the platform or the record's zone approves (with a validity period) or refuses
(with a reason), and may revoke later. Every submission and decision is audited."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts import evidence as evidence_files
from matchhub.accounts import verification_history as history
from matchhub.accounts.models import (
    BrokerProfile,
    InstitutionProfile,
    Organisation,
    User,
    Verifiable,
)
from matchhub.accounts.standing import can_verify
from matchhub.audit import services as audit
from matchhub.core.clock import now, today
from matchhub.core.errors import Conflict, FieldErrors, PermissionDenied, ValidationFailed
from matchhub.core.regions import zone_for_region, zones
from matchhub.core.vocabularies import vocabulary

KINDS: dict[str, type[Verifiable]] = {
    "organisation": Organisation, "broker": BrokerProfile, "institution": InstitutionProfile}
KIND_LABELS = {"organisation": "机构资质", "broker": "技术经纪人证书",
               "institution": "技术转移机构认定"}
DESIGNATION_KINDS = frozenset({"transfer_institution", "university", "institute"})


def kind_of(record: Verifiable) -> str:
    return next(kind for kind, model in KINDS.items() if isinstance(record, model))


def describe(record: Verifiable) -> str:
    if isinstance(record, Organisation):
        return record.name
    if isinstance(record, BrokerProfile):
        return f"{record.user.display_name}（{record.certificate_no}）"
    return f"{record.organisation.name}（{vocabulary('institution_levels').label(record.level)}）"


def _submitted(session: Session, user: User, record: Verifiable,
               evidence: evidence_files.Evidence, data_dir: Path) -> Verifiable:
    if record.verification_status == "verified":
        raise Conflict("已认证，无需重复提交")
    evidence_files.attach(session, record, evidence, data_dir)
    history.end_period(session, record, now(), "resubmitted")
    record.verification_status, record.decision_note = "pending", ""
    record.verified_by_id = record.verified_at = None
    audit.record(session, user, "verification.submit", record,
                 f"{KIND_LABELS[kind_of(record)]}：{describe(record)}")
    session.flush()
    return record


def submit_licence(session: Session, user: User, evidence: evidence_files.Evidence,
                   data_dir: Path) -> Organisation:
    """A member of an unverified organisation uploads its business licence or legal-person
    certificate."""
    if user.organisation is None:
        raise PermissionDenied("只有机构成员可以提交机构资质材料")
    return _submitted(session, user, user.organisation, evidence, data_dir)


@dataclass
class CredentialInput:
    level: str
    certificate_no: str
    issuer: str
    issued_on: dt.date | None
    expires_on: dt.date | None


def submit_credential(session: Session, user: User, data: CredentialInput,
                      evidence: evidence_files.Evidence, data_dir: Path) -> BrokerProfile:
    """A broker of an organisation submits the 职业化技术经纪人 certificate."""
    if user.role != "broker" or user.organisation is None:
        raise PermissionDenied("只有隶属机构的技术经纪人可以提交经纪人证书")
    errors = FieldErrors()
    if data.level not in vocabulary("broker_levels"):
        errors.add("level", "经纪人等级无效")
    if not data.certificate_no.strip() or len(data.certificate_no.strip()) > 64:
        errors.add("certificate_no", "请填写证书编号（不超过 64 位）")
    if not data.issuer.strip() or len(data.issuer.strip()) > 200:
        errors.add("issuer", "请填写发证机构（不超过 200 字）")
    if data.issued_on is None or data.issued_on > today():
        errors.add("issued_on", "请填写发证日期，且不晚于今天")
    if data.expires_on is not None and data.issued_on and data.expires_on <= data.issued_on:
        errors.add("expires_on", "有效期至应晚于发证日期")
    errors.raise_if_any()
    profile = user.broker_profile
    if profile is None:
        profile = BrokerProfile(user_id=user.id, fields=[], institution_org_id=user.org_id,
                                zone_code=zone_for_region(user.organisation.region_code) or None)
        session.add(profile)
    profile.level, profile.certificate_no = data.level, data.certificate_no.strip()
    profile.certificate_issuer, profile.certificate_issued_on = data.issuer.strip(), data.issued_on
    profile.valid_from, profile.valid_to = data.issued_on, data.expires_on
    profile.verification_status = "pending"
    return _submitted(session, user, profile, evidence, data_dir)


@dataclass
class DesignationInput:
    level: str
    batch: str
    year: int | None


def submit_designation(session: Session, user: User, data: DesignationInput,
                       evidence: evidence_files.Evidence, data_dir: Path) -> InstitutionProfile:
    """An administrator of a transfer institution, university or institute submits its
    designation (国家技术转移示范机构 with batch and year, …)."""
    org = user.organisation
    if user.role != "org_admin" or org is None or org.kind not in DESIGNATION_KINDS:
        raise PermissionDenied("只有技术转移机构或高校院所的机构管理员可以提交机构认定")
    errors = FieldErrors()
    if data.level not in vocabulary("institution_levels"):
        errors.add("level", "认定类别无效")
    if data.year is None or not 1990 <= data.year <= today().year:
        errors.add("year", f"认定年份应在 1990-{today().year} 之间")
    if len(data.batch.strip()) > 50:
        errors.add("batch", "批次不超过 50 字")
    errors.raise_if_any()
    profile = org.institution_profile or InstitutionProfile(org_id=org.id, services="")
    session.add(profile)
    profile.level, profile.batch, profile.designated_year = (
        data.level, data.batch.strip(), data.year)
    profile.recognised_on = dt.date(data.year, 1, 1)
    profile.verification_status = "pending"
    return _submitted(session, user, profile, evidence, data_dir)


def _require(actor: User, record: Verifiable) -> None:
    if not can_verify(actor, record):
        raise PermissionDenied("只有平台管理员或所在示范区管理员可以认证")


def _valid_from(record: Verifiable) -> dt.date | None:
    """Brokers: from the certificate's date; designations: from the designation's date
    (as-of counts of earlier years keep them); organisations: from today."""
    if isinstance(record, BrokerProfile):
        return record.valid_from
    if isinstance(record, InstitutionProfile):
        return record.recognised_on
    return today()


def approve(session: Session, actor: User, record: Verifiable,
            valid_to: dt.date | None = None) -> Verifiable:
    """Verified from today (brokers: from the certificate's date) until ``valid_to``."""
    _require(actor, record)
    if not record.evidence_path:
        raise ValidationFailed({"evidence": ["尚未上传证明材料，不能认证"]})
    if valid_to is not None and valid_to < today():
        raise ValidationFailed({"valid_to": ["有效期至不能早于今天"]})
    record.verification_status, record.verified_by_id, record.verified_at = (
        "verified", actor.id, now())
    record.valid_from = _valid_from(record)
    record.valid_to = valid_to or record.valid_to
    record.decision_note = ""
    if isinstance(record, Organisation):
        record.verified = True
    else:
        history.open_period(session, record, record.verified_at)
    audit.record(session, actor, "verification.approve", record,
                 f"{KIND_LABELS[kind_of(record)]}：{describe(record)}",
                 new={"valid_from": str(record.valid_from), "valid_to": str(record.valid_to)})
    session.flush()
    return record


def refuse(session: Session, actor: User, record: Verifiable, reason: str,
           revoke: bool = False) -> Verifiable:
    """Refuse a pending record (``revoke``: withdraw a verified one), with a reason."""
    _require(actor, record)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed({"reason": ["请填写理由"]})
    record.verification_status = "revoked" if revoke else "refused"
    record.verified_by_id, record.verified_at, record.decision_note = actor.id, now(), reason[:500]
    if isinstance(record, Organisation):
        record.verified = False
    history.end_period(session, record, record.verified_at, record.verification_status)
    audit.record(session, actor, "verification.revoke" if revoke else "verification.refuse",
                 record, f"{KIND_LABELS[kind_of(record)]}：{describe(record)}：{reason}"[:500])
    session.flush()
    return record


def queue(session: Session, actor: User, limit: int = 200) -> list[Verifiable]:
    """Pending records ``actor`` may decide on, oldest first, organisations first."""
    found: list[Verifiable] = []
    for model in KINDS.values():
        stmt = (select(model).where(model.verification_status == "pending")
                .order_by(model.id).limit(limit))
        found += [r for r in session.scalars(stmt) if can_verify(actor, r)]
    return found


def zone_name(code: str) -> str:
    return zones()[code].name if code in zones() else "—"
