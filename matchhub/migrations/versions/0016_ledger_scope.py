"""parties abroad (country code), contracts registered in another province (外省登记),
and zones' official published figures

Revision ID: 0016
Revises: 0021
Create Date: 2026-12-05 05:10:00

Existing contracts get no country; the 外省登记 flag is set from the seller's province
against the configured home province (config/zones.json).
"""
import sqlalchemy as sa
from alembic import op

from matchhub.core.regions import home_province

revision = '0016'
down_revision = '0021'
branch_labels = None
depends_on = None


def _contracts() -> None:
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seller_country', sa.String(3), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('buyer_country', sa.String(3), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('registered_elsewhere', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.create_index('ix_contracts_registered_elsewhere',
                              ['registered_elsewhere', 'registered_on'], unique=False)
    contracts = sa.table('contracts', sa.column('seller_province', sa.String),
                         sa.column('registered_elsewhere', sa.Boolean))
    op.execute(contracts.update()
               .where(contracts.c.seller_province != home_province().code)
               .where(contracts.c.seller_province != '')
               .values(registered_elsewhere=True))


def _official_figures() -> None:
    op.create_table(
        'zone_official_figures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('scope_code', sa.String(6), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('period', sa.String(2), nullable=False),
        sa.Column('caliber', sa.String(32), nullable=False),
        sa.Column('volume', sa.Numeric(16, 2), nullable=True),
        sa.Column('contract_count', sa.Integer(), nullable=True),
        sa.Column('published_on', sa.Date(), nullable=True),
        sa.Column('source_note', sa.Text(), nullable=False),
        sa.Column('source_url', sa.String(500), nullable=False),
        sa.Column('evidence_name', sa.String(200), nullable=False),
        sa.Column('evidence_path', sa.String(300), nullable=False),
        sa.Column('entered_by_id', sa.Integer(), nullable=True),
        sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'],
                                name=op.f('fk_zone_official_figures_entered_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_zone_official_figures')),
    )
    op.create_index('ix_zone_official_figures_scope', 'zone_official_figures',
                    ['scope_code', 'year'], unique=False)


def upgrade():
    _contracts()
    _official_figures()


def downgrade():
    op.drop_index('ix_zone_official_figures_scope', table_name='zone_official_figures')
    op.drop_table('zone_official_figures')
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_index('ix_contracts_registered_elsewhere')
        batch_op.drop_column('registered_elsewhere')
        batch_op.drop_column('buyer_country')
        batch_op.drop_column('seller_country')
