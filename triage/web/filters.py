"""Template filters and globals for dates, labels and navigation."""

from __future__ import annotations

from flask import Flask, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from triage import sources, vocabulary
from triage.cases.access import may_see_cases_at_all, may_see_reports
from triage.formatting import format_date, format_datetime, percent
from triage.models.enums import Role
from triage.web import chrome

STATUS_TAG_COLOURS = {
    "received": "govuk-tag--blue",
    "initial_assessment": "govuk-tag--light-blue",
    "more_information": "govuk-tag--yellow",
    "paused": "govuk-tag--pink",
    "decided": "govuk-tag--green",
    "informal_resolution": "govuk-tag--turquoise",
    "investigation": "govuk-tag--orange",
    "hearing": "govuk-tag--purple",
    "closed": "govuk-tag--grey",
    "withdrawn": "govuk-tag--grey",
}
OUTCOME_TAG_COLOURS = {
    "no_further_action": "govuk-tag--grey",
    "informal_resolution": "govuk-tag--yellow",
    "investigation": "govuk-tag--orange",
    "police_referral": "govuk-tag--red",
}


def status_tag(status: object, label: str) -> Markup:
    """A case status as a coloured GOV.UK tag. A Python builder rather than a macro: case lists call it per row."""
    value = str(getattr(status, "value", status))
    colour = STATUS_TAG_COLOURS.get(value, "")
    return Markup(
        f'<strong class="govuk-tag {colour} app-status-tag" data-status="{escape(value)}">{escape(label)}</strong>'
    )


def outcome_tag(outcome: object, label: str) -> Markup:
    """A decision outcome as a coloured GOV.UK tag (the case-history list shows one per row)."""
    value = str(getattr(outcome, "value", outcome))
    colour = OUTCOME_TAG_COLOURS.get(value, "")
    return Markup(f'<strong class="govuk-tag {colour}" data-outcome="{escape(value)}">{escape(label)}</strong>')


def _nav_items() -> list[dict]:
    if not current_user.is_authenticated:
        return []
    items = [{"href": url_for("main.index"), "text": "Home"}]
    if may_see_cases_at_all(current_user.role):
        items.append({"href": url_for("cases.index"), "text": "Cases", "active": request.blueprint == "cases"})
        if may_see_reports(current_user.role):
            active = request.blueprint == "analytics"
            items.append({"href": url_for("analytics.dashboard"), "text": "Dashboard", "active": active})
    extra = []
    if current_user.role == Role.ADMIN:
        extra.append({"href": url_for("admin.index"), "text": "Administration"})
    return items + extra


def label(value: object, vocabulary_name: str | None = None) -> str:
    """The one label filter: ``{{ post.platform | label }}``; name the vocabulary for a bare ambiguous value."""
    vocab = getattr(vocabulary, vocabulary_name) if vocabulary_name else None
    return vocabulary.label(value, vocab)


def register(app: Flask) -> None:
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["label"] = label
    app.jinja_env.filters["cite"] = sources.words
    app.jinja_env.filters["percent"] = percent
    app.jinja_env.globals.update(
        status_tag=status_tag,
        outcome_tag=outcome_tag,
        page_header=chrome.page_header,
        page_footer=chrome.page_footer,
        service_name=chrome.service_name,
        page_language=chrome.page_language,
    )

    @app.context_processor
    def _globals() -> dict:
        return {"nav_items": _nav_items(), "Role": Role}
