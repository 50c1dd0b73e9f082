"""In the room: agenda steps, questions and actual times; table groups, key points, RAID, pitch.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

APP_STEPS = ("none", "assess", "map", "accountability", "prioritise", "capture")


def _edited() -> list[sa.Column[int]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("agenda_item") as batch:
        batch.add_column(
            sa.Column(
                "step",
                sa.Enum(*APP_STEPS, name="app_step", native_enum=False, create_constraint=True,
                        length=20),
                nullable=False,
                server_default="none",
            )
        )
        batch.add_column(sa.Column("question", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("actual_seconds", sa.Integer(), nullable=True))
    # -- the defaults only filled the existing rows; the model supplies them from now on
    with op.batch_alter_table("agenda_item") as batch:
        batch.alter_column("step", server_default=None)
        batch.alter_column("question", server_default=None)
    with op.batch_alter_table("workshop") as batch:
        batch.add_column(sa.Column("template", sa.String(length=100), nullable=False,
                                   server_default=""))
    with op.batch_alter_table("workshop") as batch:
        batch.alter_column("template", server_default=None)

    op.create_table(
        "table_group",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        *_edited(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_table_group")),
    )
    op.create_table(
        "table_group_member",
        sa.Column("table_group_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        *_edited(),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_table_group_member_person_id_person"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["table_group_id"], ["table_group.id"],
                                name=op.f("fk_table_group_member_table_group_id_table_group"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_table_group_member")),
        sa.UniqueConstraint("table_group_id", "person_id",
                            name=op.f("uq_table_group_member_table_group_id")),
    )
    op.create_table(
        "key_point",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("table_group_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("silent", sa.Boolean(), nullable=False),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        *_edited(),
        sa.ForeignKeyConstraint(["table_group_id"], ["table_group.id"],
                                name=op.f("fk_key_point_table_group_id_table_group"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_point")),
    )
    op.create_table(
        "raid_item",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("risk", "action", "issue", "decision", name="raid_kind", native_enum=False,
                    create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("open", "in_progress", "closed", name="raid_status", native_enum=False,
                    create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        *_edited(),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"],
                                name=op.f("fk_raid_item_owner_id_person"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raid_item")),
    )
    op.create_table(
        "sponsor_pitch",
        sa.Column("executive_concerns", sa.Text(), nullable=False),
        sa.Column("vision", sa.Text(), nullable=False),
        sa.Column("roadmap", sa.Text(), nullable=False),
        sa.Column("sponsor", sa.String(length=200), nullable=False),
        sa.Column("funding", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        *_edited(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sponsor_pitch")),
    )


def downgrade() -> None:
    for table in ("sponsor_pitch", "raid_item", "key_point", "table_group_member", "table_group"):
        op.drop_table(table)
    with op.batch_alter_table("workshop") as batch:
        batch.drop_column("template")
    with op.batch_alter_table("agenda_item") as batch:
        # -- the step's CHECK constraint names the column, so it goes first
        batch.drop_constraint(op.f("ck_agenda_item_app_step"), type_="check")
        batch.drop_column("actual_seconds")
        batch.drop_column("question")
        batch.drop_column("step")
