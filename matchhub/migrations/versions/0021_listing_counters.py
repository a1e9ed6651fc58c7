"""published lists: a counter per item type kept by triggers (total and change version)

Revision ID: 0021
Revises: 0012
Create Date: 2026-12-05 05:15:00

"""
import time

import sqlalchemy as sa
from alembic import op

from matchhub.catalog.counter_triggers import ITEM_TABLES, create_sql, drop_sql

END_COLUMNS = {"achievements": "valid_until", "needs": "deadline"}

# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "listing_counters",
        sa.Column("item_type", sa.String(length=16), nullable=False),
        sa.Column("published", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("item_type", name=op.f("pk_listing_counters")),
    )
    # Versions start from the clock, so a database created again (a demo reset) never
    # repeats a version that a running server may still hold pages for.
    start = int(time.time())
    for kind, table in ITEM_TABLES.items():
        op.execute(f"INSERT INTO listing_counters (item_type, published, version) "
                   f"SELECT '{kind}', COUNT(*), {start} FROM {table} "
                   f"WHERE status = 'published'")
    for statement in create_sql(op.get_bind().dialect.name):
        op.execute(statement)
    for table, end in END_COLUMNS.items():
        op.create_index(f"ix_{table}_status_end", table, ["status", end], unique=False)


def downgrade():
    for table in END_COLUMNS:
        op.drop_index(f"ix_{table}_status_end", table_name=table)
    for statement in drop_sql(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table("listing_counters")
