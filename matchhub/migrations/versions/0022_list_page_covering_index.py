"""public list pages: the newest-first index also holds the end date

Revision ID: 0022
Revises: 0015
Create Date: 2026-12-05 08:10:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0015'
branch_labels = None
depends_on = None

# Plain create/drop, not batch mode: batch mode may recreate a SQLite table, which
# would drop the listing counters' triggers on it.
TABLES = {"achievements": "valid_until", "needs": "deadline"}


def upgrade():
    for table, end in TABLES.items():
        op.create_index(f"ix_{table}_status_created_end", table,
                        ["status", "created_at", "id", end], unique=False)
        op.drop_index(f"ix_{table}_status_created", table_name=table)


def downgrade():
    for table in TABLES:
        op.create_index(f"ix_{table}_status_created", table, ["status", "created_at", "id"],
                        unique=False)
        op.drop_index(f"ix_{table}_status_created_end", table_name=table)
