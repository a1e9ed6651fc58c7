"""One audit entry per security-relevant event.

The audit log sits below accounts: it names its actor's table and class by name only
(``users.id``, ``"User"``), so recording an entry never imports the accounts package.
"""

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchhub.core.db_types import Created, IntPK
from matchhub.core.extensions import db

if TYPE_CHECKING:
    from matchhub.accounts.models import User


class AuditEntry(db.Model):
    """``action`` is a dotted name (``login.failure``, ``listing.approve``); the target is a
    (type, id) pointer, e.g. to a contract whose field changes ContractChange keeps."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_action_id", "action", "id"),)

    id: Mapped[IntPK]
    at: Mapped[Created]
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(32), default="")
    target_id: Mapped[int | None]
    summary: Mapped[str] = mapped_column(String(500), default="")
    ip: Mapped[str] = mapped_column(String(45), default="")
    details: Mapped[dict] = mapped_column(default=dict)

    actor: Mapped["User | None"] = relationship("User")

