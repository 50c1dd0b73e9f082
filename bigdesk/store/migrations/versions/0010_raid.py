"""A corporate RAID log: probability, impact, response and review date, and what items concern.

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


def upgrade() -> None:
    with op.batch_alter_table("raid_item") as batch:
        batch.add_column(sa.Column("probability", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("impact", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("response", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("review_date", sa.Date(), nullable=True))
        batch.create_check_constraint(op.f("ck_raid_item_probability_range"),
                                      "probability BETWEEN 1 AND 5")
        batch.create_check_constraint(op.f("ck_raid_item_impact_range"), "impact BETWEEN 1 AND 5")
    # -- the default only filled the existing rows; the model supplies it from now on
    with op.batch_alter_table("raid_item") as batch:
        batch.alter_column("response", server_default=None)
    op.create_table(
        "raid_link",
        sa.Column("raid_item_id", sa.Integer(), nullable=False),
        sa.Column("element_id", sa.Integer(), nullable=True),
        sa.Column("node_id", sa.Integer(), nullable=True),
        sa.Column("body_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(element_id IS NOT NULL) + (node_id IS NOT NULL) + (body_id IS NOT NULL) = 1",
            name=op.f("ck_raid_link_one_target")),
        sa.ForeignKeyConstraint(["raid_item_id"], ["raid_item.id"],
                                name=op.f("fk_raid_link_raid_item_id_raid_item"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["element_id"], ["element.id"],
                                name=op.f("fk_raid_link_element_id_element"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["node_id"], ["accountability_node.id"],
                                name=op.f("fk_raid_link_node_id_accountability_node"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["body_id"], ["governance_body.id"],
                                name=op.f("fk_raid_link_body_id_governance_body"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raid_link")),
        sa.UniqueConstraint("raid_item_id", "element_id", "node_id", "body_id",
                            name=op.f("uq_raid_link_raid_item_id")),
    )


def downgrade() -> None:
    op.drop_table("raid_link")
    with op.batch_alter_table("raid_item") as batch:
        batch.drop_constraint("ck_raid_item_impact_range", type_="check")
        batch.drop_constraint("ck_raid_item_probability_range", type_="check")
        batch.drop_column("review_date")
        batch.drop_column("response")
        batch.drop_column("impact")
        batch.drop_column("probability")
