"""live path: person's decisions, runs, content dedupe, quarantine
resolution, indexes for every tail filter

Revision ID: 0002_live
Revises: 0001
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0002_live'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('metric_rollups',
                    sa.Column('name', sa.String(length=64), nullable=False),
                    sa.Column('label', sa.String(length=200), nullable=False),
                    sa.Column('value', sa.Numeric(precision=20, scale=6, asdecimal=False), nullable=False),
                    sa.PrimaryKeyConstraint('name', 'label'))
    with op.batch_alter_table('emails', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decided_by', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('runs', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('run_base', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('content_key', sa.String(length=128), nullable=True))
        batch_op.create_index('ix_emails_content_key_received', ['content_key', 'received_at'], unique=False)
        batch_op.create_index('ix_emails_decided_by', ['decided_by'], unique=False)
    with op.batch_alter_table('quarantine', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=16), nullable=False, server_default='waiting'))
        batch_op.add_column(sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('resolved_by', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('resolution', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('email_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
                                      nullable=True))
        batch_op.add_column(sa.Column('alerted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_quarantine_status', ['status'], unique=False)
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_kind', ['kind'], unique=False)
        batch_op.create_index('ix_events_level', ['level'], unique=False)
        batch_op.create_index('ix_events_to_status', ['to_status'], unique=False)
        batch_op.create_index('ix_events_from_status', ['from_status'], unique=False)


def downgrade() -> None:
    op.drop_table('metric_rollups')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_from_status')
        batch_op.drop_index('ix_events_to_status')
        batch_op.drop_index('ix_events_level')
        batch_op.drop_index('ix_events_kind')
    with op.batch_alter_table('quarantine', schema=None) as batch_op:
        batch_op.drop_index('ix_quarantine_status')
        for column in ('alerted_at', 'email_id', 'resolution', 'resolved_by', 'resolved_at', 'status'):
            batch_op.drop_column(column)
    with op.batch_alter_table('emails', schema=None) as batch_op:
        batch_op.drop_index('ix_emails_decided_by')
        batch_op.drop_index('ix_emails_content_key_received')
        for column in ('content_key', 'run_base', 'runs', 'decided_by'):
            batch_op.drop_column(column)
