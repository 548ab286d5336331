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

from flask import current_app, request, url_for
from flask_babel import get_locale, gettext
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

_CSRF_MARKER = f"csrf-{secrets.token_hex(16)}"

NavKey = tuple[tuple[tuple[str, object], ...], ...]


def _nav_key(nav_items: list[dict]) -> NavKey:
    return tuple(tuple(sorted(item.items())) for item in nav_items)


def is_public_page() -> bool:
    """The public complaint form: a member of the public, not staff, is reading it."""
    return request.blueprint == "public"


def service_name() -> str:
    """The service's name as its reader knows it: the staff tool's name, or what the public form is for."""
    return gettext("Complain about a councillor") if is_public_page() else current_app.config["SERVICE_NAME"]


def page_language() -> str:
    from triage.i18n import html_lang

    return html_lang(str(get_locale()))


@lru_cache(maxsize=256)
def _header_html(
    council: str,
    service: str,
    home_url: str,
    nav: NavKey,
    signed_in: tuple[str, str, str] | None,
    languages: tuple[tuple[str, str, str, bool], ...] = (),
    locale: str = "en",
) -> str:
    """Render the header once for this exact content. The Jinja environment is the running app's; every value that
    changes the output is in the arguments (the language too), so one cache can serve several apps in one process
    (the tests)."""
    return current_app.jinja_env.get_template("partials/header.html").render(
        council_name=council,
        service_name=service,
        home_url=home_url,
        nav_items=[dict(item) for item in nav],
        signed_in=signed_in,
        csrf_marker=_CSRF_MARKER,
        languages=languages,
    )


def _language_links() -> tuple[tuple[str, str, str, bool], ...]:
    """(code, name in that language, link, is current) for each language the public form offers, when several."""
    from triage.i18n import LANGUAGES, offered

    if not is_public_page():
        return ()
    codes = offered()
    if len(codes) < 2:
        return ()
    current = str(get_locale())
    args = {k: v for k, v in request.args.items() if k != "lang"}
    return tuple(
        (
            code,
            LANGUAGES[code],
            url_for(request.endpoint, **(request.view_args or {}), **args, lang=code),
            code == current,
        )
        for code in codes
    )


def page_header(nav_items: list[dict]) -> Markup:
    """The ``<header>`` of every page: the council's generic header and the service navigation with the signed-in
    user's name, role and sign-out button; on the public form, the form's own name and the language switcher."""
    signed_in = None
    if current_user.is_authenticated and not is_public_page():
        signed_in = (current_user.name, current_user.role.label, url_for("auth.sign_out"))
    public = is_public_page()
    html = _header_html(
        current_app.config["COUNCIL_NAME"],
        service_name(),
        url_for("public.start") if public else url_for("main.index"),
        () if public else _nav_key(nav_items),
        signed_in,
        _language_links(),
        str(get_locale()),
    )
    if signed_in is not None:
        html = html.replace(_CSRF_MARKER, str(escape(generate_csrf())))
    return Markup(html)


@lru_cache(maxsize=16)
def _footer_html(
    council: str, service: str, links: tuple[str, str, str], public: bool = False, locale: str = "en"
) -> str:
    return current_app.jinja_env.get_template("partials/footer.html").render(
        council_name=council,
        service_name=service,
        about_url=links[0],
        accessibility_url=links[1],
        privacy_url=links[2],
        public=public,
    )


def page_footer() -> Markup:
    """The council's own footer (GOV.UK's footer macro always draws the crown, which a council service must not use)."""
    links = (url_for("main.about"), url_for("main.accessibility"), url_for("main.privacy"))
    if is_public_page():
        links = (url_for("public.cookies"), *links[1:])  # the public footer shows cookies where staff see "about"
    config = current_app.config
    return Markup(
        _footer_html(config["COUNCIL_NAME"], config["SERVICE_NAME"], links, is_public_page(), str(get_locale()))
    )
