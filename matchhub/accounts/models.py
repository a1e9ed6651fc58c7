"""Organisations, users, API tokens and the broker / transfer-institution profiles."""

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text, true
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from matchhub.core.db_types import Code, Created, IntPK, RegionCode, ShortText
from matchhub.core.extensions import db


class Verifiable:
    """A record no rule trusts until someone checked it against evidence: its state
    (``verification_states``), the evidence file, who decided and when, why (a refusal's
    reason) and the period it is valid for (open ends: no limit)."""

    verification_status: Mapped[Code] = mapped_column(default="pending")
    evidence_name: Mapped[str] = mapped_column(String(200), default="")
    evidence_path: Mapped[str] = mapped_column(String(64), default="")
    verified_at: Mapped[dt.datetime | None]
    decision_note: Mapped[str] = mapped_column(String(500), default="")
    valid_from: Mapped[dt.date | None]
    valid_to: Mapped[dt.date | None]

    @declared_attr
    def verified_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("users.id", use_alter=True))

    def valid_on(self, day: dt.date) -> bool:
        """Verified, and ``day`` within the validity period."""
        return (self.verification_status == "verified"
                and (self.valid_from is None or self.valid_from <= day)
                and (self.valid_to is None or day <= self.valid_to))


class Organisation(Verifiable, db.Model):
    """An organisation; ``verified`` mirrors a verification valid today (the badge and the
    rules read it through ``accounts.standing``)."""

    __tablename__ = "organisations"

    id: Mapped[IntPK]
    name: Mapped[ShortText] = mapped_column(unique=True)
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    kind: Mapped[Code]
    region_code: Mapped[RegionCode]
    verified: Mapped[bool] = mapped_column(default=False)
    # Organisations wait for their licence ("unsubmitted") before they queue ("pending").
    verification_status: Mapped[Code] = mapped_column(default="unsubmitted")
    description: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[Created]

    institution_profile: Mapped["InstitutionProfile | None"] = relationship(
        back_populates="organisation", uselist=False,
        foreign_keys="InstitutionProfile.org_id"
    )

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name}>"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[IntPK]
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Code]
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    # Only for zone administrators: the zone (GB/T 2260 code) they are bound to.
    zone_code: Mapped[str | None] = mapped_column(String(6))
    phone: Mapped[str] = mapped_column(String(32), default="")
    active: Mapped[bool] = mapped_column(default=True)
    # Raised to end every session and remember-me cookie of the user at once (sign out
    # everywhere, password change or reset, deactivation); cookies carry the value they
    # were issued with. It also voids any password-reset link sent before.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # False from self-registration until the link sent to the address is opened.
    email_confirmed: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[Created]

    organisation: Mapped[Organisation | None] = relationship(foreign_keys=[org_id])
    broker_profile: Mapped["BrokerProfile | None"] = relationship(
        back_populates="user", uselist=False, foreign_keys="BrokerProfile.user_id"
    )

    @property
    def is_active(self) -> bool:  # flask-login
        return self.active

    def get_id(self) -> str:  # flask-login: what the session and remember-me cookie hold
        return f"{self.id}:{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


class ApiToken(db.Model):
    """A scoped bearer token. Only the SHA-256 of the secret is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[IntPK]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    scopes: Mapped[list]
    created_at: Mapped[Created]
    last_used_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class Membership(Verifiable, db.Model):
    """A user's request to act for an organisation in a role. Until it is verified
    (approved by the organisation's administrator or the platform) the user has no
    organisation (``User.org_id`` is set on approval)."""

    __tablename__ = "memberships"

    id: Mapped[IntPK]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    role: Mapped[Code]
    created_at: Mapped[Created]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    organisation: Mapped[Organisation] = relationship(foreign_keys=[org_id])


class InstitutionProfile(Verifiable, db.Model):
    """技术转移机构 designation of an organisation (国家技术转移示范机构 with its batch and
    year; 高校/科研院所专业化技术转移机构), counted only once verified."""

    __tablename__ = "institution_profiles"

    id: Mapped[IntPK]
    org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), unique=True)
    level: Mapped[Code]
    services: Mapped[str] = mapped_column(Text, default="")
    recognised_on: Mapped[dt.date | None]
    batch: Mapped[str] = mapped_column(String(50), default="")
    designated_year: Mapped[int | None]

    organisation: Mapped[Organisation] = relationship(back_populates="institution_profile",
                                                      foreign_keys=[org_id])


class BrokerProfile(Verifiable, db.Model):
    """技术经纪人 profile attached to a broker user, with the 职业化技术经纪人 certificate
    (number, issuer, date; its expiry is ``valid_to``). A broker acts on cases and is
    counted only once verified."""

    __tablename__ = "broker_profiles"

    id: Mapped[IntPK]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    certificate_no: Mapped[str] = mapped_column(String(64), default="")
    certificate_issuer: Mapped[str] = mapped_column(String(200), default="")
    certificate_issued_on: Mapped[dt.date | None]
    level: Mapped[Code]
    institution_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    fields: Mapped[list]
    zone_code: Mapped[str | None] = mapped_column(String(6))

    user: Mapped[User] = relationship(back_populates="broker_profile", foreign_keys=[user_id])
    institution: Mapped[Organisation | None] = relationship(foreign_keys=[institution_org_id])


class VerificationPeriod(db.Model):
    """One span during which a broker credential or an institution designation stood
    verified, with what it said then (level, reference, region): opened when approved,
    ended when revoked, refused or resubmitted. Rows are never changed except to end
    them, so counts taken as of a past date do not move."""

    __tablename__ = "verification_periods"

    id: Mapped[IntPK]
    kind: Mapped[Code]  # "broker" or "institution"
    record_id: Mapped[int] = mapped_column(index=True)
    level: Mapped[Code]
    reference: Mapped[str] = mapped_column(String(200), default="")  # certificate no. / batch
    name: Mapped[ShortText]
    region_code: Mapped[str] = mapped_column(String(6), default="")
    verified_at: Mapped[dt.datetime]
    valid_from: Mapped[dt.date | None]
    valid_to: Mapped[dt.date | None]
    ended_at: Mapped[dt.datetime | None]
    end_reason: Mapped[str] = mapped_column(String(32), default="")
