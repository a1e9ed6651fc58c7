"""Import jobs (a large file imported in the background, its progress polled), the rows
a job has checked and staged before its one final transaction writes them, and column
maps saved by name for the next file with the same headers."""

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matchhub.core.db_types import Code, Created, IntPK, ShortText
from matchhub.core.extensions import db

STATUSES = ("queued", "running", "succeeded", "failed")
FINISHED = ("succeeded", "failed")


class ImportJob(db.Model):
    """One uploaded file being imported: who asked, where the file waits in the data dir,
    how far the worker got (``heartbeat_at`` shows it is alive) and the report or error."""

    __tablename__ = "import_jobs"

    id: Mapped[IntPK]
    kind: Mapped[Code]  # a registered job kind, e.g. "contracts"
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    via: Mapped[str] = mapped_column(String(8), default="web")  # web | api | cli
    filename: Mapped[ShortText]  # as uploaded
    file_path: Mapped[str] = mapped_column(String(300), default="")  # under the data dir
    # The column map chosen by the user ({field: file header}), None: by headers.
    mapping: Mapped[dict | None] = mapped_column(default=None)
    options: Mapped[dict] = mapped_column(default=dict)  # the kind's, e.g. apply_corrections
    status: Mapped[Code] = mapped_column(default="queued", index=True)
    phase: Mapped[str] = mapped_column(String(16), default="")  # checking | writing
    rows_done: Mapped[int] = mapped_column(default=0)
    rows_total: Mapped[int | None] = mapped_column(default=None)  # an estimate until done
    report: Mapped[dict | None] = mapped_column(default=None)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[Created]
    started_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    finished_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


class StagedRow(db.Model):
    """One checked row of a running job, as JSON values ready to insert; deleted when the
    job's final transaction writes them or the job fails."""

    __tablename__ = "import_staged_rows"

    id: Mapped[IntPK]
    job_id: Mapped[int] = mapped_column(ForeignKey("import_jobs.id", ondelete="CASCADE"),
                                        index=True)
    row_number: Mapped[int]
    values: Mapped[dict]


class SavedColumnMap(db.Model):
    """A named column map (``{field: file header}``) for one kind of import.

    It belongs to an organisation (shared by its members) when its author has one, else
    to its author alone; ``owner`` is ``org:<id>`` or ``user:<id>`` so that a name is
    unique per owner and kind on every database.
    """

    __tablename__ = "import_column_maps"
    __table_args__ = (UniqueConstraint("owner", "kind", "name",
                                       name="uq_import_column_maps_owner_kind_name"),)

    id: Mapped[IntPK]
    owner: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # contracts, catalog.achievement, ...
    name: Mapped[str] = mapped_column(String(60))
    columns: Mapped[dict]
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[Created]
