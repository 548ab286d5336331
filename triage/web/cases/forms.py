"""Forms for the case page. Each change form carries the case version it was filled in against, so a save made
after someone else's change is caught rather than silently overwriting it."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import FileField, HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from triage.cases import workflow
from triage.models.enums import Direction, DocumentKind, Finding
from triage.scoring.questions import OPTION_LABELS, QUESTIONS, QUESTIONS_BY_ID
from triage.web.fields import GovDateField
from triage.web.kept_work import KeptWorkForm


class VersionedForm(KeptWorkForm):
    version = HiddenField()


class StatusForm(VersionedForm):
    # Choices are set per case to the statuses the workflow allows next. Any posted value is passed to the workflow
    # (validate_choice=False), which refuses illegal moves with a reason the error summary shows.
    status = RadioField(
        "What is the new status?",
        widget=GovRadioInput(),
        validate_choice=False,
        validators=[InputRequired("Select the new status")],
    )
    reason = TextAreaField(
        "Why is the case paused, or what information have you asked for?",
        widget=GovTextArea(),
        description="Needed when you pause the case or seek more information. Shown on the case page.",
        validators=[Length(max=4000, message="The reason must be 4,000 characters or fewer")],
    )
    investigator = StringField(
        "Who is investigating?",
        widget=GovTextInput(),
        description="Needed when the case goes to investigation: the investigator's name and organisation.",
        validators=[Length(max=200, message="The investigator's name must be 200 characters or fewer")],
    )
    finding = RadioField(
        "What did the investigator find?",
        widget=GovRadioInput(),
        choices=[SelectChoice(v, t) for v, t in Finding.choices()],
        validate_choice=False,
        description="Needed when an investigated case goes to a hearing or is closed.",
    )
    submit = SubmitField("Change status", widget=GovSubmitInput())

    def set_choices(self, statuses) -> None:
        """The statuses the workflow allows next for this case (a decision is recorded on the decision form)."""
        self.status.choices = [SelectChoice(s.value, workflow.label(s)) for s in statuses]


class OfficerField(SelectField):
    def pre_validate(self, form) -> None:
        if self.data not in {SelectChoice.from_input(c).value for c in self.choices or []}:
            raise ValidationError("Select an officer from the list")


class AssignForm(VersionedForm):
    officer = OfficerField(
        "Officer",
        widget=GovSelect(),
        validators=[DataRequired("Select the officer to assign, or choose nobody")],
    )
    submit = SubmitField("Assign", widget=GovSubmitInput())

    def set_choices(self, officers) -> None:
        self.officer.choices = [SelectChoice("", "Select an officer"), SelectChoice("none", "Nobody (unassigned)")] + [
            SelectChoice(str(o.id), f"{o.name} ({o.role.label})") for o in officers
        ]


class ConflictForm(VersionedForm):
    reason = TextAreaField(
        "Why do you have a conflict of interest?",
        widget=GovTextArea(),
        description="For example, you know the complainant or the member personally. Other officers will see this.",
        validators=[
            DataRequired("Enter why you have a conflict of interest"),
            Length(max=2000, message="Reason must be 2,000 characters or fewer"),
        ],
    )
    submit = SubmitField("Declare a conflict of interest", widget=GovSubmitInput())


class UrgentReviewForm(VersionedForm):
    reason = TextAreaField(
        "Why does this flag not apply?",
        widget=GovTextArea(),
        description="For example, the words are a quotation the member was criticising, or a joke the person named "
        "has confirmed they took as one. This is kept on the case and shown in the note.",
        validators=[
            DataRequired("Enter why the flag does not apply"),
            Length(max=2000, message="Reason must be 2,000 characters or fewer"),
        ],
    )
    submit = SubmitField("Record why the flag does not apply", widget=GovSubmitInput())


def answers_form_class() -> type[VersionedForm]:
    """A form with one radio question per structured question (built from the questions' data)."""
    fields = {}
    for q in QUESTIONS:
        fields[q.id] = RadioField(
            q.text,
            widget=GovRadioInput(),
            choices=[SelectChoice(o, OPTION_LABELS.get(o, o)) for o in q.options],
            default="unknown",
            validators=[InputRequired(f"Select an answer for: {q.text}")],
        )
    # The answers as they were when the form was shown, so a save after someone else's change can be merged.
    fields["seen"] = HiddenField()
    fields["submit"] = SubmitField("Save answers", widget=GovSubmitInput())
    return type("AnswersForm", (VersionedForm,), fields)


AnswersForm = answers_form_class()


def encode_answers(values: dict[str, str]) -> str:
    return ",".join(f"{q.id}:{values.get(q.id, 'unknown')}" for q in QUESTIONS)


def decode_answers(text: str | None) -> dict[str, str] | None:
    """The answers encoded by :func:`encode_answers`, or None if the text is not a valid encoding."""
    out: dict[str, str] = {}
    for part in (text or "").split(","):
        qid, _, value = part.partition(":")
        question = QUESTIONS_BY_ID.get(qid)
        if question is None or value not in question.options:
            return None
        out[qid] = value
    return out if len(out) == len(QUESTIONS) else None


class DocumentForm(KeptWorkForm):
    kind = RadioField(
        "What are you adding?",
        widget=GovRadioInput(),
        choices=[SelectChoice(v, t) for v, t in DocumentKind.choices()],
        validate_choice=False,
        validators=[InputRequired("Select what you are adding")],
    )
    direction = RadioField(
        "Was it received, sent, or is it an internal note?",
        widget=GovRadioInput(),
        choices=[SelectChoice(v, t) for v, t in Direction.choices()],
        default="received",
        validate_choice=False,
        validators=[InputRequired("Select whether it was received, sent or an internal note")],
    )
    occurred_on = GovDateField(
        "Date",
        required_message="Enter the date",
        description="The date on the letter or email, or of the call. For example, 27 3 2026",
    )
    correspondent = StringField(
        "From or to (optional)",
        widget=GovTextInput(),
        description="For example, the complainant, the member, or the investigator",
        validators=[Length(max=200, message="The name must be 200 characters or fewer")],
    )
    summary = TextAreaField(
        "Summary",
        widget=GovTextArea(),
        description="What it says or what was agreed. Needed when there is no file, such as for a call.",
        validators=[Length(max=20000, message="The summary must be 20,000 characters or fewer")],
    )
    upload = FileField(
        "File (optional for letters, emails and calls)",
        widget=GovFileInput(),
        description="A PDF, PNG, JPEG or WebP file. PDFs with scripts or attachments are refused.",
    )
    submit = SubmitField("Add to the case", widget=GovSubmitInput())
