"""zone construction plans, yearly reports and final assessments

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 03:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('zone_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('zone_code', sa.String(length=6), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('start_year', sa.Integer(), nullable=False),
    sa.Column('end_year', sa.Integer(), nullable=False),
    sa.Column('target_volume', sa.Numeric(precision=16, scale=2), nullable=True),
    sa.Column('document_name', sa.String(length=200), nullable=False),
    sa.Column('document_path', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('review_note', sa.Text(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_zone_plans_submitted_by_id_users')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_zone_plans_reviewed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zone_plans')),
    sa.UniqueConstraint('zone_code', name=op.f('uq_zone_plans_zone_code'))
    )
    op.create_table('zone_year_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('zone_code', sa.String(length=6), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('document_name', sa.String(length=200), nullable=False),
    sa.Column('document_path', sa.String(length=300), nullable=False),
    sa.Column('generated', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('indicators', sa.JSON(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_zone_year_reports_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zone_year_reports')),
    sa.UniqueConstraint('zone_code', 'year', name=op.f('uq_zone_year_reports_zone_code'))
    )
    op.create_table('zone_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('zone_code', sa.String(length=6), nullable=False),
    sa.Column('start_year', sa.Integer(), nullable=False),
    sa.Column('end_year', sa.Integer(), nullable=False),
    sa.Column('conclusion', sa.String(length=32), nullable=False),
    sa.Column('score', sa.Numeric(precision=5, scale=1), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('history', sa.JSON(), nullable=False),
    sa.Column('assessed_by_id', sa.Integer(), nullable=True),
    sa.Column('assessed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assessed_by_id'], ['users.id'], name=op.f('fk_zone_assessments_assessed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zone_assessments'))
    )
    with op.batch_alter_table('zone_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zone_assessments_zone_code'), ['zone_code'], unique=False)


def downgrade():
    with op.batch_alter_table('zone_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zone_assessments_zone_code'))
    op.drop_table('zone_assessments')
    op.drop_table('zone_year_reports')
    op.drop_table('zone_plans')
