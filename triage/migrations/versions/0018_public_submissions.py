"""public submissions: complaints from the public online form, kept verbatim until an officer accepts, merges or
rejects them

Revision ID: 0018_public_submissions
Revises: 0017_case_source_hash
Create Date: 2026-12-05

"""

import sqlalchemy as sa
from alembic import op

revision = "0018_public_submissions"
down_revision = "0017_case_source_hash"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "public_submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("inferred", sa.JSON(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("draft_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_record.id"], name=op.f("fk_public_submission_case_id_case_record"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["council_id"], ["council.id"], name=op.f("fk_public_submission_council_id_council")),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["user_account.id"], name=op.f("fk_public_submission_decided_by_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["draft_id"], ["intake_draft.id"], name=op.f("fk_public_submission_draft_id_intake_draft")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_submission")),
        sa.UniqueConstraint("reference", name=op.f("uq_public_submission_reference")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_public_submission_token_hash")),
    )
    with op.batch_alter_table("public_submission", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_public_submission_council_id"), ["council_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_public_submission_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("public_submission", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_public_submission_status"))
        batch_op.drop_index(batch_op.f("ix_public_submission_council_id"))
    op.drop_table("public_submission")
