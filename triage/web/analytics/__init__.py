"""Case history for analysts, panels and officers: search, dashboards, similar cases, exports and reports."""

from flask import Blueprint

bp = Blueprint("analytics", __name__, url_prefix="/history")


@bp.app_template_global("similar_cases")
def _similar_cases(case, limit: int = 5):
    """For ``templates/analytics/_similar_cases.html`` on the case page: decided cases like ``case`` that the signed-in
    user may see (an empty list if the index is not built yet)."""
    from triage.data.similar import similar_cases

    return similar_cases(case, limit=limit)


@bp.app_template_global("options_html")
def _options_html(options, current, any_label: str, group_by_third: bool = False):
    """``<option>`` elements for a filter ``<select>``, built in Python: the history list has a dozen selects and
    rendering hundreds of options through Jinja loops was most of the page's cost."""
    from triage.web.analytics.html import options_html

    return options_html(options, current, any_label, group_by_third=group_by_third)


@bp.app_template_global("filter_select")
def _filter_select(name: str, label: str, options, current, any_label: str):
    """A labelled filter ``<select>`` (see ``html.filter_select``)."""
    from triage.web.analytics.html import filter_select

    return filter_select(name, label, options, current, any_label)


from triage.web.analytics import routes, saved  # noqa: E402, F401
