"""review desk: people, sessions, failed logins, the action log, compensating updates

Revision ID: 0003_desk
Revises: 0001
Create Date: 2026-12-06 03:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = '0003_desk'
down_revision: Union[str, Sequence[str], None] = '0002_live'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table('desk_users',
    sa.Column('id', BigId, autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('desk_sessions',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', BigId, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['desk_users.id'], ),
    sa.PrimaryKeyConstraint('token_hash')
    )
    op.create_index('ix_desk_sessions_user_id', 'desk_sessions', ['user_id'], unique=False)
    op.create_table('desk_login_failures',
    sa.Column('id', BigId, autoincrement=True, nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_desk_login_failures_username', 'desk_login_failures', ['username'], unique=False)
    op.create_index('ix_desk_login_failures_address', 'desk_login_failures', ['address'], unique=False)
    op.create_table('desk_keys',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=255), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('review_actions',
    sa.Column('id', BigId, autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('email_id', BigId, nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('person', sa.String(length=128), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('claim_id', BigId, nullable=True),
    sa.Column('claim_update_id', BigId, nullable=True),
    sa.Column('old_amount', sa.Numeric(precision=14, scale=2, asdecimal=True), nullable=True),
    sa.Column('new_amount', sa.Numeric(precision=14, scale=2, asdecimal=True), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('override', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['email_id'], ['emails.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_review_actions_email_id', 'review_actions', ['email_id'], unique=False)
    op.create_index('ix_review_actions_at', 'review_actions', ['at'], unique=False)
    with op.batch_alter_table('claim_updates') as batch:
        batch.add_column(sa.Column('reverts_update_id', BigId, nullable=True))
        batch.add_column(sa.Column('reverted_by_update_id', BigId, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('claim_updates') as batch:
        batch.drop_column('reverted_by_update_id')
        batch.drop_column('reverts_update_id')
    op.drop_index('ix_review_actions_at', table_name='review_actions')
    op.drop_index('ix_review_actions_email_id', table_name='review_actions')
    op.drop_table('review_actions')
    op.drop_table('desk_keys')
    op.drop_index('ix_desk_login_failures_address', table_name='desk_login_failures')
    op.drop_index('ix_desk_login_failures_username', table_name='desk_login_failures')
    op.drop_table('desk_login_failures')
    op.drop_index('ix_desk_sessions_user_id', table_name='desk_sessions')
    op.drop_table('desk_sessions')
    op.drop_table('desk_users')
