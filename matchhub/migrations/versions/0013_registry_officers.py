"""contracts: registry officers (技术合同登记员) per zone, the submitter's evidence file,
the return reason and who confirmed a contract. Contracts already active stay active: they
were recognised under the earlier rule.

Revision ID: 0013
Revises: 0014
Create Date: 2026-12-05 05:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "registry_officers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("zone_code", sa.String(length=6), nullable=False),
        sa.Column("office_name", sa.String(length=200), nullable=False),
        sa.Column("appointed_by_id", sa.Integer(), nullable=True),
        sa.Column("appointed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_by_id", sa.Integer(), nullable=True),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_registry_officers_user_id_users")),
        sa.ForeignKeyConstraint(["appointed_by_id"], ["users.id"],
                                name=op.f("fk_registry_officers_appointed_by_id_users")),
        sa.ForeignKeyConstraint(["removed_by_id"], ["users.id"],
                                name=op.f("fk_registry_officers_removed_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_officers")),
    )
    with op.batch_alter_table("registry_officers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_registry_officers_user_id"), ["user_id"],
                              unique=False)
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("return_reason", sa.Text(), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("evidence_name", sa.String(length=200), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("evidence_path", sa.String(length=64), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("confirmed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("confirmed_at", sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_contracts_confirmed_by_id_users"), "users",
                                    ["confirmed_by_id"], ["id"])


def downgrade():
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_contracts_confirmed_by_id_users"),
                                 type_="foreignkey")
        batch_op.drop_column("confirmed_at")
        batch_op.drop_column("confirmed_by_id")
        batch_op.drop_column("evidence_path")
        batch_op.drop_column("evidence_name")
        batch_op.drop_column("return_reason")
    with op.batch_alter_table("registry_officers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registry_officers_user_id"))
    op.drop_table("registry_officers")
