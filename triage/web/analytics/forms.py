"""Forms on the case-history pages."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length

from triage.services.saved_searches import MAX_NAME
from triage.web.fields import strip_one_line
from triage.web.kept_work import KeptWorkForm


class SaveSearchForm(KeptWorkForm):
    name = StringField(
        "Name the search",
        widget=GovTextInput(),
        description="For example, 'Parish councillors on Facebook this year'. Saving again under the same name "
        "replaces that search's filters.",
        filters=[strip_one_line],
        validators=[
            InputRequired("Enter a name for the search"),
            Length(max=MAX_NAME, message=f"The name must be {MAX_NAME} characters or fewer"),
        ],
    )
    submit = SubmitField("Save the search", widget=GovSubmitInput())


class DeleteSearchForm(KeptWorkForm):
    submit = SubmitField("Delete", widget=GovSubmitInput())
