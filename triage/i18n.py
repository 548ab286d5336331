"""The language of the public pages: English always, Welsh where the council offers it (``PUBLIC_FORM_LANGUAGES``,
e.g. ``en,cy``). The text comes from the messages catalogue in ``triage/translations`` through Flask-Babel.

Only the public complaint form and what it sends the complainant are translated. Staff pages stay in English: the
catalogue is for people complaining, and a half-translated officer's page would help nobody."""

from __future__ import annotations

from flask import current_app, has_request_context, request, session
from flask_babel import Babel

from triage.config import PACKAGE_DIR

#: Every language the catalogue has, named in that language (how a language switcher must name it).
LANGUAGES = {"en": "English", "cy": "Cymraeg"}
#: The public form's choice, kept in the visitor's session.
SESSION_KEY = "public_language"
TRANSLATIONS_DIR = PACKAGE_DIR / "translations"
#: Blueprints whose pages are translated.
TRANSLATED_BLUEPRINTS = frozenset({"public"})

babel = Babel()


def offered() -> list[str]:
    """The languages this council's public form offers, English first; unknown codes are ignored."""
    wanted = [code.strip().lower() for code in str(current_app.config.get("PUBLIC_FORM_LANGUAGES") or "en").split(",")]
    return ["en", *[code for code in dict.fromkeys(wanted) if code in LANGUAGES and code != "en"]]


def select_locale() -> str:
    """Welsh on the public pages when offered and chosen (or, before any choice, preferred by the browser)."""
    if not has_request_context() or request.blueprint not in TRANSLATED_BLUEPRINTS:
        return "en"
    languages = offered()
    chosen = session.get(SESSION_KEY)
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or "en"


def html_lang(locale: str) -> str:
    return {"en": "en-GB", "cy": "cy"}.get(locale, locale)


def init_app(app) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_locale="en",
        default_translation_directories=str(TRANSLATIONS_DIR),
    )


def extract_public_vocabulary(fileobj, keywords, comment_tags, options):
    """A Babel extractor (see babel.cfg): the words the public form shows that live elsewhere, once, in English —
    the vocabulary's answers (where it was posted, who is complaining, the councillor's role) and the upload
    checks' messages — so the
    catalogue has each of them and ``pybabel update`` keeps them."""
    from triage.files import MESSAGES
    from triage.models.enums import MemberRole, Platform
    from triage.web.public.forms import KINDS

    words = [*(p.answer for p in Platform), *(k.answer for k in KINDS), *(r.answer for r in MemberRole), *MESSAGES]
    for number, word in enumerate(dict.fromkeys(words), start=1):
        yield number, "gettext", word, ["From the app's vocabulary: shown on the public form."]
