"""who is who: membership requests; verification of organisations, broker credentials and
transfer-institution designations; contracts registered by others wait (pending)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 03:00:00

Existing organisations keep their state (verified ones count as verified, the others wait
for their licence); existing broker credentials and designations wait for verification;
existing members get an approved membership record; existing active contracts whose
registrant is neither a platform administrator nor an administrator of the seller's zone
become pending (待认定) and leave the figures.
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

VERIFIABLE = ("organisations", "institution_profiles", "broker_profiles")


def _verification_columns(table: str, default_status: str) -> list[sa.Column]:
    return [
        sa.Column('verification_status', sa.String(32), nullable=False,
                  server_default=default_status),
        sa.Column('evidence_name', sa.String(200), nullable=False, server_default=''),
        sa.Column('evidence_path', sa.String(64), nullable=False, server_default=''),
        sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('decision_note', sa.String(500), nullable=False, server_default=''),
        sa.Column('valid_from', sa.Date(), nullable=True),
        sa.Column('valid_to', sa.Date(), nullable=True),
        sa.Column('verified_by_id', sa.Integer(), nullable=True),
    ]


def _extend(table: str, default_status: str, extra: list[sa.Column]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in [*_verification_columns(table, default_status), *extra]:
            batch_op.add_column(column)
        batch_op.create_foreign_key(op.f(f'fk_{table}_verified_by_id_users'), 'users',
                                    ['verified_by_id'], ['id'])


def _memberships() -> None:
    op.create_table(
        'memberships',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(32), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        *_verification_columns('memberships', 'pending'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_memberships_user_id_users')),
        sa.ForeignKeyConstraint(['org_id'], ['organisations.id'],
                                name=op.f('fk_memberships_org_id_organisations')),
        sa.ForeignKeyConstraint(['verified_by_id'], ['users.id'],
                                name=op.f('fk_memberships_verified_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships')),
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_memberships_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_memberships_org_id'), ['org_id'], unique=False)


def _backfill() -> None:
    op.execute("UPDATE organisations SET verification_status = 'verified' WHERE verified")
    op.execute("INSERT INTO memberships (user_id, org_id, role, created_at, "
               "verification_status, evidence_name, evidence_path, decision_note) "
               "SELECT id, org_id, role, created_at, 'verified', '', '', '迁移前已有成员' "
               "FROM users WHERE org_id IS NOT NULL")
    op.execute("UPDATE contracts SET status = 'pending' WHERE status = 'active' AND NOT EXISTS "
               "(SELECT 1 FROM users u WHERE u.id = contracts.created_by_id AND "
               "(u.role = 'platform_admin' OR (u.role = 'zone_admin' "
               "AND u.zone_code = contracts.seller_zone))) "
               "AND created_by_id IS NOT NULL")


def upgrade():
    _extend('organisations', 'unsubmitted', [])
    _extend('institution_profiles', 'pending', [
        sa.Column('batch', sa.String(50), nullable=False, server_default=''),
        sa.Column('designated_year', sa.Integer(), nullable=True)])
    _extend('broker_profiles', 'pending', [
        sa.Column('certificate_issuer', sa.String(200), nullable=False, server_default=''),
        sa.Column('certificate_issued_on', sa.Date(), nullable=True)])
    _memberships()
    _backfill()


def downgrade():
    op.execute("UPDATE contracts SET status = 'active' WHERE status = 'pending'")
    op.drop_table('memberships')
    extra = {"institution_profiles": ('batch', 'designated_year'),
             "broker_profiles": ('certificate_issuer', 'certificate_issued_on'),
             "organisations": ()}
    for table in reversed(VERIFIABLE):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f'fk_{table}_verified_by_id_users'),
                                     type_='foreignkey')
            for name in (*extra[table], 'verified_by_id', 'valid_to', 'valid_from',
                         'decision_note', 'verified_at', 'evidence_path', 'evidence_name',
                         'verification_status'):
                batch_op.drop_column(name)
