import re

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(form, field) -> None:
    """Refuse NUL and other control characters (PostgreSQL rejects NUL in text; none belong in a form field)."""
    if isinstance(field.data, str) and _CONTROL.search(field.data):
        raise ValidationError(f"{field.label.text} must not contain control characters")


class SignInForm(FlaskForm):
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            DataRequired("Enter your email address"),
            Email("Enter an email address in the correct format, like name@example.gov.uk"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[DataRequired("Enter your password"), Length(max=256, message="Password is too long")],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class TwoFactorForm(FlaskForm):
    code = StringField(
        "Code from your authenticator app, or a recovery code",
        widget=GovTextInput(),
        validators=[
            DataRequired("Enter the 6-digit code from your authenticator app"),
            Length(max=40, message="Enter the 6-digit code from your authenticator app"),
        ],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class EnrolForm(FlaskForm):
    code = StringField(
        "Enter the 6-digit code your app shows",
        widget=GovTextInput(),
        validators=[
            DataRequired("Enter the 6-digit code from your authenticator app"),
            Length(max=20, message="Enter the 6-digit code from your authenticator app"),
        ],
    )
    submit = SubmitField("Turn on two-factor authentication", widget=GovSubmitInput())


class ReauthForm(FlaskForm):
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[DataRequired("Enter your password"), Length(max=256, message="Password is too long")],
    )
    code = StringField(
        "Code from your authenticator app, or a recovery code",
        widget=GovTextInput(),
        validators=[Length(max=40, message="Enter the 6-digit code from your authenticator app")],
    )
    submit = SubmitField("Confirm", widget=GovSubmitInput())


class NewPasswordForm(FlaskForm):
    password = PasswordField(
        "New password",
        widget=GovPasswordInput(),
        validators=[
            DataRequired("Enter a new password"),
            Length(min=12, max=256, message="Password must be between 12 and 256 characters"),
            no_control_characters,
        ],
    )
    confirm = PasswordField(
        "Confirm new password",
        widget=GovPasswordInput(),
        validators=[DataRequired("Enter the password again"), EqualTo("password", "The passwords do not match")],
    )
    submit = SubmitField("Set password", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A button-only form (CSRF token plus submit)."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())


class OwnTokenForm(FlaskForm):
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
