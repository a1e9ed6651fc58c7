"""Registered technology contracts (技术合同登记) and the audit trail of their edits."""

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchhub.accounts.models import Organisation, User
from matchhub.core.db_types import Code, Created, IntPK, Money, RegionCode, ShortText, utcnow
from matchhub.core.extensions import db

SELLER_COVER = ("seller_zone", "registered_on", "seller_province", "status", "contract_type",
                "seller_party_type", "tech_field", "ip_type", "volume", "tech_income")
BUYER_COVER = ("buyer_zone", "registered_on", "buyer_province", "status", "ip_type", "volume",
               "tech_income")


class Contract(db.Model):
    """One registered contract. ``seller_zone``/``buyer_zone``, the province codes and
    ``registered_elsewhere`` are derived from the region codes when the row is written, so
    indicators GROUP BY them. A party abroad has no region code (zone and province "") but
    its country's code: it counts in no zone's and no province's figures."""

    __tablename__ = "contracts"

    id: Mapped[IntPK]
    registration_number: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[ShortText]
    contract_type: Mapped[Code]
    contract_subtype: Mapped[str] = mapped_column(String(32), default="")
    signed_on: Mapped[dt.date]
    registered_on: Mapped[dt.date]
    volume: Mapped[Money]  # 合同成交额, 元
    tech_income: Mapped[Money]  # 技术交易额, 元; never more than volume
    seller_name: Mapped[ShortText]
    seller_party_type: Mapped[Code]
    seller_region_code: Mapped[RegionCode]  # "" for a party abroad
    seller_country: Mapped[str] = mapped_column(String(3), default="")  # abroad: ISO 3166-1
    seller_zone: Mapped[str] = mapped_column(String(6), default="")
    seller_province: Mapped[RegionCode]
    buyer_name: Mapped[ShortText]
    buyer_party_type: Mapped[Code]
    buyer_region_code: Mapped[RegionCode]
    buyer_country: Mapped[str] = mapped_column(String(3), default="")
    buyer_zone: Mapped[str] = mapped_column(String(6), default="")
    buyer_province: Mapped[RegionCode]
    # 外省登记: the seller is in another province, so the contract was registered there;
    # it counts only for 吸纳 (buyer caliber). Derived with the zone columns.
    registered_elsewhere: Mapped[bool] = mapped_column(default=False)
    tech_field: Mapped[Code]
    ip_type: Mapped[Code]
    # pending (待认定) -> active (认定登记, counted) or returned (退回, fixed and resubmitted);
    # cancelled (撤销). Only active contracts count in any figure.
    status: Mapped[Code] = mapped_column(default="active")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    return_reason: Mapped[str] = mapped_column(Text, default="")
    # The signed contract a submitter sends as evidence (stored under contracts/).
    evidence_name: Mapped[str] = mapped_column(String(200), default="")
    evidence_path: Mapped[str] = mapped_column(String(64), default="")
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_at: Mapped[dt.datetime | None]
    # Where the deal came from, when MatchHub carried it.
    seller_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    buyer_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    achievement_id: Mapped[int | None] = mapped_column(ForeignKey("achievements.id"))
    need_id: Mapped[int | None] = mapped_column(ForeignKey("needs.id"))
    broker_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    match_case_id: Mapped[int | None] = mapped_column(ForeignKey("match_cases.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[Created]
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    seller_org: Mapped[Organisation | None] = relationship(foreign_keys=[seller_org_id])
    buyer_org: Mapped[Organisation | None] = relationship(foreign_keys=[buyer_org_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    confirmed_by: Mapped[User | None] = relationship(foreign_keys=[confirmed_by_id])
    changes: Mapped[list["ContractChange"]] = relationship(
        order_by="ContractChange.id", viewonly=True)

    __table_args__ = (
        # The yearly report groups by zone over a registration-date range. Each index holds
        # every column its queries read, so they are answered from the index alone: SQLite
        # skip-scans the zone-first ones, PostgreSQL (no skip scan before 18) range-scans
        # the date-first ones. 1M contracts: see bench/zones_report.py and the README.
        Index("ix_contracts_seller_zone_cover", *SELLER_COVER),
        Index("ix_contracts_buyer_zone_cover", *BUYER_COVER),
        Index("ix_contracts_registered_seller_cover", "registered_on", "seller_zone",
              *SELLER_COVER[2:]),
        Index("ix_contracts_registered_buyer_cover", "registered_on", "buyer_zone",
              *BUYER_COVER[2:]),
        # The few contracts registered in other provinces, for the 吸纳 provenance.
        Index("ix_contracts_registered_elsewhere", "registered_elsewhere", "registered_on"),
    )

    def __repr__(self) -> str:
        return f"<Contract {self.registration_number}>"


class ContractChange(db.Model):
    """Who changed which field of a contract, from what to what (and creations, cancels)."""

    __tablename__ = "contract_changes"

    id: Mapped[IntPK]
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"),
                                             index=True)
    # create | update | cancel | import | submit | confirm | return | correct
    action: Mapped[Code]
    field: Mapped[str] = mapped_column(String(64), default="")
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[Created]

    user: Mapped[User | None] = relationship()


class RegistryOfficer(db.Model):
    """An appointment of a user as 技术合同登记员 of a 登记机构 for one zone: the officer
    confirms (认定登记), corrects and cancels contracts whose SELLER is in that zone.
    Removal keeps the row (``removed_at``), so who was an officer when stays on record."""

    __tablename__ = "registry_officers"

    id: Mapped[IntPK]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    zone_code: Mapped[RegionCode]
    office_name: Mapped[ShortText]  # 登记机构, e.g. 兰州市技术市场管理办公室
    appointed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    appointed_at: Mapped[Created]
    removed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    removed_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
