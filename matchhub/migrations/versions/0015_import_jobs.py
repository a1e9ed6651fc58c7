"""import jobs: large imports run in the background, their rows staged before one final
transaction writes them

Revision ID: 0015
Revises: 0019
Create Date: 2026-12-05 05:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'import_jobs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(32), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.Column('via', sa.String(8), nullable=False),
        sa.Column('filename', sa.String(200), nullable=False),
        sa.Column('file_path', sa.String(300), nullable=False),
        sa.Column('mapping', sa.JSON(), nullable=True),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(32), nullable=False),
        sa.Column('phase', sa.String(16), nullable=False),
        sa.Column('rows_done', sa.Integer(), nullable=False),
        sa.Column('rows_total', sa.Integer(), nullable=True),
        sa.Column('report', sa.JSON(), nullable=True),
        sa.Column('error', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['owner_id'], ['users.id'],
                                name=op.f('fk_import_jobs_owner_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_import_jobs')),
    )
    op.create_index(op.f('ix_import_jobs_owner_id'), 'import_jobs', ['owner_id'])
    op.create_index(op.f('ix_import_jobs_status'), 'import_jobs', ['status'])
    op.create_table(
        'import_staged_rows',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('job_id', sa.Integer(), nullable=False),
        sa.Column('row_number', sa.Integer(), nullable=False),
        sa.Column('values', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['job_id'], ['import_jobs.id'], ondelete='CASCADE',
                                name=op.f('fk_import_staged_rows_job_id_import_jobs')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_import_staged_rows')),
    )
    op.create_index(op.f('ix_import_staged_rows_job_id'), 'import_staged_rows', ['job_id'])


def downgrade():
    op.drop_index(op.f('ix_import_staged_rows_job_id'), table_name='import_staged_rows')
    op.drop_table('import_staged_rows')
    op.drop_index(op.f('ix_import_jobs_status'), table_name='import_jobs')
    op.drop_index(op.f('ix_import_jobs_owner_id'), table_name='import_jobs')
    op.drop_table('import_jobs')
