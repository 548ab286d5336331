"""codes of conduct in their full shape: paraphrase flag, in-force date, adoption note, paragraph targets

So the scorer can read a council's own Code from the database, as the decision form and the note already do.

Revision ID: 0007_code_full_shape
Revises: 0006_urgent_reviews
Create Date: 2026-12-05

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007_code_full_shape"
down_revision = "0006_urgent_reviews"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("code_of_conduct", schema=None) as batch_op:
        batch_op.add_column(sa.Column("adopted_by_note", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("paraphrase", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column("in_force_from", sa.String(length=10), nullable=True))
    with op.batch_alter_table("code_paragraph", schema=None) as batch_op:
        batch_op.add_column(sa.Column("targets", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("code_paragraph", schema=None) as batch_op:
        batch_op.drop_column("targets")
    with op.batch_alter_table("code_of_conduct", schema=None) as batch_op:
        batch_op.drop_column("in_force_from")
        batch_op.drop_column("paraphrase")
        batch_op.drop_column("adopted_by_note")
