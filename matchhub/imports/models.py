"""Column maps saved by name, for the next file with the same headers."""

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matchhub.core.db_types import Created, IntPK
from matchhub.core.extensions import db


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
