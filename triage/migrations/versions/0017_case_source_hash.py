"""case source hash: the SHA-256 of the case file a case was imported from, so a re-run import skips it

Revision ID: 0017_case_source_hash
Revises: 0016_saved_searches
Create Date: 2026-12-05

"""

import sqlalchemy as sa
from alembic import op

revision = "0017_case_source_hash"
down_revision = "0016_saved_searches"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_case_record_source_hash"), ["source_hash"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_record_source_hash"))
        batch_op.drop_column("source_hash")
