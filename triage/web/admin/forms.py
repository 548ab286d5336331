from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSelect, GovSubmitInput, GovTextInput
from wtforms import EmailField, FileField, HiddenField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length

from triage.models.enums import MemberRole, Role
from triage.web.auth.forms import no_control_characters
from triage.web.fields import GovDateField, OptionalGovDateField, strip_one_line
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


class ButtonForm(KeptWorkForm):
    submit = SubmitField("Confirm", widget=GovSubmitInput())


class MemberForm(KeptWorkForm):
    name = StringField(
        "Name",
        widget=GovTextInput(),
        filters=[strip_one_line],
        description="As it appears on the register, for example Cllr Jane Smith",
        validators=[DataRequired("Enter the member's name"), Length(max=200), no_control_characters],
    )
    role = SelectField(
        "Role",
        widget=GovSelect(),
        choices=lambda: [SelectChoice(r.value, r.label) for r in MemberRole],
        default=MemberRole.COUNCILLOR.value,
    )
    party = StringField("Party or group (optional)", widget=GovTextInput(), validators=[Length(max=120)])
    ward = StringField("Ward or division (optional)", widget=GovTextInput(), validators=[Length(max=120)])
    body = StringField(
        "Parish or town council (optional)",
        widget=GovTextInput(),
        description="Leave blank for a member of the district council itself",
        validators=[Length(max=200)],
    )
    email = StringField("Email address (optional)", widget=GovTextInput(), validators=[Length(max=254)])
    term_start = OptionalGovDateField("Term started (optional)", description="For example, 2 5 2024")
    term_end = OptionalGovDateField("Term ended (optional)", description="Leave blank if the member is serving")
    submit = SubmitField("Save member", widget=GovSubmitInput())


class EndTermForm(KeptWorkForm):
    ended_on = GovDateField("Date the term ended", required_message="Enter the date the term ended")
    submit = SubmitField("End term", widget=GovSubmitInput())


class RegisterImportForm(KeptWorkForm):
    upload = FileField(
        "Register file (CSV)",
        widget=GovFileInput(),
        description="Columns: name, party, ward, role, body, email, term_start, term_end. Dates like 2024-05-02.",
    )
    csv_text = HiddenField()
    submit = SubmitField("Check the file", widget=GovSubmitInput())
