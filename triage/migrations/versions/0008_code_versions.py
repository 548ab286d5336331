"""versioned Codes of Conduct: a revised Code is a new version, and a case keeps the version it was logged under

Revision ID: 0008_code_versions
Revises: 0007_code_full_shape
Create Date: 2026-12-05

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008_code_versions"
down_revision = "0007_code_full_shape"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("code_of_conduct", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch_op.drop_constraint("uq_code_of_conduct_slug", type_="unique")
        batch_op.create_unique_constraint("uq_code_of_conduct_slug_version", ["slug", "version"])
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("code_version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_column("code_version")
    op.execute("DELETE FROM code_of_conduct WHERE version > 1")
    with op.batch_alter_table("code_of_conduct", schema=None) as batch_op:
        batch_op.drop_constraint("uq_code_of_conduct_slug_version", type_="unique")
        batch_op.create_unique_constraint("uq_code_of_conduct_slug", ["slug"])
        batch_op.drop_column("version")
