"""published lists read newest first from an index

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 04:45:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    for table in ("achievements", "needs"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f"ix_{table}_status_created", ["status", "created_at", "id"],
                                  unique=False)


def downgrade():
    for table in ("needs", "achievements"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_status_created")
