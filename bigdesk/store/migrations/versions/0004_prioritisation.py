"""Prioritisation: criteria, weights, scores, votes, constraints, scenarios.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('criterion',
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('direction', sa.Enum('benefit', 'cost', name='criterion_direction', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('scale', sa.Enum('anchored', 'raw', name='score_scale', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=False),
    sa.Column('anchors', sa.Text(), nullable=False),
    sa.Column('computed', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('weight >= 0', name=op.f('ck_criterion_weight_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_criterion'))
    )
    op.create_table('pairwise_comparison',
    sa.Column('first_id', sa.Integer(), nullable=False),
    sa.Column('second_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('value > 0', name=op.f('ck_pairwise_comparison_value_positive')),
    sa.ForeignKeyConstraint(['first_id'], ['criterion.id'], name=op.f('fk_pairwise_comparison_first_id_criterion'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['second_id'], ['criterion.id'], name=op.f('fk_pairwise_comparison_second_id_criterion'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pairwise_comparison')),
    sa.UniqueConstraint('first_id', 'second_id', name=op.f('uq_pairwise_comparison_first_id'))
    )
    op.create_table('criterion_score',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['criterion_id'], ['criterion.id'], name=op.f('fk_criterion_score_criterion_id_criterion'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['element.id'], name=op.f('fk_criterion_score_initiative_id_element'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_criterion_score')),
    sa.UniqueConstraint('initiative_id', 'criterion_id', name=op.f('uq_criterion_score_initiative_id'))
    )
    op.create_table('dot_vote',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('dots', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('dots >= 0', name=op.f('ck_dot_vote_dots_positive')),
    sa.ForeignKeyConstraint(['initiative_id'], ['element.id'], name=op.f('fk_dot_vote_initiative_id_element'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_dot_vote_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dot_vote')),
    sa.UniqueConstraint('person_id', 'initiative_id', name=op.f('uq_dot_vote_person_id'))
    )
    op.create_table('initiative_priority',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('moscow', sa.Enum('must', 'should', 'could', 'wont', name='moscow', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('rule', sa.Enum('must_do', 'must_not', name='selection_rule', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['initiative_id'], ['element.id'], name=op.f('fk_initiative_priority_initiative_id_element'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiative_priority')),
    sa.UniqueConstraint('initiative_id', name=op.f('uq_initiative_priority_initiative_id'))
    )
    op.create_table('resource_type',
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=False),
    sa.Column('capacity', sa.Float(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('capacity >= 0', name=op.f('ck_resource_type_capacity_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource_type'))
    )
    op.create_table('resource_demand',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('resource_type_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Float(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_resource_demand_amount_positive')),
    sa.ForeignKeyConstraint(['initiative_id'], ['element.id'], name=op.f('fk_resource_demand_initiative_id_element'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resource_type_id'], ['resource_type.id'], name=op.f('fk_resource_demand_resource_type_id_resource_type'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource_demand')),
    sa.UniqueConstraint('initiative_id', 'resource_type_id', name=op.f('uq_resource_demand_initiative_id'))
    )
    op.create_table('prioritisation_settings',
    sa.Column('budget', sa.Float(), nullable=True),
    sa.Column('dots_per_participant', sa.Integer(), nullable=False),
    sa.Column('top_n', sa.Integer(), nullable=False),
    sa.Column('perturbation', sa.Float(), nullable=False),
    sa.Column('samples', sa.Integer(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('target_run', sa.Float(), nullable=True),
    sa.Column('target_grow', sa.Float(), nullable=True),
    sa.Column('target_transform', sa.Float(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prioritisation_settings'))
    )
    op.create_table('scenario',
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('weights', sa.Text(), nullable=False),
    sa.Column('constraints', sa.Text(), nullable=False),
    sa.Column('selection', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scenario'))
    )


def downgrade() -> None:
    op.drop_table('scenario')
    op.drop_table('prioritisation_settings')
    op.drop_table('resource_demand')
    op.drop_table('resource_type')
    op.drop_table('initiative_priority')
    op.drop_table('dot_vote')
    op.drop_table('criterion_score')
    op.drop_table('pairwise_comparison')
    op.drop_table('criterion')
