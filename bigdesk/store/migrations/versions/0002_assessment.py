"""Current-state assessment: the workshop's framework, scores and consensus.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dimension_group',
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dimension_group'))
    )
    op.create_table('dimension',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('level_1', sa.Text(), nullable=False),
    sa.Column('level_2', sa.Text(), nullable=False),
    sa.Column('level_3', sa.Text(), nullable=False),
    sa.Column('level_4', sa.Text(), nullable=False),
    sa.Column('level_5', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['dimension_group.id'], name=op.f('fk_dimension_group_id_dimension_group'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dimension'))
    )
    op.create_table('score',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('dimension_id', sa.Integer(), nullable=False),
    sa.Column('current', sa.Integer(), nullable=True),
    sa.Column('target', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('current BETWEEN 0 AND 5', name=op.f('ck_score_current_level')),
    sa.CheckConstraint('target BETWEEN 0 AND 5', name=op.f('ck_score_target_level')),
    sa.ForeignKeyConstraint(['dimension_id'], ['dimension.id'], name=op.f('fk_score_dimension_id_dimension'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_score_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score')),
    sa.UniqueConstraint('person_id', 'dimension_id', name=op.f('uq_score_person_id'))
    )
    op.create_table('consensus',
    sa.Column('dimension_id', sa.Integer(), nullable=False),
    sa.Column('current', sa.Integer(), nullable=True),
    sa.Column('target', sa.Integer(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('confidence', sa.Enum('low', 'medium', 'high', name='confidence', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('current BETWEEN 0 AND 5', name=op.f('ck_consensus_current_level')),
    sa.CheckConstraint('target BETWEEN 0 AND 5', name=op.f('ck_consensus_target_level')),
    sa.ForeignKeyConstraint(['dimension_id'], ['dimension.id'], name=op.f('fk_consensus_dimension_id_dimension'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consensus')),
    sa.UniqueConstraint('dimension_id', name=op.f('uq_consensus_dimension_id'))
    )


def downgrade() -> None:
    op.drop_table('consensus')
    op.drop_table('score')
    op.drop_table('dimension')
    op.drop_table('dimension_group')
