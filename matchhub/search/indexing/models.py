"""The search outbox: one row per change to a searchable item, written in the same
transaction as the change, drained by the indexer (``python -m indexer run``)."""

import datetime as dt

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from matchhub.core.db_types import Code, Created, utcnow
from matchhub.core.extensions import db

# SQLite only autoincrements an INTEGER primary key; elsewhere ids may pass 2**31.
OutboxId = BigInteger().with_variant(Integer(), "sqlite")

PENDING = "pending"
DEAD = "dead"


class OutboxEntry(db.Model):
    """A change to (item_type, item_id). It carries no payload: draining re-reads the row,
    so applying an entry twice, or out of date, still leaves the index as the database is."""

    __tablename__ = "search_outbox"
    __table_args__ = (Index("ix_search_outbox_state_id", "state", "id"),)

    id: Mapped[int] = mapped_column(OutboxId, primary_key=True, autoincrement=True)
    item_type: Mapped[Code]
    item_id: Mapped[int]
    state: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[Created]

    @property
    def key(self) -> tuple[str, int]:
        return self.item_type, self.item_id
