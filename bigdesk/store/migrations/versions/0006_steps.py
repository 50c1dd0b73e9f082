"""Agenda blocks name the step they open by its key, so a new step needs no schema change.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

APP_STEPS = ("none", "assess", "map", "accountability", "prioritise", "capture")


def upgrade() -> None:
    with op.batch_alter_table("agenda_item") as batch:
        batch.drop_constraint(op.f("ck_agenda_item_app_step"), type_="check")
        batch.alter_column("step", type_=sa.String(length=30), existing_nullable=False)
    # -- a capture block opens the Run session step, whose key is "room"
    op.execute("UPDATE agenda_item SET step = 'room' WHERE step = 'capture'")


def downgrade() -> None:
    op.execute("UPDATE agenda_item SET step = 'capture' WHERE step = 'room'")
    op.execute("UPDATE agenda_item SET step = 'none' WHERE step NOT IN "
               "('none', 'assess', 'map', 'accountability', 'prioritise', 'capture')")
    with op.batch_alter_table("agenda_item") as batch:
        batch.alter_column(
            "step",
            type_=sa.Enum(*APP_STEPS, name="app_step", native_enum=False, create_constraint=True,
                          length=20),
            existing_nullable=False,
        )
