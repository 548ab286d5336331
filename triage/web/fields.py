"""Form fields shared by several features."""

from __future__ import annotations

from datetime import datetime

from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import DateField
from wtforms.validators import ValidationError

from triage.plain_text import one_line


def strip_one_line(value):
    """A WTForms filter for one-line text: surrounding space and bidirectional controls removed."""
    return one_line(value) if isinstance(value, str) else value


class GovDateField(DateField):
    """A GOV.UK date input (day, month, year) with GOV.UK error messages."""

    def __init__(self, label_text: str, *, required_message: str, **kwargs):
        super().__init__(label_text, format="%d %m %Y", widget=GovDateInput(), **kwargs)
        self.required_message = required_message

    def process_formdata(self, valuelist):
        if not valuelist:
            self.raw_data = None  # the widget unpacks raw_data into day, month and year
            return
        parts = [v.strip() for v in valuelist[:3]] + [""] * (3 - len(valuelist[:3]))
        self.raw_data = parts
        if not any(parts):
            self.data = None
            return
        if not all(parts) or len(valuelist) != 3:
            self.data = None
            raise ValueError(f"{self.label.text} must include a day, month and year")
        try:
            self.data = datetime.strptime(" ".join(parts), "%d %m %Y").date()
        except ValueError:
            self.data = None
            raise ValueError(f"{self.label.text} must be a real date") from None

    def pre_validate(self, form):
        if self.data is None and not self.process_errors:
            raise ValidationError(self.required_message)


class OptionalGovDateField(GovDateField):
    """A GOV.UK date input that may be left blank."""

    def __init__(self, label_text: str, **kwargs):
        super().__init__(label_text, required_message="", **kwargs)

    def pre_validate(self, form):
        return None
