"""referrals: why a person was referred (consultation or hearing), the officer's message, and withdrawal

Revision ID: 0010_referral_purpose
Revises: 0009_publications
Create Date: 2026-12-05

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0010_referral_purpose"
down_revision = "0009_publications"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purpose", sa.String(length=20), nullable=False, server_default="consultation"))
        batch_op.add_column(sa.Column("message", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_case_referral_withdrawn_by_id_user_account"), "user_account", ["withdrawn_by_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("case_referral", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_case_referral_withdrawn_by_id_user_account"), type_="foreignkey")
        batch_op.drop_column("withdrawn_by_id")
        batch_op.drop_column("withdrawn_at")
        batch_op.drop_column("message")
        batch_op.drop_column("purpose")
