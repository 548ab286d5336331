"""status model: more information, paused (with a stopped clock), informal resolution, investigation, hearing;
correspondence and documents on a case

Revision ID: 0013_status_model
Revises: 0012_hearings
Create Date: 2026-12-05

"""

import sqlalchemy as sa
from alembic import op

revision = "0013_status_model"
down_revision = "0012_hearings"
branch_labels = None
depends_on = None

OLD = ["received", "initial_assessment", "decided", "closed", "withdrawn"]
NEW = [
    "received",
    "initial_assessment",
    "more_information",
    "paused",
    "decided",
    "informal_resolution",
    "investigation",
    "hearing",
    "closed",
    "withdrawn",
]


def _restore_search_trigger() -> None:
    """SQLite rebuilds case_record to change its CHECK constraint, which drops the trigger 0004 put on it."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER IF NOT EXISTS history_search_case_deleted AFTER DELETE ON case_record "
            "BEGIN DELETE FROM history_search WHERE rowid = OLD.id; END"
        )


def _check(column: str, values: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_case_record_case_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_case_record_case_status"), _check("status", NEW))
    with op.batch_alter_table("history_case", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_history_case_case_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_history_case_case_status"), _check("status", NEW))
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status_reason", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column(
                "resume_status",
                sa.Enum(*NEW, name="resume_status", native_enum=False, create_constraint=True, length=40),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("clock_stopped_since", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("clock_stopped_days", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("investigator", sa.String(length=200), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column(
                "investigation_finding",
                sa.Enum(
                    "breach",
                    "no_breach",
                    name="investigation_finding",
                    native_enum=False,
                    create_constraint=True,
                    length=40,
                ),
                nullable=True,
            )
        )
    _restore_search_trigger()
    op.create_table(
        "case_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "complaint_form",
                "member_response",
                "investigation_report",
                "letter",
                "email",
                "call",
                "other",
                name="document_kind",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "direction",
            sa.Enum(
                "received",
                "sent",
                "internal",
                name="document_direction",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("correspondent", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("content_type", sa.String(length=60), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("original_filename", sa.String(length=255), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_record.id"], name=op.f("fk_case_document_case_id_case_record"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["user_account.id"], name=op.f("fk_case_document_recorded_by_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_document")),
    )
    with op.batch_alter_table("case_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_document_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_document_case_id"))
    op.drop_table("case_document")
    for table in ("case_record", "history_case"):
        op.execute(
            sa.text(
                f"UPDATE {table} SET status = 'initial_assessment' "
                "WHERE status IN ('more_information', 'paused') AND decided_on IS NULL"
            )
        )
        op.execute(sa.text(f"UPDATE {table} SET status = 'decided' WHERE status NOT IN ({', '.join(map(repr, OLD))})"))
    with op.batch_alter_table("history_case", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_history_case_case_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_history_case_case_status"), _check("status", OLD))
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_case_record_investigation_finding"), type_="check")
        batch_op.drop_constraint(op.f("ck_case_record_resume_status"), type_="check")
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_column("investigation_finding")
        batch_op.drop_column("investigator")
        batch_op.drop_column("clock_stopped_days")
        batch_op.drop_column("clock_stopped_since")
        batch_op.drop_column("resume_status")
        batch_op.drop_column("status_reason")
        batch_op.drop_constraint(op.f("ck_case_record_case_status"), type_="check")
        batch_op.create_check_constraint(op.f("ck_case_record_case_status"), _check("status", OLD))
    _restore_search_trigger()
