"""The public form's pages, one question group per page, in plain words (not the officer's legal questions)."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, MultipleFileField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional

from triage.models.enums import ComplainantKind, Platform
from triage.web.fields import OptionalGovDateField, strip_one_line
from triage.web.intake.forms import GovRadioField, GovSelectField
from triage.web.kept_work import KeptWorkForm

MAX_SCREENSHOTS = 5
KINDS = [ComplainantKind.MEMBER_OF_PUBLIC, ComplainantKind.COUNCILLOR, ComplainantKind.OFFICER]
#: Prompts drawn from the council's social-media guidance for councillors: what tends to decide whether the Code
#: applies and whether a post breaks it. In the complainant's words, never the legal tests.
PROMPTS = (
    "Did the councillor call themselves a councillor, or use a councillor's account, title or logo?",
    "Was the post about council business, a council decision, or people who work for the council?",
    "Who was the post about or aimed at, and how did it affect them?",
    "Was anything in it threatening, abusive, discriminatory or untrue, or did it share private information?",
)


class AboutYouForm(KeptWorkForm):
    name = StringField(
        "Your full name",
        widget=GovTextInput(),
        filters=[strip_one_line],
        validators=[DataRequired("Enter your full name"), Length(max=200, message="Enter 200 characters or fewer")],
    )
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        description="We will send you a reference and reply to you here.",
        filters=[strip_one_line],
        validators=[
            DataRequired("Enter your email address"),
            Email("Enter an email address in the correct format, like name@example.com"),
            Length(max=254, message="Enter 254 characters or fewer"),
        ],
    )
    phone = StringField(
        "Phone number (optional)",
        widget=GovTextInput(),
        filters=[strip_one_line],
        validators=[Optional(), Length(max=40, message="Enter 40 characters or fewer")],
    )
    kind = GovRadioField(
        "Are you",
        choices=[SelectChoice(k.value, k.answer) for k in KINDS],
        message="Select whether you are a member of the public, a councillor or a council officer",
    )
    confidential = GovRadioField(
        "Do you want your name kept from the councillor?",
        choices=[SelectChoice("no", "No"), SelectChoice("yes", "Yes")],
        description="Usually the councillor is told who complained. If you fear harm, the monitoring officer can "
        "decide to keep your identity confidential.",
        message="Select whether you want your name kept from the councillor",
    )
    confidential_reason = TextAreaField(
        "Why do you want your name kept confidential? (optional)",
        widget=GovTextArea(),
        validators=[Length(max=2000, message="Enter 2,000 characters or fewer")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class CouncillorForm(KeptWorkForm):
    member_id = GovSelectField(
        "Which councillor is the complaint about?",
        description="Councillors of the council and its parish and town councils. If they are not listed, choose "
        "'Not listed' and type their name below.",
        choices=[],
        message="Select the councillor, or 'Not listed'",
    )
    member_name = StringField(
        "Their name, if they are not listed",
        widget=GovTextInput(),
        filters=[strip_one_line],
        validators=[Length(max=200, message="Enter 200 characters or fewer")],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and self.member_id.data == "other" and not self.member_name.data:
            self.member_name.errors = [*self.member_name.errors, "Enter the councillor's name"]
            return False
        return ok


class PostForm(KeptWorkForm):
    text = TextAreaField(
        "What did the post say?",
        widget=GovTextArea(),
        description="Copy the words exactly as they were posted, including any spelling mistakes.",
        validators=[
            DataRequired("Enter the words of the post"),
            Length(max=20000, message="Enter 20,000 characters or fewer"),
        ],
    )
    url = StringField(
        "Web address of the post (optional)",
        widget=GovTextInput(),
        filters=[strip_one_line],
        validators=[Optional(), Length(max=2000, message="Enter 2,000 characters or fewer")],
    )
    platform = GovSelectField(
        "Where was it posted?",
        choices=[SelectChoice("", "Select where it was posted"), *[SelectChoice(p.value, p.answer) for p in Platform]],
        message="Select where it was posted",
    )
    posted_on = OptionalGovDateField("When was it posted? (optional)", description="For example, 27 3 2026")
    still_up = GovRadioField(
        "Is the post still there?",
        choices=[
            SelectChoice("yes", "Yes"),
            SelectChoice("no", "No, it has been removed"),
            SelectChoice("unknown", "I do not know"),
        ],
        message="Select whether the post is still there",
    )
    screenshots = MultipleFileField(
        f"Screenshots (optional, up to {MAX_SCREENSHOTS})",
        widget=GovFileInput(multiple=True),
        description="PNG, JPEG or WebP images of the post, each smaller than 10 MB. Screenshots help if the post is "
        "removed later.",
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class StoryForm(KeptWorkForm):
    what_happened = TextAreaField(
        "What happened, and why do you think the councillor broke the Code of Conduct?",
        widget=GovTextArea(),
        validators=[
            DataRequired("Tell us what happened and why you think the Code was broken"),
            Length(max=10000, message="Enter 10,000 characters or fewer"),
        ],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class SubmitForm(KeptWorkForm):
    declaration = BooleanField(
        "I confirm that what I have told you is true to the best of my knowledge, and I understand the council will "
        "use it to deal with my complaint as its privacy notice describes.",
        widget=GovCheckboxInput(),
        validators=[DataRequired("Confirm the declaration to send your complaint")],
    )
    #: A field people never see or fill in (hidden with CSS and from assistive technology); form-filling robots do.
    website = StringField("Leave this blank")
    submit = SubmitField("Send the complaint", widget=GovSubmitInput())


class AnotherPostForm(KeptWorkForm):
    another = GovRadioField(
        "Do you want to add another post?",
        choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
        description="For example, more posts in the same thread, or on another site.",
        message="Select yes if you want to add another post",
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class RemovePostForm(KeptWorkForm):
    sure = GovRadioField(
        "Are you sure you want to remove this post?",
        choices=[SelectChoice("yes", "Yes"), SelectChoice("no", "No")],
        message="Select yes if you want to remove this post",
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class RemoveForm(KeptWorkForm):
    """A button that takes a screenshot off a post: only the CSRF token travels."""
