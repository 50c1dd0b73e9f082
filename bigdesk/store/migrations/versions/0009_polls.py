"""Quick polls answered from participants' devices: polls, their options and the answers.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _edited() -> list[sa.Column[int]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "poll",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        *_edited(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_poll")),
    )
    op.create_table(
        "poll_option",
        sa.Column("poll_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        *_edited(),
        sa.ForeignKeyConstraint(["poll_id"], ["poll.id"], name=op.f("fk_poll_option_poll_id_poll"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_poll_option")),
    )
    op.create_table(
        "poll_answer",
        sa.Column("poll_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("option_id", sa.Integer(), nullable=False),
        *_edited(),
        sa.ForeignKeyConstraint(["option_id"], ["poll_option.id"],
                                name=op.f("fk_poll_answer_option_id_poll_option"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_poll_answer_person_id_person"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["poll_id"], ["poll.id"], name=op.f("fk_poll_answer_poll_id_poll"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_poll_answer")),
        sa.UniqueConstraint("poll_id", "person_id", name=op.f("uq_poll_answer_poll_id")),
    )


def downgrade() -> None:
    for table in ("poll_answer", "poll_option", "poll"):
        op.drop_table(table)
