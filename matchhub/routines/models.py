"""One row per daily routine and day: claimed when the run starts, finished when done."""

import datetime as dt

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matchhub.core.db_types import Code, Created, IntPK
from matchhub.core.extensions import db


class RoutineRun(db.Model):
    __tablename__ = "routine_runs"
    __table_args__ = (UniqueConstraint("name", "run_on"),)

    id: Mapped[IntPK]
    name: Mapped[Code]
    run_on: Mapped[dt.date]  # the local day (core clock) the run belongs to
    started_at: Mapped[Created]
    finished_at: Mapped[dt.datetime | None]
    outcome: Mapped[str] = mapped_column(String(500), default="")
