"""Finding the case a page is about, for the person asking: 404 if they may not see it, 403 if they may see but not
change it."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from triage.data.access import case_actionable_by, case_visible_to
from triage.data.cases import load_case_for_view


def visible_case(reference: str):
    case = load_case_for_view(reference)
    if case is None or not case_visible_to(current_user, case):
        abort(404)
    return case


def actionable_case(reference: str):
    case = visible_case(reference)
    if not case_actionable_by(current_user, case):
        abort(403)
    return case
