"""users: session_version (revocable sessions) and email_confirmed (self-registration)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 03:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_version", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.add_column(sa.Column("email_confirmed", sa.Boolean(), nullable=False,
                                      server_default=sa.true()))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("email_confirmed")
        batch_op.drop_column("session_version")
