"""The public form's pages, one question group per page, in plain words (not the officer's legal questions).

Every word a visitor reads is marked for the messages catalogue (``lazy_gettext``, translated when the page is
drawn), so a Welsh council's form is the same pages in Welsh. "Yes" and "No" carry a context: Welsh answers with
the verb of the question (Ydw / Ydy), not one word for every question."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
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
    _l("Did the councillor call themselves a councillor, or use a councillor's account, title or logo?"),
    _l("Was the post about council business, a council decision, or people who work for the council?"),
    _l("Who was the post about or aimed at, and how did it affect them?"),
    _l("Was anything in it threatening, abusive, discriminatory or untrue, or did it share private information?"),
)


#: Whether the post is still up, as the complainant answers it (the form's choices and check your answers).
STILL_UP = [
    SelectChoice("yes", lazy_pgettext("answer about the post", "Yes")),
    SelectChoice("no", _l("No, it has been removed")),
    SelectChoice("unknown", _l("I do not know")),
]


def _yes_no_me() -> list[SelectChoice]:
    """Yes and No to a question about the person answering ('Do you want…?')."""
    return [
        SelectChoice("yes", lazy_pgettext("answer about me", "Yes")),
        SelectChoice("no", lazy_pgettext("answer about me", "No")),
    ]


def vocabulary_choices(members) -> list[SelectChoice]:
    """Choices from the app's vocabulary (one home for the English), each translated by the catalogue."""
    return [SelectChoice(m.value, _l(m.answer)) for m in members]


class AboutYouForm(KeptWorkForm):
    name = StringField(
        _l("Your full name"),
        widget=GovTextInput(),
        filters=[strip_one_line],
        validators=[
            DataRequired(_l("Enter your full name")),
            Length(max=200, message=_l("Enter 200 characters or fewer")),
        ],
    )
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        description=_l("We will send you a reference and reply to you here."),
        filters=[strip_one_line],
        validators=[
            DataRequired(_l("Enter your email address")),
            Email(_l("Enter an email address in the correct format, like name@example.com")),
            Length(max=254, message=_l("Enter 254 characters or fewer")),
        ],
    )
    phone = StringField(
        _l("Phone number (optional)"),
        widget=GovTextInput(),
        filters=[strip_one_line],
        validators=[Optional(), Length(max=40, message=_l("Enter 40 characters or fewer"))],
    )
    kind = GovRadioField(
        _l("Are you"),
        choices=vocabulary_choices(KINDS),
        message=_l("Select whether you are a member of the public, a councillor or a council officer"),
    )
    confidential = GovRadioField(
        _l("Do you want your name kept from the councillor?"),
        choices=[*reversed(_yes_no_me())],
        description=_l(
            "Usually the councillor is told who complained. If you fear harm, the monitoring officer can decide to "
            "keep your identity confidential."
        ),
        message=_l("Select whether you want your name kept from the councillor"),
    )
    confidential_reason = TextAreaField(
        _l("Why do you want your name kept confidential? (optional)"),
        widget=GovTextArea(),
        validators=[Length(max=2000, message=_l("Enter 2,000 characters or fewer"))],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class CouncillorForm(KeptWorkForm):
    member_id = GovSelectField(
        _l("Which councillor is the complaint about?"),
        description=_l(
            "Councillors of the council and its parish and town councils. If they are not listed, choose 'Not "
            "listed' and type their name below."
        ),
        choices=[],
        message=_l("Select the councillor, or 'Not listed'"),
    )
    member_name = StringField(
        _l("Their name, if they are not listed"),
        widget=GovTextInput(),
        filters=[strip_one_line],
        validators=[Length(max=200, message=_l("Enter 200 characters or fewer"))],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and self.member_id.data == "other" and not self.member_name.data:
            self.member_name.errors = [*self.member_name.errors, _l("Enter the councillor's name")]
            return False
        return ok


class PostForm(KeptWorkForm):
    text = TextAreaField(
        _l("What did the post say?"),
        widget=GovTextArea(),
        description=_l("Copy the words exactly as they were posted, including any spelling mistakes."),
        validators=[
            DataRequired(_l("Enter the words of the post")),
            Length(max=20000, message=_l("Enter 20,000 characters or fewer")),
        ],
    )
    url = StringField(
        _l("Web address of the post (optional)"),
        widget=GovTextInput(),
        filters=[strip_one_line],
        validators=[Optional(), Length(max=2000, message=_l("Enter 2,000 characters or fewer"))],
    )
    platform = GovSelectField(
        _l("Where was it posted?"),
        choices=[SelectChoice("", _l("Select where it was posted")), *vocabulary_choices(Platform)],
        message=_l("Select where it was posted"),
    )
    posted_on = OptionalGovDateField(
        _l("When was it posted? (optional)"),
        description=_l("For example, 27 3 2026"),
        called=_l("The date of the post"),
    )
    still_up = GovRadioField(
        _l("Is the post still there?"),
        choices=STILL_UP,
        message=_l("Select whether the post is still there"),
    )
    screenshots = MultipleFileField(
        _l("Screenshots (optional, up to %(most)d)", most=MAX_SCREENSHOTS),
        widget=GovFileInput(multiple=True),
        description=_l(
            "PNG, JPEG or WebP images of the post, each smaller than 10 MB. Screenshots help if the post is removed "
            "later."
        ),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class StoryForm(KeptWorkForm):
    what_happened = TextAreaField(
        _l("What happened, and why do you think the councillor broke the Code of Conduct?"),
        widget=GovTextArea(),
        validators=[
            DataRequired(_l("Tell us what happened and why you think the Code was broken")),
            Length(max=10000, message=_l("Enter 10,000 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class SubmitForm(KeptWorkForm):
    declaration = BooleanField(
        _l(
            "I confirm that what I have told you is true to the best of my knowledge, and I understand the council "
            "will use it to deal with my complaint as its privacy notice describes."
        ),
        widget=GovCheckboxInput(),
        validators=[DataRequired(_l("Confirm the declaration to send your complaint"))],
    )
    #: A field people never see or fill in (hidden with CSS and from assistive technology); form-filling robots do.
    website = StringField("Leave this blank")
    submit = SubmitField(_l("Send the complaint"), widget=GovSubmitInput())


class AnotherPostForm(KeptWorkForm):
    another = GovRadioField(
        _l("Do you want to add another post?"),
        choices=_yes_no_me(),
        description=_l("For example, more posts in the same thread, or on another site."),
        message=_l("Select yes if you want to add another post"),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class RemovePostForm(KeptWorkForm):
    sure = GovRadioField(
        _l("Are you sure you want to remove this post?"),
        choices=_yes_no_me(),
        message=_l("Select yes if you want to remove this post"),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class RemoveForm(KeptWorkForm):
    """A button that takes a screenshot off a post: only the CSRF token travels."""
