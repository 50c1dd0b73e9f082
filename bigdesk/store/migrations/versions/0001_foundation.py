"""Foundation: the workshop, its people, agenda, notes and file properties.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _edited() -> list[sa.Column[int]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "file_property",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_file_property")),
    )
    op.create_table(
        "workshop",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("client_organisation", sa.String(length=200), nullable=False),
        sa.Column("facilitator", sa.String(length=200), nullable=False),
        sa.Column("sponsor", sa.String(length=200), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("session_date", sa.Date(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        *_edited(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop")),
    )
    op.create_table(
        "person",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("participant", "stakeholder", name="person_kind", native_enum=False,
                    create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("organisation_unit", sa.String(length=200), nullable=False),
        sa.Column("influence", sa.Integer(), nullable=True),
        sa.Column("interest", sa.Integer(), nullable=True),
        sa.Column("concerns", sa.Text(), nullable=False),
        *_edited(),
        sa.CheckConstraint("influence BETWEEN 1 AND 5", name=op.f("ck_person_influence_range")),
        sa.CheckConstraint("interest BETWEEN 1 AND 5", name=op.f("ck_person_interest_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    op.create_table(
        "agenda_item",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        *_edited(),
        sa.CheckConstraint(
            "duration_minutes BETWEEN 0 AND 1440", name=op.f("ck_agenda_item_duration_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    op.create_table(
        "note",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("private", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=True),
        *_edited(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )


def downgrade() -> None:
    for table in ("note", "agenda_item", "person", "workshop", "file_property"):
        op.drop_table(table)
