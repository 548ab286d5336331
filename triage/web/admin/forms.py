from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length

from triage.models.enums import Role
from triage.web.auth.forms import no_control_characters
from triage.web.kept_work import KeptWorkForm


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(r.value, r.label) for r in Role]


class UserForm(KeptWorkForm):
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            DataRequired("Enter their email address"),
            Email("Enter an email address in the correct format, like name@example.gov.uk"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            no_control_characters,
        ],
    )
    name = StringField(
        "Full name",
        widget=GovTextInput(),
        validators=[
            DataRequired("Enter their full name"),
            Length(max=200, message="Name must be 200 characters or fewer"),
            no_control_characters,
        ],
    )
    role = SelectField("Role", widget=GovSelect(), choices=role_choices, validators=[DataRequired("Choose a role")])
    submit = SubmitField("Create account", widget=GovSubmitInput())


class RoleForm(KeptWorkForm):
    role = SelectField("Role", widget=GovSelect(), choices=role_choices, validators=[DataRequired("Choose a role")])
    submit = SubmitField("Change role", widget=GovSubmitInput())


class TokenForm(KeptWorkForm):
    user_id = SelectField("Owner (the token acts with this user's role)", widget=GovSelect(), choices=[])
    name = StringField(
        "What the token is for",
        widget=GovTextInput(),
        validators=[
            DataRequired("Say what the token is for"),
            Length(max=100, message="Name must be 100 characters or fewer"),
            no_control_characters,
        ],
    )
    submit = SubmitField("Create token", widget=GovSubmitInput())


class ButtonForm(KeptWorkForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())
