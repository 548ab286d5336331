"""Form fields shared by several features."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext
from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import DateField
from wtforms.validators import ValidationError

from triage.plain_text import one_line


def strip_one_line(value):
    """A WTForms filter for one-line text: surrounding space and bidirectional controls removed."""
    return one_line(value) if isinstance(value, str) else value


class LabelledGovDateInput(GovDateInput):
    """GOV.UK date parts labelled through the messages catalogue (the library writes "Day", "Month", "Year")."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        words = (gettext("Day"), gettext("Month"), gettext("Year"))
        for item, word in zip(params.get("items") or [], words, strict=False):
            item["label"] = word
        return params


class GovDateField(DateField):
    """A GOV.UK date input (day, month, year) with GOV.UK error messages. ``called`` names the date in an error
    ("Date posted must be a real date") when the label is a question."""

    def __init__(self, label_text: str, *, required_message: str, called=None, **kwargs):
        super().__init__(label_text, format="%d %m %Y", widget=LabelledGovDateInput(), **kwargs)
        self.required_message = required_message
        self.called = called

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
            raise ValueError(
                gettext("%(called)s must include a day, month and year", called=self.called or self.label.text)
            )
        try:
            self.data = datetime.strptime(" ".join(parts), "%d %m %Y").date()
        except ValueError:
            self.data = None
            raise ValueError(gettext("%(called)s must be a real date", called=self.called or self.label.text)) from None

    def pre_validate(self, form):
        if self.data is None and not self.process_errors:
            raise ValidationError(self.required_message)


class OptionalGovDateField(GovDateField):
    """A GOV.UK date input that may be left blank."""

    def __init__(self, label_text: str, **kwargs):
        super().__init__(label_text, required_message="", **kwargs)

    def pre_validate(self, form):
        return None
