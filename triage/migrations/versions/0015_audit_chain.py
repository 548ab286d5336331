"""audit chain: a locked chain head, a gap-free sequence number per entry, and keyed (HMAC) entries from now on

Revision ID: 0015_audit_chain
Revises: 0014_kept_forms
Create Date: 2026-12-05

"""

import sqlalchemy as sa
from alembic import op

revision = "0015_audit_chain"
down_revision = "0014_kept_forms"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("scheme", sa.String(length=10), nullable=False, server_default="sha256"))
    # Entries already written keep their SHA-256 chain; number them in the order they were written.
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM audit_entry ORDER BY id"))]
    for number, entry_id in enumerate(ids, 1):
        bind.execute(sa.text("UPDATE audit_entry SET seq = :n WHERE id = :id"), {"n": number, "id": entry_id})
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_audit_entry_seq"), ["seq"])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    last = bind.execute(sa.text("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")).first()
    bind.execute(
        sa.text("INSERT INTO audit_head (id, seq, hash) VALUES (1, :seq, :hash)"),
        {"seq": last[0] if last else 0, "hash": last[1] if last else ""},
    )


def downgrade() -> None:
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_entry_seq"), type_="unique")
        batch_op.drop_column("scheme")
        batch_op.drop_column("seq")
