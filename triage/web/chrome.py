"""The page chrome (header with the service navigation, and the footer), rendered once per distinct content and
reused. It is identical on every page a user opens, yet the GOV.UK template renders each of the two through a
``caller()`` wrapper that runs its body twice; on a cached case-history page that was a third of the time spent.

Only the sign-out form's CSRF token differs from one response to the next, so the cached header holds a random
per-process marker in its place and the real token is substituted after. The marker is not guessable, so text a user
controls (their display name) can never be mistaken for it.
"""

from __future__ import annotations

import secrets
from functools import lru_cache

from flask import current_app, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

_CSRF_MARKER = f"csrf-{secrets.token_hex(16)}"

NavKey = tuple[tuple[tuple[str, object], ...], ...]


def _nav_key(nav_items: list[dict]) -> NavKey:
    return tuple(tuple(sorted(item.items())) for item in nav_items)


@lru_cache(maxsize=256)
def _header_html(council: str, service: str, home_url: str, nav: NavKey, signed_in: tuple[str, str, str] | None) -> str:
    """Render the header once for this exact content. The Jinja environment is the running app's; every value that
    changes the output is in the arguments, so one cache can serve several apps in one process (the tests)."""
    return current_app.jinja_env.get_template("partials/header.html").render(
        council_name=council,
        service_name=service,
        home_url=home_url,
        nav_items=[dict(item) for item in nav],
        signed_in=signed_in,
        csrf_marker=_CSRF_MARKER,
    )


def page_header(nav_items: list[dict]) -> Markup:
    """The ``<header>`` of every page: the council's generic header and the service navigation with the signed-in
    user's name, role and sign-out button."""
    signed_in = None
    if current_user.is_authenticated:
        signed_in = (current_user.name, current_user.role.label, url_for("auth.sign_out"))
    html = _header_html(
        current_app.config["COUNCIL_NAME"],
        current_app.config["SERVICE_NAME"],
        url_for("main.index"),
        _nav_key(nav_items),
        signed_in,
    )
    if signed_in is not None:
        html = html.replace(_CSRF_MARKER, str(escape(generate_csrf())))
    return Markup(html)


@lru_cache(maxsize=16)
def _footer_html(council: str, service: str, links: tuple[str, str, str]) -> str:
    return current_app.jinja_env.get_template("partials/footer.html").render(
        council_name=council, service_name=service, about_url=links[0], accessibility_url=links[1], privacy_url=links[2]
    )


def page_footer() -> Markup:
    """The council's own footer (GOV.UK's footer macro always draws the crown, which a council service must not use)."""
    links = (url_for("main.about"), url_for("main.accessibility"), url_for("main.privacy"))
    config = current_app.config
    return Markup(_footer_html(config["COUNCIL_NAME"], config["SERVICE_NAME"], links))
