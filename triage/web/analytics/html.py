"""Small HTML builders for the case-history pages (escaped, returned as Markup)."""

from __future__ import annotations

from itertools import groupby

from markupsafe import Markup, escape


def _option(value, label, current) -> str:
    selected = " selected" if str(value) == str(current or "") else ""
    return f'<option value="{escape(value)}"{selected}>{escape(label)}</option>'


def options_html(options, current, any_label: str, *, group_by_third: bool = False) -> Markup:
    """``(value, label)`` pairs as options after an "any" option; with ``group_by_third``, ``(value, label, group)``
    triples in ``<optgroup>`` elements (in the order given)."""
    parts = [_option("", any_label, current)]
    if group_by_third:
        for group, items in groupby(options, key=lambda o: o[2]):
            inner = "".join(_option(value, label, current) for value, label, _ in items)
            parts.append(f'<optgroup label="{escape(group)}">{inner}</optgroup>')
    else:
        parts.extend(_option(value, label, current) for value, label in options)
    return Markup("".join(parts))


def filter_select(name: str, label: str, options, current, any_label: str) -> Markup:
    """A labelled filter ``<select>`` in a GOV.UK form group (a Python builder: the list page has ten of them)."""
    return Markup(
        '<div class="govuk-form-group app-case-filters__item">'
        f'<label class="govuk-label govuk-label--s" for="f-{escape(name)}">{escape(label)}</label>'
        f'<select class="govuk-select" id="f-{escape(name)}" name="{escape(name)}">'
        f"{options_html(options, current, any_label)}</select></div>"
    )
