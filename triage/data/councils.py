"""Councils and the Codes of Conduct stored for them."""

from __future__ import annotations

from sqlalchemy import select

from triage import codes as code_data
from triage.data import audit
from triage.extensions import db
from triage.models import CodeOfConduct, CodeParagraph, Council
from triage.models.enums import Jurisdiction


def get_code(slug: str) -> CodeOfConduct | None:
    return db.session.scalars(select(CodeOfConduct).where(CodeOfConduct.slug == slug)).first()


def store_code(code: code_data.CodeOfConduct, *, actor: str = "system") -> CodeOfConduct:
    """Insert or replace a Code's paragraphs from its data definition (the council's own wording if loaded)."""
    row = get_code(code.id)
    created = row is None
    if row is None:
        row = CodeOfConduct(slug=code.id)
        db.session.add(row)
    row.title = code.title
    row.jurisdiction = Jurisdiction(code.jurisdiction)
    row.source_note = code.source_note
    row.adopted_by_note = code.adopted_by_note
    row.paraphrase = code.paraphrase
    row.in_force_from = code.in_force_from
    row.paragraphs.clear()
    db.session.flush()
    for position, p in enumerate(code.paragraphs):
        row.paragraphs.append(
            CodeParagraph(
                ref=p.id,
                position=position,
                heading=p.heading,
                text=p.text,
                topic=p.topic,
                question_ids=list(p.question_ids),
                applies_at_any_time=p.applies_at_any_time,
                targets=list(p.targets),
            )
        )
    db.session.flush()
    audit.record(
        "code.stored" if created else "code.replaced",
        "code",
        row.slug,
        actor=actor,
        after={"paragraphs": len(code.paragraphs)},
    )
    return row


def code_definition(slug: str) -> code_data.CodeOfConduct | None:
    """The Code as the scorer, the forms and the notes read it, built from the stored rows (one source of truth)."""
    row = get_code(slug)
    if row is None:
        return None
    return code_data.CodeOfConduct(
        id=row.slug,
        title=row.title,
        jurisdiction=row.jurisdiction.value,
        adopted_by_note=row.adopted_by_note or "",
        source_note=row.source_note or "",
        paraphrase=bool(row.paraphrase),
        in_force_from=row.in_force_from,
        paragraphs=tuple(
            code_data.Paragraph(
                id=p.ref,
                heading=p.heading,
                text=p.text,
                topic=p.topic,
                question_ids=tuple(p.question_ids or ()),
                applies_at_any_time=bool(p.applies_at_any_time),
                targets=tuple(p.targets or ()),
            )
            for p in row.paragraphs
        ),
    )


def ensure_shipped_codes() -> list[CodeOfConduct]:
    """Store each shipped Code, and refresh a stored copy that no longer matches the shipped definition (a paragraph
    added to the shipped JSON must be offered by the decision form as well as cited by the scorer)."""
    out = []
    for cid in code_data.shipped_code_ids():
        shipped = code_data.load_code(cid)
        stored = code_definition(cid)
        out.append(get_code(cid) if stored == shipped else store_code(shipped))
    return out


def code_slugs() -> list[str]:
    """Every stored Code of Conduct's slug, sorted (the API document lists them as the accepted values)."""
    return sorted(db.session.scalars(select(CodeOfConduct.slug)))


def get_council(council_id: int) -> Council | None:
    return db.session.get(Council, council_id)


def default_council() -> Council | None:
    return db.session.scalars(select(Council).order_by(Council.id).limit(1)).first()


def get_council_by_name(name: str) -> Council | None:
    return db.session.scalars(select(Council).where(Council.name == name)).first()


def create_council(
    name: str, jurisdiction: Jurisdiction, code_slug: str, *, actor: str = "system", **targets
) -> Council:
    code = get_code(code_slug) or store_code(code_data.load_code(code_slug))
    council = Council(name=name, jurisdiction=Jurisdiction(jurisdiction), code_id=code.id, **targets)
    db.session.add(council)
    db.session.flush()
    audit.record("council.created", "council", council.id, actor=actor, after={"name": name, "code": code_slug})
    return council
