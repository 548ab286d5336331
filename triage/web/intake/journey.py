"""The intake draft as a journey: what was typed on each step, whether it is valid, and what it adds up to.

The draft keeps exactly what the officer typed on each page (even when it did not validate), so nothing is lost to
an error, a closed tab or an expired session. Clean values are never stored separately: they are recomputed by
validating the saved input with the same form, so a page, the check-your-answers page and case creation cannot
disagree.

Draft data layout::

    {"steps": {"received": {...form input...}, "complainant": {...}, "member": {...}, "member_details": {...}},
     "posts": [{"id": "…", "form": {...form input...}, "screenshots": [StoredImage dict + original_filename]}],
     "answers": {"question_id": {"value": "yes", "prefilled_from": "yes" | None}},
     "answered_groups": ["capacity", ...]}
"""

from __future__ import annotations

import copy
import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from werkzeug.datastructures import MultiDict
from wtforms.fields.choices import SelectChoice

from triage.data import intake as intake_data
from triage.intake.casefile import build_case_file
from triage.models.enums import MemberRole
from triage.scoring import questions as catalogue
from triage.web.intake.forms import (
    ROLE_LABELS,
    ComplainantForm,
    MemberDetailsForm,
    MemberForm,
    PostForm,
    ReceivedForm,
    questions_form,
)

if TYPE_CHECKING:
    from triage.models import IntakeDraft, Member

MAX_STORED_CHARS = 100_000  # what is kept of one typed value, even when it is over the field's limit
SIMPLE_STEPS = ("received", "complainant", "member", "member_details")
GROUPS = tuple(key for key, _ in catalogue.GROUPS)
GROUP_TITLES = dict(catalogue.GROUPS)
TRISTATE = {True: "yes", False: "no", None: "unknown"}


def raw_input(formdata: MultiDict, form) -> dict[str, list[str]]:
    """The submitted values of the form's own fields, as lists of strings (date inputs post three values)."""
    out: dict[str, list[str]] = {}
    for name in form._fields:
        if name in form.CONTROL_FIELDS or name == "screenshots":
            continue
        values = [v[:MAX_STORED_CHARS] for v in formdata.getlist(name) if isinstance(v, str)]
        if values:
            out[name] = values
    return out


def member_label(member: Member, words=str) -> str:
    """'Cllr Margaret Ellory (Independent, Abbey) – leader of the council', as listed in the select; a parish or
    town councillor is named with their council ('… – Little Ashby Parish Council'), so two people of one name on
    different councils can be told apart. ``words`` translates the role (the public form's catalogue)."""
    details = ", ".join(x for x in (member.party, member.ward) if x)
    label = member.name + (f" ({details})" if details else "")
    role = ROLE_LABELS.get(member.role)
    role = words(role) if role else ""
    role = f"{role[0].lower()}{role[1:]}" if role else ""
    if member.body:
        parish = member.role == MemberRole.PARISH_COUNCILLOR
        return f"{label} – {member.body}" if parish else f"{label} – {role}, {member.body}"
    return f"{label} – {role}" if role else label


@dataclass
class Prefill:
    value: str
    why: str


@dataclass
class EffectiveAnswer:
    value: str | None
    prefilled: bool = False
    why: str = ""
    suggestion: Prefill | None = None


@dataclass
class StepResult:
    form: Any
    valid: bool
    started: bool


@dataclass
class PostResult:
    entry: dict
    form: PostForm
    valid: bool
    number: int
    clean: dict = field(default_factory=dict)


