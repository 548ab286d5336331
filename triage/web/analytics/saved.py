"""Saved searches: name the case-history search you are looking at, see each one's count now, open or delete it.

A saved search is its owner's alone (every query is by owner, so another person's id is a 404) and runs under the
access rules in force when it is opened: it stores filters, never results."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from triage.data import history, saved_searches
from triage.extensions import db
from triage.formatting import format_date
from triage.services import saved_searches as saved_service
from triage.web.access import roles_required
from triage.web.analytics import bp
from triage.web.analytics.forms import DeleteSearchForm, SaveSearchForm
from triage.web.cases.listing import CASE_LIST_VIEWERS, FILTER_LABELS, labels, options
from triage.web.transactions import auto_commit_after_request


def describe(filters: history.HistoryFilters) -> list[tuple[str, str]]:
    """(what, value) for each filter, in the words the history page uses."""
    words = labels()
    if filters.member_id:
        words["member_id"] = history.member_names([filters.member_id])
    sorts = dict(options()["sorts"])
    out = []
    for name, value in filters.to_args(page=1).items():
        if name == "paragraph":
            shown = words["paragraph_full"].get(value, value)
        elif name == "overdue":
            shown = "Yes"
        elif name in ("received_from", "received_to"):
            shown = format_date(getattr(filters, name))
        elif name == "sort":
            shown = sorts.get(value, value)
        elif name in words:
            shown = words[name].get(value, value)
        else:
            shown = value
        out.append((FILTER_LABELS.get(name, name), str(shown)))
    return out


@bp.route("/saved")
@roles_required(*CASE_LIST_VIEWERS)
def saved_list() -> ResponseReturnValue:
    return render_template(
        "analytics/saved_searches.html",
        searches=[
            (saved, count, exact, describe(history.HistoryFilters.from_args(saved.filters)))
            for saved, count, exact in saved_searches.with_counts(current_user)
        ],
        delete_form=DeleteSearchForm(),
    )


@bp.route("/saved/new", methods=["GET", "POST"])
@roles_required(*CASE_LIST_VIEWERS)
@auto_commit_after_request
def save_search() -> ResponseReturnValue:
    """The filters travel in this page's own query string (GET and POST alike), exactly as the list page had them."""
    filters = history.HistoryFilters.from_args(request.args)
    form = SaveSearchForm()
    status = 200
    if form.validate_on_submit():
        try:
            saved, replaced = saved_service.save(current_user, form.name.data, filters)
        except saved_service.SavedSearchError as error:
            db.session.rollback()
            getattr(form, error.field).errors = [*getattr(form, error.field).errors, error.message]
        else:
            verb = "replaced" if replaced else "saved"
            flash(f"Search '{saved.name}' {verb}. It is listed on your home page with its count.", "success")
            return redirect(url_for("cases.index", **saved.filters))
    if request.method == "POST" and form.errors:
        status = 400
    return (
        render_template(
            "analytics/save_search.html",
            form=form,
            filters=filters,
            described=describe(filters),
            back=url_for("cases.index", **filters.to_args()),
        ),
        status,
    )


@bp.route("/saved/<int:search_id>/delete", methods=["POST"])
@roles_required(*CASE_LIST_VIEWERS)
@auto_commit_after_request
def delete_search(search_id: int) -> ResponseReturnValue:
    saved = saved_searches.get_for(current_user, search_id)
    if saved is None:
        abort(404)
    form = DeleteSearchForm()
    if not form.validate_on_submit():
        abort(400)
    name = saved.name
    saved_service.delete(current_user, saved)
    flash(f"Search '{name}' deleted.", "success")
    return redirect(url_for("analytics.saved_list"))
