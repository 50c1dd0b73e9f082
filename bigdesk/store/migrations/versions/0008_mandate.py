"""The sponsor pitch and PMO mandate: the situation, the business case's due date, the mandate,
Business Support's services and the integrated governance model; next steps join the RAID log.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CADENCES = ("daily", "weekly", "monthly", "quarterly")
# -- the longest title a RAID item holds; a longer next step keeps the rest as its description
TITLE_LENGTH = 200


def _edited() -> list[sa.Column[int]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def _next_steps_to_actions() -> None:
    """Log each line of the pitch's next steps as an open action of the RAID log.

    Next steps are actions with an owner and a due date, so they live where every
    governance body reads them: the one RAID log.
    """
    conn = op.get_bind()
    text = conn.execute(sa.text("SELECT next_steps FROM sponsor_pitch")).scalar()
    lines = [line.strip().lstrip("-•* ").strip() for line in (text or "").splitlines()]
    position = int(conn.execute(
        sa.text("SELECT coalesce(max(position), -1) FROM raid_item")).scalar_one())
    for line in filter(None, lines):
        position += 1
        title, rest = line[:TITLE_LENGTH], line[TITLE_LENGTH:]
        conn.execute(
            sa.text("INSERT INTO raid_item (position, kind, title, description, status, version) "
                    "VALUES (:position, 'action', :title, :rest, 'open', 1)"),
            {"position": position, "title": title, "rest": rest},
        )


def upgrade() -> None:
    _next_steps_to_actions()
    with op.batch_alter_table("sponsor_pitch") as batch:
        batch.add_column(sa.Column("situation", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("business_case_due", sa.Date(), nullable=True))
        batch.drop_column("next_steps")
    # -- the default only filled the existing row; the model supplies it from now on
    with op.batch_alter_table("sponsor_pitch") as batch:
        batch.alter_column("situation", server_default=None)
    op.create_table(
        "mandate",
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("reports_to", sa.String(length=200), nullable=False),
        *_edited(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mandate")),
    )
    op.create_table(
        "support_service",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "scope",
            sa.Enum("now", "later", name="service_scope", native_enum=False,
                    create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        *_edited(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_service")),
    )
    op.create_table(
        "governance_body",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "cadence",
            sa.Enum(*CADENCES, name="governance_cadence", native_enum=False,
                    create_constraint=True, length=20),
            nullable=True,
        ),
        sa.Column("remit", sa.Text(), nullable=False),
        *_edited(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_governance_body")),
    )


def downgrade() -> None:
    for table in ("governance_body", "support_service", "mandate"):
        op.drop_table(table)
    with op.batch_alter_table("sponsor_pitch") as batch:
        batch.add_column(sa.Column("next_steps", sa.Text(), nullable=False, server_default=""))
        batch.drop_column("business_case_due")
        batch.drop_column("situation")
    with op.batch_alter_table("sponsor_pitch") as batch:
        batch.alter_column("next_steps", server_default=None)
