"""Publishing a decision notice on the council's website: the tool suggests what to remove, the officer confirms
or adds words and chooses whether to name the member, and the approved page and PDF are stored.

The publication policy, by default: the complainant is never named; the member is named where a standards panel
found a breach, and not otherwise (the council can set "always" or "never" instead, and the officer still chooses);
third parties, addresses, phone numbers, email addresses and web addresses are removed. Removed text is replaced, so
nothing of it is in the HTML page or the PDF (checked by text extraction in the tests).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from triage import redaction, vocabulary
from triage.data import audit
from triage.data.councils import case_code
from triage.data.notes import store_pdf
from triage.extensions import db
from triage.formatting import format_date
from triage.models import Case, Hearing, Publication, User
from triage.models.enums import Finding
from triage.notes.pdf import render_pdf
from triage.notes.process import process_for
from triage.notes.render import render_publication_html

MAX_REMOVALS = 200


class PublicationError(ValueError):
    """The notice cannot be published; the message says why."""


def _texts(case: Case) -> list[str]:
    decision = case.latest_decision
    return [p.text or "" for p in case.posts] + ([decision.reasons] if decision is not None else [])


def _names(case: Case, *, name_member: bool) -> list[str]:
    names = []
    if case.complainant is not None and case.complainant.name:
        names.append(case.complainant.name)
    if not name_member and case.member_name:
        names.append(case.member_name)
    return names


def suggestions(case: Case, *, name_member: bool = False) -> list[dict[str, str]]:
    """Distinct words and phrases the tool would remove, with what they are, in the order they appear."""
    found: dict[str, str] = {}
    for text in _texts(case):
        for span in redaction.suggest(text, _names(case, name_member=name_member), urls=True):
            found.setdefault(span.text(text), span.kind)
    return [{"text": t, "kind": k} for t, k in found.items()]


def _apply(text: str, case: Case, *, removals: list[str], name_member: bool) -> str:
    """Remove the names the policy always removes, and each phrase the officer confirmed, wherever it appears."""
    spans = [s for s in redaction.suggest(text, _names(case, name_member=name_member)) if s.kind == "name"]
    spans += redaction.phrase_spans(text, removals)
    return redaction.redact(text, redaction.merge(spans))


def breach_hearing(case: Case) -> Hearing | None:
    """The latest hearing, if it found a breach of at least one paragraph."""
    latest = case.hearings[-1] if case.hearings else None
    return latest if latest is not None and latest.breach_found else None


def names_member_by_default(case: Case, policy: str) -> bool:
    """Whether the form starts with "name the member" under the council's policy (see ``PUBLICATION_NAMING``)."""
    if policy == "always":
        return True
    if policy == "never":
        return False
    return breach_hearing(case) is not None


def naming_hint(case: Case, policy: str) -> str:
    """The policy in a sentence, for the officer choosing whether to name the member."""
    if policy == "always":
        return "The council's policy is to name the member in every published notice."
    if policy == "never":
        return "The council's policy is not to name the member in published notices."
    hearing = breach_hearing(case)
    if hearing is not None:
        return (
            "The council's policy names the member where a standards panel found a breach. The panel found one on "
            f"{format_date(hearing.held_on)}."
        )
    return "The council's policy names the member only where a standards panel found a breach, and none has."


def _hearing(case: Case, headings: dict[str, str], clean) -> dict[str, Any] | None:
    if not case.hearings:
        return None
    hearing = case.hearings[-1]
    return {
        "held_on": hearing.held_on,
        "findings": [
            {"id": pid, "heading": headings.get(pid, ""), "breach": value == Finding.BREACH.value}
            for pid, value in (hearing.findings or {}).items()
        ],
        "sanction": hearing.sanction,
        "reasons": clean(hearing.reasons),
    }


def notice(case: Case, *, removals: list[str], name_member: bool) -> dict[str, Any]:
    """What the published notice says, already redacted."""
    decision = case.latest_decision
    if decision is None:
        raise PublicationError("Only a recorded decision can be published")
    process = process_for(case.jurisdiction.value, case.member_role.value if case.member_role else None)
    code = case_code(case)
    headings = {p.id: p.heading for p in code.paragraphs}
    role = case.member_role.label.lower() if case.member_role else "member"
    council = case.council.name if case.council else "the council"
    member = f"{case.member_name} ({role})" if name_member else f"a {role} of {council}"

    def clean(text: str) -> str:
        return _apply(text or "", case, removals=removals, name_member=name_member)

    return {
        "council": council,
        "reference": case.reference,
        "received_on": case.received_on,
        "decided_on": decision.decided_at,
        "member": member,
        "complainant": f"a complainant ({vocabulary.label(case.complainant.kind).lower()})"
        if case.complainant is not None
        else "a complainant",
        "code_title": code.title,
        "outcome": process.outcome_words.get(decision.outcome.value) or decision.outcome.label,
        "paragraphs": [{"id": p, "heading": headings.get(p, "")} for p in decision.paragraphs],
        "posts": [
            {
                "number": i,
                "platform": p.platform.label if p.platform else "",
                "posted_on": p.posted_on,
                "text": clean(p.text),
            }
            for i, p in enumerate(case.posts, 1)
        ],
        "reasons": clean(decision.reasons),
        "hearing": _hearing(case, headings, clean),
        # After a hearing the steps that followed the assessment decision are history; the hearing section says
        # what was decided, and the review route still applies.
        "next_steps": "" if case.hearings else process.next_steps.get(decision.outcome.value, ""),
        "review": process.review,
        "named": name_member,
        "policy_text": "",
    }


def approve(
    case: Case, *, user: User, removals: list[str] | None, name_member: bool, policy_text: str = ""
) -> Publication:
    """Render and store the approved notice (an accessible HTML page and a tagged PDF/UA file), audited. With
    ``removals`` None, every suggestion is removed."""
    if removals is None:
        removals = [s["text"] for s in suggestions(case, name_member=name_member)]
    removals = [r.strip() for r in removals if r.strip()][:MAX_REMOVALS]
    content = {**notice(case, removals=removals, name_member=name_member), "policy_text": policy_text}
    now = datetime.now(UTC)
    page = render_publication_html(content, generated_at=now, for_pdf=False)
    pdf = render_pdf(render_publication_html(content, generated_at=now, for_pdf=True), variant="pdf/ua-1")
    digest = store_pdf(pdf)
    version = max((p.version for p in case.publications), default=0) + 1
    row = Publication(
        case_id=case.id,
        decision_id=case.latest_decision.id,
        version=version,
        name_member=name_member,
        removals=removals,
        html=page,
        sha256=digest,
        size_bytes=len(pdf),
        approved_at=now,
        approved_by_id=user.id,
    )
    case.publications.append(row)
    db.session.flush()
    audit.record(
        "publication.approved",
        "publication",
        row.id,
        user=user,
        case_id=case.id,
        after={"version": version, "name_member": name_member, "removals": len(removals), "sha256": digest},
    )
    return row
