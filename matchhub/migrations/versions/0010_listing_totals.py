"""published lists count their total from an index

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 06:20:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

END_COLUMNS = {"achievements": "valid_until", "needs": "deadline"}


def upgrade():
    for table, end in END_COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f"ix_{table}_end_status", [end, "status"], unique=False)


def downgrade():
    for table in reversed(END_COLUMNS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_end_status")
