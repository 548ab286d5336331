"""case history: derived facts and tags per case, the full-text index, and indexes for the list and dashboard

On SQLite the full-text index is an FTS5 virtual table (rowid = case id, porter stemming); on PostgreSQL it is a
table with a stored ``tsvector`` (posts weighted A, decision B, assessment reasons C) and a GIN index; angle
brackets are read as spaces, because PostgreSQL's parser otherwise drops anything that looks like an HTML tag
(and the words of a quoted ``<script>`` element). Both are
filled by ``triage.data.search`` (and ``triage search reindex``), not by this migration, because the facts need the
working-day calendar; the app indexes any case it finds missing.

Revision ID: 0004_search
Revises: 0003_security
Create Date: 2026-11-25

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004_search"
down_revision = "0003_security"
branch_labels = None
depends_on = None

JURISDICTIONS = ("england", "wales", "scotland")
STATUSES = ("received", "initial_assessment", "decided", "closed", "withdrawn")
MEMBER_ROLES = (
    "leader",
    "cabinet_member",
    "mayor_or_chair",
    "committee_chair",
    "group_leader",
    "councillor",
    "parish_councillor",
    "co_opted_member",
    "former_member",
)
OUTCOMES = ("no_further_action", "informal_resolution", "investigation", "police_referral")
PLATFORMS = (
    "x",
    "facebook",
    "instagram",
    "tiktok",
    "linkedin",
    "youtube",
    "blog",
    "whatsapp",
    "email",
    "text_message",
    "other",
)


def _enum(values, name):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=40)


def upgrade():
    op.create_table(
        "history_case",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("council_id", sa.Integer(), nullable=False),
        sa.Column("jurisdiction", _enum(JURISDICTIONS, "jurisdiction"), nullable=False),
        sa.Column("status", _enum(STATUSES, "case_status"), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("member_role", _enum(MEMBER_ROLES, "member_role"), nullable=True),
        sa.Column("outcome", _enum(OUTCOMES, "outcome"), nullable=True),
        sa.Column("tool_recommendation", _enum(OUTCOMES, "tool_recommendation"), nullable=True),
        sa.Column("agrees", sa.Boolean(), nullable=True),
        sa.Column("code_engaged_probability", sa.Float(), nullable=True),
        sa.Column("breach_probability", sa.Float(), nullable=True),
        sa.Column("breach_decile", sa.Integer(), nullable=True),
        sa.Column("decision_breach", sa.Boolean(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decision_days", sa.Integer(), nullable=True),
        sa.Column("overdue_from", sa.Date(), nullable=True),
        sa.Column("primary_platform", _enum(PLATFORMS, "platform"), nullable=True),
        sa.Column("platforms", sa.String(length=200), nullable=False),
        sa.Column("paragraphs", sa.String(length=1000), nullable=False),
        sa.Column("post_count", sa.Integer(), nullable=False),
        sa.Column("sort_score", sa.Float(), nullable=False),
        sa.Column("sort_days", sa.Integer(), nullable=False),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_record.id"], name=op.f("fk_history_case_case_id_case_record"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_history_case")),
    )
    with op.batch_alter_table("history_case", schema=None) as batch_op:
        batch_op.create_index("ix_history_case_breach_decile", ["breach_decile"], unique=False)
        batch_op.create_index("ix_history_case_outcome", ["outcome"], unique=False)
        batch_op.create_index("ix_history_case_overdue_from", ["overdue_from"], unique=False)
        batch_op.create_index("ix_history_case_received_on", ["received_on"], unique=False)
        batch_op.create_index("ix_history_case_sort_score", ["sort_score", "case_id"], unique=False)
        batch_op.create_index("ix_history_case_sort_days", ["sort_days", "case_id"], unique=False)
        batch_op.create_index("ix_history_case_tool_outcome", ["tool_recommendation", "outcome"], unique=False)

    op.create_table(
        "history_tag",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_record.id"], name=op.f("fk_history_tag_case_id_case_record"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", "kind", "value", name=op.f("pk_history_tag")),
    )
    with op.batch_alter_table("history_tag", schema=None) as batch_op:
        batch_op.create_index("ix_history_tag_kind_value", ["kind", "value", "case_id"], unique=False)

    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.create_index("ix_case_record_received_on_id", ["received_on", "id"], unique=False)
        batch_op.create_index("ix_case_record_jurisdiction_received", ["jurisdiction", "received_on"], unique=False)
        batch_op.create_index("ix_case_record_member_role", ["member_role"], unique=False)
        batch_op.create_index("ix_case_record_member_party", ["member_party"], unique=False)
        batch_op.create_index("ix_case_record_closed_on", ["closed_on"], unique=False)
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.create_index("ix_post_case_position", ["case_id", "position"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE TABLE history_search (
                case_id integer PRIMARY KEY REFERENCES case_record (id) ON DELETE CASCADE,
                received_on date NOT NULL,
                posts text NOT NULL DEFAULT '',
                reasons text NOT NULL DEFAULT '',
                decision text NOT NULL DEFAULT '',
                document tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english'::regconfig, translate(posts, '<>', '  ')), 'A')
                    || setweight(to_tsvector('english'::regconfig, translate(decision, '<>', '  ')), 'B')
                    || setweight(to_tsvector('english'::regconfig, translate(reasons, '<>', '  ')), 'C')
                ) STORED
            )
            """
        )
        op.execute("CREATE INDEX history_search_document ON history_search USING gin (document)")
        # With the GIN index, a BitmapAnd finds the newest matches without visiting every older one.
        op.execute("CREATE INDEX history_search_received_on ON history_search (received_on)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE history_search USING fts5("
            "posts, reasons, decision, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        # Deleting a case removes its full-text row even when the delete bypasses the app (no foreign keys on FTS5).
        op.execute(
            "CREATE TRIGGER history_search_case_deleted AFTER DELETE ON case_record "
            "BEGIN DELETE FROM history_search WHERE rowid = OLD.id; END"
        )


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TRIGGER IF EXISTS history_search_case_deleted")
    op.execute("DROP TABLE IF EXISTS history_search")
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.drop_index("ix_post_case_position")
    with op.batch_alter_table("case_record", schema=None) as batch_op:
        batch_op.drop_index("ix_case_record_closed_on")
        batch_op.drop_index("ix_case_record_member_party")
        batch_op.drop_index("ix_case_record_member_role")
        batch_op.drop_index("ix_case_record_jurisdiction_received")
        batch_op.drop_index("ix_case_record_received_on_id")
    with op.batch_alter_table("history_tag", schema=None) as batch_op:
        batch_op.drop_index("ix_history_tag_kind_value")
    op.drop_table("history_tag")
    with op.batch_alter_table("history_case", schema=None) as batch_op:
        batch_op.drop_index("ix_history_case_tool_outcome")
        batch_op.drop_index("ix_history_case_sort_days")
        batch_op.drop_index("ix_history_case_sort_score")
        batch_op.drop_index("ix_history_case_received_on")
        batch_op.drop_index("ix_history_case_overdue_from")
        batch_op.drop_index("ix_history_case_outcome")
        batch_op.drop_index("ix_history_case_breach_decile")
    op.drop_table("history_case")
