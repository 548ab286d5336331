"""history state: one row whose version goes up with every change the case history shows

Workers cache case-history pages keyed by (epoch, version) and check the row once per request; see
``triage.data.history_cache``.

Revision ID: 0005_history_state
Revises: 0004_search
Create Date: 2026-11-24

"""

import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005_history_state"
down_revision = "0004_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    state = op.create_table(
        "history_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("epoch", sa.String(length=32), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history_state")),
    )
    op.bulk_insert(state, [{"id": 1, "version": 0, "epoch": secrets.token_hex(16), "changed_at": datetime.now(UTC)}])


def downgrade() -> None:
    op.drop_table("history_state")
