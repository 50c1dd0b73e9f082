"""Planning: horizon and room's-voice settings, capacity by quarter, budget by year,
initiative timing, milestones and the accepted plan.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _enum(*values: str, name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def _versioned(table: str) -> list[sa.schema.SchemaItem]:
    return [sa.Column('id', sa.Integer(), nullable=False),
            sa.Column('version', sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint('id', name=op.f(f'pk_{table}'))]


def upgrade() -> None:
    op.create_table('planning_settings',
    sa.Column('horizon_start', sa.Date(), nullable=True),
    sa.Column('horizon_quarters', sa.Integer(), nullable=False),
    sa.Column('year_start_month', sa.Integer(), nullable=False),
    sa.Column('must_is_must_do', sa.Boolean(), nullable=False),
    sa.Column('wont_is_must_not', sa.Boolean(), nullable=False),
    sa.Column('votes_break_ties', sa.Boolean(), nullable=False),
    sa.Column('target_mode', _enum('shown', 'hard', 'tolerance', name='target_mode'), nullable=False),
    sa.Column('target_tolerance', sa.Float(), nullable=False),
    *_versioned('planning_settings'),
    sa.CheckConstraint('horizon_quarters BETWEEN 1 AND 20', name=op.f('ck_planning_settings_horizon_range')),
    sa.CheckConstraint('year_start_month IN (1, 4, 7, 10)', name=op.f('ck_planning_settings_year_start_quarter')),
    sa.CheckConstraint('target_tolerance >= 0', name=op.f('ck_planning_settings_tolerance_positive')),
    )
    op.create_table('quarter_capacity',
    sa.Column('resource_type_id', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Date(), nullable=False),
    sa.Column('capacity', sa.Float(), nullable=False),
    *_versioned('quarter_capacity'),
    sa.CheckConstraint('capacity >= 0', name=op.f('ck_quarter_capacity_capacity_positive')),
    sa.ForeignKeyConstraint(['resource_type_id'], ['resource_type.id'], name=op.f('fk_quarter_capacity_resource_type_id_resource_type'), ondelete='CASCADE'),
    sa.UniqueConstraint('resource_type_id', 'quarter', name=op.f('uq_quarter_capacity_resource_type_id')),
    )
    op.create_table('year_budget',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('budget', sa.Float(), nullable=False),
    *_versioned('year_budget'),
    sa.CheckConstraint('budget >= 0', name=op.f('ck_year_budget_budget_positive')),
    sa.UniqueConstraint('year', name=op.f('uq_year_budget_year')),
    )
    op.create_table('initiative_timing',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('duration', sa.Integer(), nullable=True),
    sa.Column('spread', _enum('flat', 'front_loaded', 'back_loaded', name='spread'), nullable=False),
    *_versioned('initiative_timing'),
    sa.CheckConstraint('duration BETWEEN 1 AND 20', name=op.f('ck_initiative_timing_duration_range')),
    sa.ForeignKeyConstraint(['initiative_id'], ['element.id'], name=op.f('fk_initiative_timing_initiative_id_element'), ondelete='CASCADE'),
    sa.UniqueConstraint('initiative_id', name=op.f('uq_initiative_timing_initiative_id')),
    )
    op.create_table('milestone',
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('status', _enum('planned', 'at_risk', 'achieved', 'missed', name='milestone_status'), nullable=False),
    *_versioned('milestone'),
    sa.ForeignKeyConstraint(['initiative_id'], ['element.id'], name=op.f('fk_milestone_initiative_id_element'), ondelete='CASCADE'),
    )
    op.create_table('plan_decision',
    sa.Column('accepted_at', sa.DateTime(), nullable=True),
    sa.Column('scope', sa.String(length=200), nullable=False),
    sa.Column('proven_optimal', sa.Boolean(), nullable=False),
    sa.Column('gap', sa.Float(), nullable=False),
    sa.Column('objective', sa.Float(), nullable=False),
    sa.Column('horizon_start', sa.Date(), nullable=True),
    sa.Column('horizon_quarters', sa.Integer(), nullable=False),
    *_versioned('plan_decision'),
    sa.CheckConstraint('gap >= 0', name=op.f('ck_plan_decision_gap_positive')),
    )
    op.create_table('plan_entry',
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('initiative_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    *_versioned('plan_entry'),
    sa.ForeignKeyConstraint(['decision_id'], ['plan_decision.id'], name=op.f('fk_plan_entry_decision_id_plan_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiative_id'], ['element.id'], name=op.f('fk_plan_entry_initiative_id_element'), ondelete='CASCADE'),
    sa.UniqueConstraint('decision_id', 'initiative_id', name=op.f('uq_plan_entry_decision_id')),
    )


def downgrade() -> None:
    for table in ('plan_entry', 'plan_decision', 'milestone', 'initiative_timing', 'year_budget',
                  'quarter_capacity', 'planning_settings'):
        op.drop_table(table)