class Journey:
    """Read-only view of a draft's data plus the rules that turn it into clean values."""

    def __init__(self, draft: IntakeDraft):
        self.draft = draft
        self.data: dict = copy.deepcopy(draft.data or {})
        self.data.setdefault("steps", {})
        self.data.setdefault("posts", [])
        self.data.setdefault("answers", {})
        self.data.setdefault("answered_groups", [])
        self._council = None
        self._members: list[Member] | None = None

    # --- context ------------------------------------------------------------------------------------------------

    @property
    def council(self):
        if self._council is None:
            self._council = intake_data.get_council(self.draft.council_id)
        return self._council

    @property
    def members(self) -> list[Member]:
        if self._members is None:
            self._members = intake_data.members_for_council(self.draft.council_id)
        return self._members

    @property
    def submitted(self) -> bool:
        return self.draft.case_id is not None

    # --- forms --------------------------------------------------------------------------------------------------

    def make_form(self, key: str, formdata: MultiDict | None = None, *, csrf: bool = True, **kwargs):
        """A step's form bound to `formdata` (None: the saved input, or the defaults when nothing was saved).
        `csrf=False` for forms only validated, never rendered."""
        if formdata is None:
            saved = self.data["steps"].get(key)
            formdata = MultiDict(saved) if saved else None
        cls = {
            "received": ReceivedForm,
            "complainant": ComplainantForm,
            "member": MemberForm,
            "member_details": MemberDetailsForm,
        }[key]
        form = cls(formdata=formdata, meta={} if csrf else {"csrf": False}, **kwargs)
        if key == "member":
            form.member_id.choices = [SelectChoice("", "Select a member")] + [
                SelectChoice(str(m.id), member_label(m)) for m in self.members
            ]
        return form

    def step(self, key: str) -> StepResult:
        saved = self.data["steps"].get(key)
        form = self.make_form(key, MultiDict(saved or {}), csrf=False)
        return StepResult(form, bool(saved) and form.validate(), bool(saved))

    def clean(self, key: str) -> dict | None:
        result = self.step(key)
        return result.form.data if result.valid else None

    def received_on(self) -> date | None:
        received = self.clean("received")
        return received["received_on"] if received else None

    def member(self) -> Member | None:
        chosen = self.clean("member")
        return intake_data.get_member(self.draft.council_id, chosen["member_id"]) if chosen else None

    def member_defaults(self) -> tuple[dict, dict[str, str]]:
        """Role and 'in office at the time' from the register, with the reason shown next to each."""
        member = self.member()
        if member is None:
            return {}, {}
        defaults = {"role": member.role.value}
        reasons = {"role": "From the council's register of members."}
        posted = [p.clean["posted_on"] for p in self.posts() if p.valid and p.clean.get("posted_on")]
        if posted:
            day, what = min(posted), "the date of the earliest post"
        else:
            day, what = self.received_on(), "the date the complaint was received"
        if day is None:
            return defaults, reasons
        in_office = member.in_office_on(day)
        defaults["in_office"] = TRISTATE[in_office]
        if member.term_start is None and member.term_end is None:
            reasons["in_office"] = "The register has no term dates for this member."
        else:
            start = _long_date(member.term_start) if member.term_start else "a date not recorded"
            end = f"ended {_long_date(member.term_end)}" if member.term_end else "has no end date"
            reasons["in_office"] = (
                f"From the register: their term began {start} and {end}, checked against {what} ({_long_date(day)})."
            )
        return defaults, reasons

    # --- posts --------------------------------------------------------------------------------------------------

    def post_entry(self, post_id: str) -> dict | None:
        return next((p for p in self.data["posts"] if p.get("id") == post_id), None)

    def new_post_entry(self) -> dict:
        entry = {"id": secrets.token_hex(4), "form": {}, "screenshots": []}
        self.data["posts"].append(entry)
        return entry

    def post_form(self, formdata: MultiDict | None = None, **kwargs) -> PostForm:
        return PostForm(formdata=formdata, received_on=self.received_on(), **kwargs)

    def posts(self) -> list[PostResult]:
        received_on = self.received_on()
        out = []
        for number, entry in enumerate(self.data["posts"], 1):
            form = PostForm(formdata=MultiDict(entry.get("form") or {}), meta={"csrf": False}, received_on=received_on)
            valid = form.validate()
            clean = {k: v for k, v in form.data.items() if k not in PostForm.CONTROL_FIELDS and k != "screenshots"}
            out.append(PostResult(entry, form, valid, number, clean if valid else {}))
        return out

    # --- questions ----------------------------------------------------------------------------------------------

    def case_file(self, *, with_answers: bool = False) -> dict:
        """The case-file dict built from the valid steps so far (the prefills read this)."""
        received = self.clean("received")
        complainant = self.clean("complainant")
        member = self.member()
        details = self.clean("member_details") or {}
        member_dict = None
        if member is not None:
            member_dict = {
                "name": member.name,
                "party": member.party,
                "role": details.get("role") or member.role.value,
                "in_office_at_time": details.get("in_office"),
            }
        posts = [p.clean for p in self.posts() if p.valid]
        council = self.council
        return build_case_file(
            jurisdiction=council.jurisdiction.value if council else None,
            code=council.code.slug if council and council.code else None,
            council_name=council.name if council else None,
            received=received,
            complainant=None
            if complainant is None
            else {
                "kind": complainant["kind"],
                "name": complainant["name"],
                "email": complainant["email"],
                "confidentiality_requested": complainant["confidentiality"] == "yes",
            },
            member=member_dict,
            posts=posts,
            answers={k: v.value for k, v in self.effective_answers().items() if v.value} if with_answers else None,
        )

    def suggestions(self, case_file: dict | None = None) -> dict[str, Prefill]:
        """What the case data implies, from the catalogue's prefill rules (answers left out so every rule runs)."""
        case_file = dict(case_file if case_file is not None else self.case_file())
        case_file["answers"] = {}
        resolved = catalogue.resolve_answers(case_file)
        return {qid: Prefill(r.value, r.why) for qid, r in resolved.items() if r.origin == "implied"}

    def effective_answers(self, suggestions: dict[str, Prefill] | None = None) -> dict[str, EffectiveAnswer]:
        """The answer each question shows: the officer's own choice, or the prefill while the officer has not
        changed it (a prefill left alone follows the data if the data changes)."""
        if suggestions is None:
            suggestions = self.suggestions()
        stored = self.data["answers"]
        out = {}
        for q in catalogue.QUESTIONS:
            suggestion = suggestions.get(q.id)
            saved = stored.get(q.id)
            if saved is None:
                value = suggestion.value if suggestion else None
            elif saved.get("prefilled_from") is not None and saved.get("value") == saved["prefilled_from"]:
                value = suggestion.value if suggestion else saved.get("value")
            else:
                value = saved.get("value")
            prefilled = suggestion is not None and value == suggestion.value
            out[q.id] = EffectiveAnswer(value, prefilled, suggestion.why if prefilled else "", suggestion)
        return out

    def record_answers(self, group: str, formdata: MultiDict, suggestions: dict[str, Prefill]) -> None:
        for q in catalogue.questions_in_group(group):
            value = formdata.get(q.id)
            if value in q.options:
                suggestion = suggestions.get(q.id)
                self.data["answers"][q.id] = {
                    "value": value,
                    "prefilled_from": suggestion.value if suggestion else None,
                }
        if group not in self.data["answered_groups"]:
            self.data["answered_groups"].append(group)

    def group_complete(self, group: str, answers: dict[str, EffectiveAnswer]) -> bool:
        return group in self.data["answered_groups"] and all(
            answers[q.id].value for q in catalogue.questions_in_group(group)
        )

    def questions_form(self, group: str, formdata: MultiDict | None = None, answers=None):
        cls = questions_form(group)
        if formdata is not None:
            return cls(formdata=formdata)
        answers = answers or self.effective_answers()
        data = {q.id: answers[q.id].value for q in catalogue.questions_in_group(group)}
        return cls(data=data)

    # --- overall ------------------------------------------------------------------------------------------------

    def first_incomplete(self) -> tuple[str, dict]:
        """(endpoint, url arguments) of the first page still to do, or the check page when everything is done."""
        for key in SIMPLE_STEPS:
            if not self.step(key).valid:
                return f"intake.{key}", {}
        posts = self.posts()
        if not posts:
            return "intake.new_post", {}
        for post in posts:
            if not post.valid:
                return "intake.edit_post", {"post_id": post.entry["id"]}
        answers = self.effective_answers()
        for group in GROUPS:
            if not self.group_complete(group, answers):
                return "intake.questions", {"group": group}
        return "intake.check", {}

    def headline(self) -> str:
        """How the draft is named in the list of unfinished complaints."""
        member = self.member()
        return f"About {member.name}" if member else "Member not chosen yet"


def _long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"
