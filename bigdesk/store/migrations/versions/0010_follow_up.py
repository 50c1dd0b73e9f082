"""After the workshop: benefits in the cascade, check-ins on key results, initiatives and
benefits, the session a follow-up follows, and the versions of the pitch and mandate the
executives agreed.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


ELEMENT_TYPES = ("purpose", "vision", "driver", "objective", "key_result", "initiative")


def _element_type(*types: str) -> sa.Enum:
    return sa.Enum(*types, name="element_type", native_enum=False, create_constraint=True,
                   length=20)


def upgrade() -> None:
    # -- benefits join the cascade: the element table's type takes one more value
    with op.batch_alter_table("element") as batch:
        batch.alter_column("type", type_=_element_type(*ELEMENT_TYPES, "benefit"),
                           existing_type=_element_type(*ELEMENT_TYPES), existing_nullable=False)
    op.create_table('check_in',
    sa.Column('element_id', sa.Integer(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('progress', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=100), nullable=False),
    sa.Column('confidence', sa.Enum('low', 'medium', 'high', name='check_in_confidence',
                                    native_enum=False, create_constraint=True, length=20),
              nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('made_by', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('progress BETWEEN 0 AND 100', name=op.f('ck_check_in_progress_range')),
    sa.ForeignKeyConstraint(['element_id'], ['element.id'],
                            name=op.f('fk_check_in_element_id_element'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_in')),
    )
    op.create_index('ix_check_in_element_id_checked_on', 'check_in',
                    ['element_id', 'checked_on'])
    op.create_table('previous_session',
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('session_date', sa.Date(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('baseline', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_previous_session')),
    )
    op.create_table('mandate_version',
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('agreed_by', sa.String(length=200), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mandate_version')),
    )


def downgrade() -> None:
    op.execute("DELETE FROM element WHERE type = 'benefit'")
    with op.batch_alter_table("element") as batch:
        batch.alter_column("type", type_=_element_type(*ELEMENT_TYPES),
                           existing_type=_element_type(*ELEMENT_TYPES, "benefit"),
                           existing_nullable=False)
    op.drop_table('mandate_version')
    op.drop_table('previous_session')
    op.drop_index('ix_check_in_element_id_checked_on', table_name='check_in')
    op.drop_table('check_in')
