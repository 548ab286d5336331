"""The register of members, kept by the administrator: add, edit, end a term, import a CSV after a preview.

The register covers the principal council and its parish and town councils (``body`` names the parish council;
empty means the principal council). Every change is audited with what changed, never with more than the register
itself holds.
"""

from __future__ import annotations

from datetime import date

from triage.data import audit, members
from triage.extensions import db
from triage.models import Council, Member, User
from triage.models.enums import MemberRole

LIMITS = {"name": 200, "party": 120, "ward": 120, "body": 200, "email": 254}


class RegisterError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _checked(values: dict) -> dict:
    clean = {k: (values.get(k) or "").strip() for k in LIMITS}
    if not clean["name"]:
        raise RegisterError("name", "Enter the member's name")
    for key, limit in LIMITS.items():
        if len(clean[key]) > limit:
            raise RegisterError(key, f"This must be {limit} characters or fewer")
    try:
        clean["role"] = MemberRole(values.get("role") or MemberRole.COUNCILLOR)
    except ValueError:
        raise RegisterError("role", "Select the member's role") from None
    clean["term_start"] = values.get("term_start")
    clean["term_end"] = values.get("term_end")
    if clean["term_start"] and clean["term_end"] and clean["term_end"] < clean["term_start"]:
        raise RegisterError("term_end", "The end of the term must be after its start")
    return clean


def _changes(member: Member, clean: dict) -> tuple[dict, dict]:
    before, after = {}, {}
    for key, value in clean.items():
        old = getattr(member, key)
        if old != value:
            before[key] = old.isoformat() if isinstance(old, date) else getattr(old, "value", old)
            after[key] = value.isoformat() if isinstance(value, date) else getattr(value, "value", value)
    return before, after


def add_member(council: Council, values: dict, *, by: User) -> Member:
    clean = _checked(values)
    if members.find_member(council, clean["name"]) is not None:
        raise RegisterError("name", "A member with this name is already on the register: edit them instead")
    member = Member(council_id=council.id, **clean)
    db.session.add(member)
    db.session.flush()
    audit.record("member.added", "member", member.id, user=by, after=_changes(Member(), clean)[1])
    return member


def edit_member(member: Member, values: dict, *, by: User) -> Member:
    clean = _checked(values)
    same_name = members.find_member(member.council, clean["name"])
    if same_name is not None and same_name.id != member.id:
        raise RegisterError("name", "Another member on the register has this name")
    before, after = _changes(member, clean)
    for key, value in clean.items():
        setattr(member, key, value)
    db.session.flush()
    if after:
        audit.record("member.edited", "member", member.id, user=by, before=before, after=after)
    return member


def end_term(member: Member, ended_on: date | None, *, by: User, today: date | None = None) -> Member:
    """The member's term ends (they stood down, lost their seat or died). Their past cases keep their details."""
    today = today or date.today()
    if ended_on is None:
        raise RegisterError("ended_on", "Enter the date the term ended")
    if ended_on > today:
        raise RegisterError("ended_on", "The date the term ended must be today or in the past")
    if member.term_start and ended_on < member.term_start:
        raise RegisterError("ended_on", "The term cannot end before it started")
    before = member.term_end.isoformat() if member.term_end else None
    member.term_end = ended_on
    db.session.flush()
    audit.record(
        "member.term_ended",
        "member",
        member.id,
        user=by,
        before={"term_end": before},
        after={"term_end": ended_on.isoformat()},
    )
    return member


def import_register(council: Council, text: str, *, by: User) -> members.ImportResult:
    return members.import_members_csv(council, text, user=by)
