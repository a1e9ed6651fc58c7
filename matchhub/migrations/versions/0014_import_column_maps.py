"""import_column_maps: column maps saved by name for imports with other headers

Revision ID: 0014
Revises: 0016
Create Date: 2026-12-05 05:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "import_column_maps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name=op.f("fk_import_column_maps_created_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_column_maps")),
        sa.UniqueConstraint("owner", "kind", "name",
                            name="uq_import_column_maps_owner_kind_name"),
    )
    with op.batch_alter_table("import_column_maps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_column_maps_owner"), ["owner"],
                              unique=False)


def downgrade():
    with op.batch_alter_table("import_column_maps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_column_maps_owner"))
    op.drop_table("import_column_maps")
