"""Forms for logging a complaint, with GOV.UK widgets and GOV.UK error wording ("Enter …", "Select …")."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import Field, HiddenField, MultipleFileField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, Length, Optional, StopValidation, ValidationError

from triage.models.enums import (
    AccountKind,
    ComplainantKind,
    Interaction,
    MemberRole,
    Platform,
    PostAuthor,
    ReceivedVia,
    Tristate,
    Visibility,
)
from triage.scoring import questions as catalogue
from triage.web.fields import strip_one_line as _strip
from triage.web.kept_work import KeptWorkForm

MAX_POST_CHARS = 20_000
MAX_URL_CHARS = 2_000
UK = ZoneInfo("Europe/London")


def today() -> date:
    """Today in the UK, whatever the server's clock zone (a complaint logged at 00:30 BST is today's)."""
    return datetime.now(UK).date()


# --- vocabularies shown to the officer --------------------------------------------------------------------------

RECEIVED_VIA_LABELS = {m: m.answer for m in ReceivedVia}
COMPLAINANT_LABELS = {m: m.answer for m in ComplainantKind}
ROLE_LABELS = {m: m.answer for m in MemberRole}
PLATFORM_LABELS = {m: m.answer for m in Platform}
AUTHOR_LABELS = {m: m.answer for m in PostAuthor}
ACCOUNT_LABELS = {m: m.answer for m in AccountKind}
VISIBILITY_LABELS = {m: m.answer for m in Visibility}
INTERACTION_LABELS = {m: m.answer for m in Interaction}
TRISTATE_LABELS = {t.value: t.answer for t in Tristate}
YES_NO = {"yes": "Yes", "no": "No"}


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(str(getattr(k, "value", k)), v) for k, v in labels.items()]


def choice_values(field) -> set[str]:
    return {SelectChoice.from_input(c).value for c in field.choices or []}


# --- fields -----------------------------------------------------------------------------------------------------


class GovRadioField(RadioField):
    """Radios that must be answered, with one GOV.UK message for 'nothing chosen' and 'not a valid choice'."""

    def __init__(self, label=None, validators=None, message: str = "Select an option", required=True, **kwargs):
        kwargs.setdefault("widget", GovRadioInput())
        super().__init__(label, validators, **kwargs)
        self.message = message
        self.required = required

    def pre_validate(self, form) -> None:
        if self.data in (None, "", "None"):
            if self.required:
                raise StopValidation(self.message)
            self.data = None
            raise StopValidation()
        if self.data not in choice_values(self):
            raise StopValidation(self.message)


class GovSelectField(SelectField):
    def __init__(self, label=None, validators=None, message: str = "Select an option", **kwargs):
        kwargs.setdefault("widget", GovSelect())
        super().__init__(label, validators, **kwargs)
        self.message = message

    def pre_validate(self, form) -> None:
        valid = choice_values(self) - {""}
        if self.data in (None, "") or str(self.data) not in valid:
            raise StopValidation(self.message)


class GovDateField(Field):
    """Day, month and year boxes (GovDateInput) with the GOV.UK date-input error messages."""

    def __init__(
        self,
        label=None,
        validators=None,
        *,
        phrase: str,
        required_message: str | None = None,
        not_future: bool = True,
        **kwargs,
    ):
        kwargs.setdefault("widget", GovDateInput())
        super().__init__(label, validators, **kwargs)
        self.phrase = phrase
        self.required_message = required_message
        self.not_future = not_future
        self.empty = True

    def _value(self) -> str:
        if self.raw_data:
            return " ".join(self.raw_data)
        return self.data.strftime("%d %m %Y") if self.data else ""

    def process_formdata(self, valuelist) -> None:
        # Always three parts: the widget unpacks raw_data into day, month and year.
        parts = [str(v).strip() for v in list(valuelist or [])[:3]]
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        self.data = None
        self.empty = not any(parts)
        if self.empty:
            return
        missing = [name for name, value in zip(("day", "month", "year"), parts, strict=True) if not value]
        if missing:
            raise ValueError(f"{self.phrase} must include a {' and '.join(missing)}")
        day, month, year = parts
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValueError(f"{self.phrase} must be a real date")
        if len(year) != 4:
            raise ValueError("Year must include 4 numbers")
        try:
            self.data = date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValueError(f"{self.phrase} must be a real date") from exc

    def pre_validate(self, form) -> None:
        if self.process_errors:
            raise StopValidation()
        if self.data is None:
            if self.required_message:
                raise StopValidation(self.required_message)
            raise StopValidation()
        if self.not_future and self.data > today():
            raise StopValidation(f"{self.phrase} must be today or in the past")
        if self.data.year < 1990:
            raise StopValidation(f"{self.phrase} must be after 1990")


def _normalise_newlines(value):
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def http_url(form, field) -> None:
    """A web address typed as text: http or https with a host. It is stored and shown, never fetched."""
    value = field.data or ""
    if not value:
        return
    if len(value) > MAX_URL_CHARS:
        raise ValidationError("The web address must be 2,000 characters or fewer")
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        parts, host = None, ""
    if (
        parts is None
        or parts.scheme.lower() not in {"http", "https"}
        or not re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}|localhost", host, re.IGNORECASE)
        or re.search(r"\s", value)
    ):
        raise ValidationError(
            "Enter the web address in the correct format, like https://www.facebook.com/page/posts/123"
        )


# --- forms ------------------------------------------------------------------------------------------------------


class IntakeForm(KeptWorkForm):
    """Every step: a hidden draft version (optimistic locking), Save and continue, Save and come back later."""

    draft_version = HiddenField()
    submit = SubmitField("Save and continue", widget=GovSubmitInput())
    later = SubmitField("Save and come back later", widget=GovSubmitInput())

    #: Fields that are not answers and are not saved with the draft.
    CONTROL_FIELDS = frozenset({"csrf_token", "draft_version", "submit", "later"})


class StartForm(KeptWorkForm):
    submit = SubmitField("Start now", widget=GovSubmitInput())


class ReceivedForm(IntakeForm):
    received_on = GovDateField(
        "When was the complaint received?",
        phrase="Date received",
        required_message="Enter the date the complaint was received",
        description="For example, 27 3 2026",
    )
    received_via = GovRadioField(
        "How was it received?", choices=_choices(RECEIVED_VIA_LABELS), message="Select how the complaint was received"
    )
    learned_on = GovDateField(
        "When did the complainant learn of the post? (optional)",
        phrase="Date the complainant learned of the post",
        description="If they say so. Any time limit runs from here, as a discretion, not from the date of the post.",
    )

    def validate_learned_on(self, field) -> None:
        if field.data and self.received_on.data and field.data > self.received_on.data:
            raise ValidationError("Date the complainant learned of the post must be on or before the date received")


class ComplainantForm(IntakeForm):
    kind = GovRadioField(
        "Who made the complaint?", choices=_choices(COMPLAINANT_LABELS), message="Select who made the complaint"
    )
    name = StringField(
        "Full name",
        filters=[_strip],
        widget=GovTextInput(),
        description="Or the organisation's name. Leave blank for an anonymous complaint.",
        validators=[Length(max=200, message="Name must be 200 characters or fewer")],
    )
    email = StringField(
        "Email address (optional)",
        filters=[_strip],
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Email("Enter an email address in the correct format, like name@example.com"),
        ],
    )
    phone = StringField(
        "Phone number (optional)",
        filters=[_strip],
        widget=GovTextInput(),
        validators=[Length(max=40, message="Phone number must be 40 characters or fewer")],
    )
    confidentiality = GovRadioField(
        "Has the complainant asked for their identity to be kept confidential?",
        choices=_choices(YES_NO),
        message="Select yes if the complainant asked for their identity to be kept confidential",
    )

    def validate_name(self, field) -> None:
        if self.kind.data == ComplainantKind.ANONYMOUS.value and field.data:
            raise ValidationError("Remove the name for an anonymous complaint, or select who made the complaint")
        if self.kind.data and self.kind.data != ComplainantKind.ANONYMOUS.value and not field.data:
            raise ValidationError("Enter the complainant's name")

    def validate_phone(self, field) -> None:
        if field.data and not re.fullmatch(r"\+?[0-9 ()-]{6,}", field.data):
            raise ValidationError("Enter a phone number, like 01632 960 001 or +44 808 157 0192")


class MemberForm(IntakeForm):
    member_id = GovSelectField(
        "Which member is the complaint about?",
        message="Select the member the complaint is about",
        choices=[],
        description="Start typing their name. Members are listed from the council's register.",
    )


class MemberDetailsForm(IntakeForm):
    role = GovRadioField("What was their role?", choices=_choices(ROLE_LABELS), message="Select the member's role")
    in_office = GovRadioField(
        "Were they a member of the council when the post was made?",
        choices=_choices(TRISTATE_LABELS),
        message="Select yes if the member was in office when the post was made",
    )


class PostForm(IntakeForm):
    text = StringField(
        "What are the words of the post, exactly as posted?",
        widget=GovCharacterCount(),
        filters=[_normalise_newlines],
        description="Copy and paste them from the complaint or screenshot. Include spelling mistakes and emoji.",
    )
    url = StringField(
        "Web address of the post (optional)",
        filters=[_strip],
        widget=GovTextInput(),
        description="For example, https://www.facebook.com/page/posts/123. This service records the address as "
        "text: it never opens it.",
        validators=[http_url],
    )
    platform = GovSelectField(
        "Where was it posted?",
        choices=[SelectChoice("", "Select where it was posted"), *_choices(PLATFORM_LABELS)],
        message="Select where it was posted",
    )
    posted_on = GovDateField(
        "When was it posted? (optional)",
        phrase="Date posted",
        description="For example, 14 3 2026. Leave blank if not known.",
    )
    author = GovRadioField("Who wrote it?", choices=_choices(AUTHOR_LABELS), message="Select who wrote it")
    account_kind = GovRadioField(
        "What kind of account was it posted from?",
        choices=_choices(ACCOUNT_LABELS),
        message="Select what kind of account it was posted from",
    )
    visibility = GovRadioField(
        "Who could see it?", choices=_choices(VISIBILITY_LABELS), message="Select who could see it"
    )
    interaction = GovRadioField(
        "What did the writer do?", choices=_choices(INTERACTION_LABELS), message="Select what the writer did"
    )
    removed = GovRadioField(
        "Has it been removed since?",
        choices=_choices(TRISTATE_LABELS),
        message="Select yes if it has been removed since",
    )
    screenshots = MultipleFileField(
        "Screenshots (optional)",
        widget=GovFileInput(multiple=True),
        description="PNG, JPEG or WebP images, each smaller than 10 MB. You can choose more than one.",
    )

    def __init__(self, *args, received_on: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.received_on = received_on

    def validate_text(self, field) -> None:
        if not (field.data or "").strip():
            raise StopValidation("Enter the words of the post")
        if len(field.data) > MAX_POST_CHARS:
            raise StopValidation("The words of the post must be 20,000 characters or fewer")

    def validate_posted_on(self, field) -> None:
        if field.data and self.received_on and field.data > self.received_on:
            raise ValidationError("Date posted must be the same as or before the date the complaint was received")


class AddAnotherForm(IntakeForm):
    add_another = GovRadioField(
        "Do you need to add another post?",
        choices=_choices(YES_NO),
        message="Select yes if you need to add another post",
    )


class ConfirmRemoveForm(KeptWorkForm):
    draft_version = HiddenField()
    confirm = GovRadioField("", choices=_choices(YES_NO), message="Select yes to remove it")
    submit = SubmitField("Continue", widget=GovSubmitInput())


class CreateCaseForm(KeptWorkForm):
    draft_version = HiddenField()
    submit = SubmitField("Create case", widget=GovSubmitInput())


class DeleteDraftForm(KeptWorkForm):
    submit = SubmitField("Yes, delete it", widget=GovSubmitInput())


@cache
def questions_form(group: str) -> type[IntakeForm]:
    """A form class with one radio question per catalogue question in the group, in catalogue order."""
    attrs = {}
    for q in catalogue.questions_in_group(group):
        phrase = q.phrase
        message = f"Select an answer to {phrase}" if phrase else f"Select an answer to: {q.text}"
        attrs[q.id] = GovRadioField(
            q.text,
            choices=[SelectChoice(o, catalogue.OPTION_LABELS.get(o, o)) for o in q.options],
            message=message,
        )
    return type(f"QuestionsForm_{group}", (IntakeForm,), attrs)
