"""Councils and the Codes of Conduct stored for them."""

from __future__ import annotations

from sqlalchemy import func, select

from triage import codes as code_data
from triage.data import audit
from triage.extensions import db
from triage.models import Case, CodeOfConduct, CodeParagraph, Council
from triage.models.enums import Jurisdiction


def get_code(slug: str, version: int | None = None) -> CodeOfConduct | None:
    """A stored Code: the given version, or the latest."""
    query = select(CodeOfConduct).where(CodeOfConduct.slug == slug)
    if version is not None:
        return db.session.scalars(query.where(CodeOfConduct.version == version)).first()
    return db.session.scalars(query.order_by(CodeOfConduct.version.desc()).limit(1)).first()


def code_versions(slug: str | None = None) -> list[CodeOfConduct]:
    """Every stored version, newest first within each Code."""
    query = select(CodeOfConduct).order_by(CodeOfConduct.slug, CodeOfConduct.version.desc())
    if slug is not None:
        query = query.where(CodeOfConduct.slug == slug)
    return list(db.session.scalars(query))


def store_code(code: code_data.CodeOfConduct, *, actor: str = "system") -> CodeOfConduct:
    """Store a Code from its definition. Unchanged: nothing happens. Changed: it becomes the next version, councils
    using the Code move to it for new complaints, and cases already logged keep the version they were logged under.
    """
    latest = get_code(code.id)
    if latest is not None and _definition(latest) == code:
        return latest
    row = CodeOfConduct(slug=code.id, version=(latest.version + 1) if latest is not None else 1)
    db.session.add(row)
    row.title = code.title
    row.jurisdiction = Jurisdiction(code.jurisdiction)
    row.source_note = code.source_note
    row.adopted_by_note = code.adopted_by_note
    row.paraphrase = code.paraphrase
    row.in_force_from = code.in_force_from
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
    moved = []
    if latest is not None:
        for council in db.session.scalars(select(Council).where(Council.code_id == latest.id)):
            council.code = row
            moved.append(council.name)
    db.session.flush()
    audit.record(
        "code.stored" if latest is None else "code.revised",
        "code",
        row.slug,
        actor=actor,
        before={"version": latest.version} if latest is not None else None,
        after={"version": row.version, "paragraphs": len(code.paragraphs), "councils_moved": moved},
    )
    return row


def code_definition(slug: str, version: int | None = None) -> code_data.CodeOfConduct | None:
    """The Code as the scorer, the forms and the notes read it, built from the stored rows (one source of truth):
    the given version, or the latest."""
    row = get_code(slug, version)
    return _definition(row) if row is not None else None


def case_code(case) -> code_data.CodeOfConduct:
    """The Code a case is assessed, decided and written up under: the stored version it was logged under, else the
    latest stored version, else the shipped definition."""
    for version in (case.code_version, None):
        stored = code_definition(case.code_slug, version)
        if stored is not None and stored.paragraphs:
            return stored
    return code_data.load_code(case.code_slug)


def _definition(row: CodeOfConduct) -> code_data.CodeOfConduct:
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
    """Store each shipped Code; a shipped Code that changed since it was stored becomes its next version (a paragraph
    added to the shipped JSON must be offered by the decision form as well as cited by the scorer)."""
    return [store_code(code_data.load_code(cid)) for cid in code_data.shipped_code_ids()]


def code_slugs() -> list[str]:
    """Every stored Code of Conduct's slug, sorted (the API document lists them as the accepted values)."""
    return sorted(set(db.session.scalars(select(CodeOfConduct.slug))))


def code_usage() -> list[tuple[CodeOfConduct, list[str], int]]:
    """Each stored Code version with the councils using it and the number of cases logged under it."""
    counts = {
        (slug, version): n
        for slug, version, n in db.session.execute(
            select(Case.code_slug, Case.code_version, func.count(Case.id)).group_by(Case.code_slug, Case.code_version)
        )
    }
    out = []
    for row in code_versions():
        councils = sorted(db.session.scalars(select(Council.name).where(Council.code_id == row.id)))
        out.append((row, councils, counts.get((row.slug, row.version), 0)))
    return out


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
