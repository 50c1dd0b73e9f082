"""The strategy cascade: elements, alignment, dependencies, accountability nodes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('period',
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_period'))
    )
    op.create_table('accountability_node',
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('department', 'product_group', 'programme', 'project', 'governance_body', 'support_office', name='node_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('accountable_id', sa.Integer(), nullable=True),
    sa.Column('cadence', sa.Enum('daily', 'weekly', 'monthly', 'quarterly', name='cadence', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('challenges', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['accountable_id'], ['person.id'], name=op.f('fk_accountability_node_accountable_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['accountability_node.id'], name=op.f('fk_accountability_node_parent_id_accountability_node'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accountability_node'))
    )
    op.create_table('element',
    sa.Column('type', sa.Enum('purpose', 'vision', 'driver', 'objective', 'key_result', 'initiative', name='element_type', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('period_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=100), nullable=False),
    sa.Column('progress', sa.Float(), nullable=True),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('placeholder', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('driver_kind', sa.Enum('opportunity', 'threat', 'imperative', 'goal', name='driver_kind', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('metric', sa.String(length=200), nullable=True),
    sa.Column('unit', sa.String(length=50), nullable=True),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('current', sa.Float(), nullable=True),
    sa.Column('direction', sa.Enum('increase', 'decrease', 'maintain', name='direction', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('initiative_kind', sa.Enum('project', 'programme', 'bau', name='initiative_kind', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('portfolio', sa.Enum('run', 'grow', 'transform', name='portfolio', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('budget', sa.Float(), nullable=True),
    sa.Column('effort', sa.Float(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('closes_dimension_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('progress BETWEEN 0 AND 100', name=op.f('ck_element_progress_range')),
    sa.ForeignKeyConstraint(['closes_dimension_id'], ['dimension.id'], name=op.f('fk_element_closes_dimension_id_dimension'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['node_id'], ['accountability_node.id'], name=op.f('fk_element_node_id_accountability_node'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], name=op.f('fk_element_owner_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['period_id'], ['period.id'], name=op.f('fk_element_period_id_period'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_element')),
    sa.UniqueConstraint('ref', name=op.f('uq_element_ref'))
    )
    op.create_table('alignment',
    sa.Column('parent_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('weight', sa.Float(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('parent_id <> child_id', name=op.f('ck_alignment_not_self')),
    sa.CheckConstraint('weight >= 0', name=op.f('ck_alignment_weight_positive')),
    sa.ForeignKeyConstraint(['child_id'], ['element.id'], name=op.f('fk_alignment_child_id_element'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['element.id'], name=op.f('fk_alignment_parent_id_element'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alignment')),
    sa.UniqueConstraint('parent_id', 'child_id', name=op.f('uq_alignment_parent_id'))
    )
    op.create_table('dependency',
    sa.Column('dependent_id', sa.Integer(), nullable=False),
    sa.Column('prerequisite_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=50), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('dependent_id <> prerequisite_id', name=op.f('ck_dependency_not_self')),
    sa.ForeignKeyConstraint(['dependent_id'], ['element.id'], name=op.f('fk_dependency_dependent_id_element'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['prerequisite_id'], ['element.id'], name=op.f('fk_dependency_prerequisite_id_element'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dependency')),
    sa.UniqueConstraint('dependent_id', 'prerequisite_id', name=op.f('uq_dependency_dependent_id'))
    )
    op.create_table('node_dependency',
    sa.Column('dependent_id', sa.Integer(), nullable=False),
    sa.Column('prerequisite_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=50), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('dependent_id <> prerequisite_id', name=op.f('ck_node_dependency_not_self')),
    sa.ForeignKeyConstraint(['dependent_id'], ['accountability_node.id'], name=op.f('fk_node_dependency_dependent_id_accountability_node'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['prerequisite_id'], ['accountability_node.id'], name=op.f('fk_node_dependency_prerequisite_id_accountability_node'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_node_dependency')),
    sa.UniqueConstraint('dependent_id', 'prerequisite_id', name=op.f('uq_node_dependency_dependent_id'))
    )
    op.create_table('information_flow',
    sa.Column('consumer_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('information', sa.String(length=500), nullable=False),
    sa.Column('cadence', sa.Enum('daily', 'weekly', 'monthly', 'quarterly', name='flow_cadence', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['consumer_id'], ['accountability_node.id'], name=op.f('fk_information_flow_consumer_id_accountability_node'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['provider_id'], ['accountability_node.id'], name=op.f('fk_information_flow_provider_id_accountability_node'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_information_flow'))
    )


def downgrade() -> None:
    op.drop_table('information_flow')
    op.drop_table('node_dependency')
    op.drop_table('dependency')
    op.drop_table('alignment')
    op.drop_table('element')
    op.drop_table('accountability_node')
    op.drop_table('period')
