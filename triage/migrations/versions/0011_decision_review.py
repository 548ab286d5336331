"""decision review: a new decision can supersede the one before it, with the reason it was reviewed

Revision ID: 0011_decision_review
Revises: 0010_referral_purpose
Create Date: 2026-12-05

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011_decision_review"
down_revision = "0010_referral_purpose"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_column("review_reason")
