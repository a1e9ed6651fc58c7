"""verification_periods (history of broker and institution verifications, counted as of
a date), zone_report_sections (the yearly report's narrative, written in the app), the
province's review of reported values and its approval of featured indicators' targets

Revision ID: 0018
Revises: 0013
Create Date: 2026-12-05 05:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'verification_periods',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(32), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('level', sa.String(32), nullable=False),
        sa.Column('reference', sa.String(200), nullable=False),
        sa.Column('name', sa.String(200), nullable=False),
        sa.Column('region_code', sa.String(6), nullable=False),
        sa.Column('verified_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=True),
        sa.Column('valid_to', sa.Date(), nullable=True),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('end_reason', sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_verification_periods')),
    )
    op.create_index(op.f('ix_verification_periods_record_id'), 'verification_periods',
                    ['record_id'])
    _backfill()
    op.create_table(
        'zone_report_sections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('zone_code', sa.String(6), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('section', sa.String(32), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'],
                                name=op.f('fk_zone_report_sections_updated_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_zone_report_sections')),
        sa.UniqueConstraint('zone_code', 'year', 'section',
                            name=op.f('uq_zone_report_sections_zone_code')),
    )
    with op.batch_alter_table('zone_reported_values', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review_status', sa.String(32), nullable=False,
                                      server_default='submitted'))
        batch_op.add_column(sa.Column('review_note', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('reviewed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_zone_reported_values_reviewed_by_id_users'), 'users',
                                    ['reviewed_by_id'], ['id'])
    with op.batch_alter_table('zone_featured_indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_status', sa.String(32), nullable=False,
                                      server_default='proposed'))
        batch_op.add_column(sa.Column('target_approved_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('target_approved_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_zone_featured_indicators_target_approved_by_id_users'),
                                    'users', ['target_approved_by_id'], ['id'])


BROKERS = """
INSERT INTO verification_periods (kind, record_id, level, reference, name, region_code,
    verified_at, valid_from, valid_to, end_reason)
SELECT 'broker', b.id, b.level, b.certificate_no, u.display_name,
    COALESCE(b.zone_code, o.region_code, ''), COALESCE(b.verified_at, CURRENT_TIMESTAMP),
    b.valid_from, b.valid_to, ''
FROM broker_profiles b JOIN users u ON u.id = b.user_id
LEFT JOIN organisations o ON o.id = u.org_id
WHERE b.verification_status = 'verified'
"""
INSTITUTIONS = """
INSERT INTO verification_periods (kind, record_id, level, reference, name, region_code,
    verified_at, valid_from, valid_to, end_reason)
SELECT 'institution', i.id, i.level, i.batch, o.name, o.region_code,
    COALESCE(i.verified_at, CURRENT_TIMESTAMP), i.valid_from, i.valid_to, ''
FROM institution_profiles i JOIN organisations o ON o.id = i.org_id
WHERE i.verification_status = 'verified'
"""


def _backfill():
    """Records verified before the history existed stand verified from their decision."""
    op.execute(BROKERS)
    op.execute(INSTITUTIONS)


def downgrade():
    with op.batch_alter_table('zone_featured_indicators', schema=None) as batch_op:
        batch_op.drop_constraint('fk_zone_featured_indicators_target_approved_by_id_users',
                                 type_='foreignkey')
        batch_op.drop_column('target_approved_at')
        batch_op.drop_column('target_approved_by_id')
        batch_op.drop_column('target_status')
    with op.batch_alter_table('zone_reported_values', schema=None) as batch_op:
        batch_op.drop_constraint('fk_zone_reported_values_reviewed_by_id_users',
                                 type_='foreignkey')
        batch_op.drop_column('reviewed_at')
        batch_op.drop_column('reviewed_by_id')
        batch_op.drop_column('review_note')
        batch_op.drop_column('review_status')
    op.drop_table('zone_report_sections')
    op.drop_index(op.f('ix_verification_periods_record_id'), table_name='verification_periods')
    op.drop_table('verification_periods')
