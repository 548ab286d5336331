"""urgent reviews and when the complainant learned of the post

The officer's record of why an urgent flag read from the words of a post does not apply (one per kind of flag), and
the date the complainant learned of the post, from which the time limit runs as a discretion.

Revision ID: 0006_urgent_reviews
Revises: 0005_history_state
Create Date: 2026-12-05

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006_urgent_reviews"
down_revision = "0005_history_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "urgent_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_record.id"], name=op.f("fk_urgent_review_case_id_case_record"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["user_account.id"], name=op.f("fk_urgent_review_recorded_by_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_urgent_review")),
        sa.UniqueConstraint("case_id", "kind", name="uq_urgent_review_case_kind"),
    )
    with op.batch_alter_table("urgent_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_urgent_review_case_id"), ["case_id"], unique=False)
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("complainant_learned_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_column("complainant_learned_on")
    with op.batch_alter_table("urgent_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_urgent_review_case_id"))
    op.drop_table("urgent_review")
