"""A corporate RAID log (probability, impact, response, review date, what items concern) and
the document library (files and links, and what each supports).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
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
            "CAST(element_id IS NOT NULL AS INTEGER) + CAST(node_id IS NOT NULL AS INTEGER)"
            " + CAST(body_id IS NOT NULL AS INTEGER) = 1",
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
    _documents()


def _documents() -> None:
    op.create_table(
        "document",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("about", sa.Text(), nullable=False),
        sa.Column("private", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=True),
        sa.Column("element_id", sa.Integer(), nullable=True),
        sa.Column("node_id", sa.Integer(), nullable=True),
        sa.Column("raid_item_id", sa.Integer(), nullable=True),
        sa.Column("score_id", sa.Integer(), nullable=True),
        sa.Column("consensus_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "CAST(element_id IS NOT NULL AS INTEGER) + CAST(node_id IS NOT NULL AS INTEGER)"
            " + CAST(raid_item_id IS NOT NULL AS INTEGER) + CAST(score_id IS NOT NULL AS INTEGER)"
            " + CAST(consensus_id IS NOT NULL AS INTEGER) <= 1",
            name=op.f("ck_document_one_target")),
        sa.CheckConstraint("size >= 0", name=op.f("ck_document_size_positive")),
        sa.ForeignKeyConstraint(["element_id"], ["element.id"],
                                name=op.f("fk_document_element_id_element"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["node_id"], ["accountability_node.id"],
                                name=op.f("fk_document_node_id_accountability_node"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["raid_item_id"], ["raid_item.id"],
                                name=op.f("fk_document_raid_item_id_raid_item"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["score_id"], ["score.id"],
                                name=op.f("fk_document_score_id_score"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["consensus_id"], ["consensus.id"],
                                name=op.f("fk_document_consensus_id_consensus"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
    )
    op.create_table(
        "document_content",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"],
                                name=op.f("fk_document_content_document_id_document"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_content")),
        sa.UniqueConstraint("document_id", name=op.f("uq_document_content_document_id")),
    )


def downgrade() -> None:
    op.drop_table("document_content")
    op.drop_table("document")
    op.drop_table("raid_link")
    with op.batch_alter_table("raid_item") as batch:
        batch.drop_constraint("ck_raid_item_impact_range", type_="check")
        batch.drop_constraint("ck_raid_item_probability_range", type_="check")
        batch.drop_column("review_date")
        batch.drop_column("response")
        batch.drop_column("impact")
        batch.drop_column("probability")
