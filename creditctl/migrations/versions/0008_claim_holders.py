"""The claim's holder history: a claim sold or assigned to a new holder

``claim_holders``: one row per holder change a person recorded (``creditctl review sold``,
the desk's "Forderung verkauft / abgetreten"): the previous and the new holder, the email
that reported it, when and by whom, and when it was undone.

Revision ID: 0008_holders
Revises: 0007_mirror
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008_holders'
down_revision: str | Sequence[str] | None = '0007_mirror'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    big_id = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
    op.create_table(
        'claim_holders',
        sa.Column('id', big_id, autoincrement=True, nullable=False),
        sa.Column('claim_id', big_id, nullable=False),
        sa.Column('email_id', big_id, nullable=False),
        sa.Column('old_creditor_name', sa.String(length=320), nullable=False),
        sa.Column('old_agent_name', sa.String(length=320), nullable=True),
        sa.Column('old_creditor_emails', sa.JSON(), nullable=False),
        sa.Column('old_creditor_domain', sa.String(length=255), nullable=True),
        sa.Column('old_creditor_reference', sa.String(length=128), nullable=True),
        sa.Column('new_creditor_name', sa.String(length=320), nullable=False),
        sa.Column('new_agent_name', sa.String(length=320), nullable=True),
        sa.Column('new_creditor_emails', sa.JSON(), nullable=False),
        sa.Column('new_creditor_domain', sa.String(length=255), nullable=True),
        sa.Column('new_creditor_reference', sa.String(length=128), nullable=True),
        sa.Column('sold_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('recorded_by', sa.String(length=128), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('undone_by', sa.String(length=128), nullable=True),
        sa.ForeignKeyConstraint(['claim_id'], ['claims.id']),
        sa.ForeignKeyConstraint(['email_id'], ['emails.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('claim_holders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_holders_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_holders_email_id'), ['email_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('claim_holders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_holders_email_id'))
        batch_op.drop_index(batch_op.f('ix_claim_holders_claim_id'))
    op.drop_table('claim_holders')
