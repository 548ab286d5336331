"""Forms for the decision and the Independent Person's views. Rules that depend on the case (override reason,
Independent Person required after investigation, paragraphs from the case's Code) live in
``triage.data.decisions`` and come back as errors on the field at fault."""

from __future__ import annotations

from datetime import date

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from triage.models.enums import Outcome
from triage.notes.wording import label
from triage.services.decisions import CONSULTATION_STAGES, MAX_TEXT
from triage.web.fields import GovDateField
from triage.web.kept_work import KeptWorkForm

OUTCOME_HINTS = {
    Outcome.NO_FURTHER_ACTION: "The Code does not apply, there would be no breach if proven, or action is not in "
    "the public interest.",
    Outcome.INFORMAL_RESOLUTION: "For example an apology, removing the post, training or mediation.",
    Outcome.INVESTIGATION: "Refer the complaint for investigation under the council's arrangements.",
    Outcome.POLICE_REFERRAL: "A possible criminal offence: advise the complainant to go to the police and pause "
    "the Code process.",
}


class DecisionForm(KeptWorkForm):
    version = HiddenField()
    assessment_id = HiddenField()
    outcome = RadioField(
        "What have you decided?",
        widget=GovRadioInput(),
        choices=[SelectChoice(o.value, label(o)) for o in Outcome],
        validators=[InputRequired("Select the decision")],
    )
    paragraphs = SelectMultipleField(
        "Which paragraphs of the Code are engaged?",
        widget=GovCheckboxesInput(),
        description="Select every paragraph the conduct may have breached. Needed for informal resolution and "
        "investigation.",
        validate_choice=False,  # checked against the case's own Code in triage.data.decisions
    )
    reasons = TextAreaField(
        "Reasons for the decision",
        widget=GovTextArea(),
        description="The decision letters quote these reasons to both the complainant and the member: do not "
        "include details that must be withheld from either.",
        validators=[
            InputRequired("Enter the reasons for the decision"),
            Length(max=MAX_TEXT, message=f"Reasons must be {MAX_TEXT:,} characters or fewer"),
        ],
    )
    override_reason = TextAreaField(
        "If your decision differs from the tool's recommendation, why?",
        widget=GovTextArea(),
        validators=[Length(max=MAX_TEXT, message=f"The reason must be {MAX_TEXT:,} characters or fewer")],
    )
    review = HiddenField()
    review_reason = TextAreaField(
        "Why is the decision being reviewed?",
        widget=GovTextArea(),
        description="For example a request for review under the council's arrangements, new evidence, or an error. "
        "The earlier decision is kept and shown beside this one.",
        validators=[Length(max=MAX_TEXT, message=f"The reason must be {MAX_TEXT:,} characters or fewer")],
    )
    submit = SubmitField("Record the decision", widget=GovSubmitInput())

    def set_paragraphs(self, paragraphs: list[tuple[str, str, str]]) -> None:
        self.paragraphs.choices = [SelectChoice(pid, f"{pid} {heading}") for pid, heading, _ in paragraphs]


class ConsultationForm(KeptWorkForm):
    independent_person = SelectField("Independent Person", widget=GovSelect(), validate_choice=False)
    independent_person_name = StringField(
        "Or, if they are not on the list, their name",
        widget=GovTextInput(),
        validators=[Length(max=200, message="Name must be 200 characters or fewer")],
    )
    stage = RadioField(
        "When were they consulted?",
        widget=GovRadioInput(),
        choices=[SelectChoice(k, v) for k, v in CONSULTATION_STAGES.items()],
        default="assessment",
        validators=[InputRequired("Select when the Independent Person was consulted")],
    )
    consulted_on = GovDateField(
        "Date consulted",
        required_message="Enter the date the Independent Person was consulted",
        description=f"For example, {date.today().day} {date.today().month} {date.today().year}",
    )
    views = TextAreaField(
        "The Independent Person's views",
        widget=GovTextArea(),
        validators=[
            InputRequired("Enter the Independent Person's views"),
            Length(max=MAX_TEXT, message=f"Views must be {MAX_TEXT:,} characters or fewer"),
        ],
    )
    submit = SubmitField("Record the views", widget=GovSubmitInput())

    def set_people(self, people) -> None:
        self.independent_person.choices = [SelectChoice("", "Choose an Independent Person")] + [
            SelectChoice(str(p.id), p.name) for p in people
        ]


class PublicationForm(KeptWorkForm):
    """What to remove before a decision notice goes on the council's website, and whether to name the member."""

    remove = SelectMultipleField(
        "What should be removed?",
        widget=GovCheckboxesInput(),
        description="The tool found these names and personal details in the posts and the reasons. Untick anything "
        "that should stay.",
        validate_choice=False,
    )
    other = TextAreaField(
        "Anything else to remove",
        widget=GovTextArea(),
        description="One word or phrase per line: for example a third party's name, a child's name or a health detail.",
        validators=[Length(max=MAX_TEXT, message=f"Enter {MAX_TEXT:,} characters or fewer")],
    )
    name_member = RadioField(
        "Name the member in the published notice?",
        widget=GovRadioInput(),
        choices=[SelectChoice("no", "No: describe them by their role"), SelectChoice("yes", "Yes: name them")],
        default="no",
        validators=[InputRequired("Select whether to name the member")],
    )
    preview = SubmitField("Update the preview", widget=GovSubmitInput())
    submit = SubmitField("Approve for publication", widget=GovSubmitInput())

    def removals(self) -> list[str]:
        typed = [line.strip() for line in (self.other.data or "").splitlines() if line.strip()]
        return [*(self.remove.data or []), *typed]


class ReferralForm(KeptWorkForm):
    """Refer the case to named Independent Persons or standards panel members."""

    purpose = RadioField(
        "Why are you referring the case?",
        widget=GovRadioInput(),
        choices=[
            SelectChoice("consultation", "For the views of an Independent Person"),
            SelectChoice("hearing", "For a standards panel hearing"),
        ],
        validators=[InputRequired("Select why you are referring the case")],
    )
    people = SelectMultipleField(
        "Who should it go to?",
        widget=GovCheckboxesInput(),
        description="Each person gets an email with a link to the case. They see only the cases referred to them.",
        validate_choice=False,
    )
    message = TextAreaField(
        "Message (optional)",
        widget=GovTextArea(),
        description="Included in the email. Do not put the complaint's details here: they are behind sign-in.",
        validators=[Length(max=2000, message="Enter 2,000 characters or fewer")],
    )
    submit = SubmitField("Refer the case", widget=GovSubmitInput())


class WithdrawForm(KeptWorkForm):
    submit = SubmitField("Withdraw", widget=GovSubmitInput())


class HearingForm(KeptWorkForm):
    """The standards panel's hearing: when, who sat, what it found on each paragraph, the sanction, and why."""

    held_on = GovDateField("When was the hearing held?", required_message="Enter the date of the hearing")
    panel = TextAreaField(
        "Who sat on the panel?",
        widget=GovTextArea(),
        description="Names and roles, one per line.",
        validators=[Length(max=2000, message="Enter 2,000 characters or fewer")],
    )
    breached = SelectMultipleField(
        "On which paragraphs did the panel find a breach?",
        widget=GovCheckboxesInput(),
        description="Leave a paragraph unticked if the panel found no breach of it.",
        validate_choice=False,
    )
    sanction = RadioField("What sanction did the panel decide?", widget=GovRadioInput(), validate_choice=False)
    reasons = TextAreaField(
        "The panel's reasons",
        widget=GovTextArea(),
        validators=[Length(max=MAX_TEXT, message=f"Enter {MAX_TEXT:,} characters or fewer")],
    )
    submit = SubmitField("Record the hearing", widget=GovSubmitInput())
