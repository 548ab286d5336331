"""Structured JSON logs without personal data.

One JSON object per line on standard error (for journald, a container runtime or a log shipper), UTC timestamps,
and a request id that is also sent back as ``X-Request-ID``. ``PersonalDataFilter`` runs on every record before it
is written and

- replaces email addresses, bearer and API tokens, one-time links' tokens and the signed-in user's name;
- drops SQLAlchemy's ``[parameters: …]`` from error text (they are the row values: names, complaint text);
- removes any ``extra`` field whose name suggests personal data or a request body (email, name, body, form, …);
- never logs query strings (paths only).

Log ids (user id, case reference), never names or content. Hook it up once in ``create_app``::

    from triage.logging_config import configure_logging; configure_logging(app)
"""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from datetime import UTC, datetime

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
BEARER = re.compile(r"(?i)(bearer\s+)\S+")
API_TOKEN = re.compile(r"stt_[A-Za-z0-9_-]{6,}")
QUERY_SECRET = re.compile(r"(?i)([?&](?:token|code|password|email|name)=)[^&\s\"']+")
SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\(Background|\n|$))", re.S)
SENSITIVE_FIELDS = {
    "email",
    "name",
    "password",
    "body",
    "data",
    "form",
    "json",
    "complainant",
    "text",
    "token",
    "code",
    "secret",
    "address",
    "phone",
    "args_dict",
}
_RESERVED = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime", "request_id"}
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def redact(text: str, names: tuple[str, ...] = ()) -> str:
    text = SQL_PARAMETERS.sub("[parameters: redacted]", text)
    text = BEARER.sub(r"\1[token]", text)
    text = API_TOKEN.sub("[token]", text)
    text = QUERY_SECRET.sub(r"\1[redacted]", text)
    text = EMAIL.sub("[email]", text)
    for name in names:
        if name and len(name) >= 3:
            text = text.replace(name, "[name]")
    return text


def _current_names() -> tuple[str, ...]:
    """The signed-in user's name, if one is loaded for this request (Flask-Login caches it on ``g``)."""
    try:
        from flask import g, has_app_context

        if not has_app_context():
            return ()
        user = g.get("_login_user")
        name = getattr(user, "name", None) if user is not None else None
        return (name,) if isinstance(name, str) else ()
    except Exception:  # logging must never fail
        return ()


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        names = _current_names()
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep the template only
            message = str(record.msg)
        record.msg, record.args = redact(message, names), ()
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), names)
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text, names)
        for key in list(record.__dict__):
            if key not in _RESERVED and key.lower() in SENSITIVE_FIELDS:
                delattr(record, key)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(_request_fields())
        for key, value in record.__dict__.items():
            if key not in _RESERVED and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


def _request_fields() -> dict:
    try:
        from flask import g, has_request_context, request

        if not has_request_context():
            return {}
        fields = {"method": request.method, "path": request.path, "request_id": g.get("request_id", "")}
        user = g.get("_login_user")
        if user is not None and getattr(user, "id", None) is not None:
            fields["user_id"] = user.id
        return fields
    except Exception:
        return {}


def json_handler(stream=None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(PersonalDataFilter())
    handler.set_name("triage-json")
    return handler


def configure_logging(app=None, *, level: str | int | None = None, stream=None) -> logging.Handler:
    """Send every log record (the app's, SQLAlchemy's, gunicorn's error log) through one JSON handler.
    Idempotent. With ``app``, also assigns each request an id and returns it as ``X-Request-ID``."""
    root = logging.getLogger()
    for existing in list(root.handlers):
        if existing.get_name() == "triage-json":
            root.removeHandler(existing)
    handler = json_handler(stream)
    root.addHandler(handler)
    root.setLevel(level or (app.config.get("LOG_LEVEL", "INFO") if app is not None else "INFO"))
    if app is not None:
        app.logger.handlers.clear()  # propagate to the root handler only
        app.logger.propagate = True

        @app.before_request
        def _request_id() -> None:
            from flask import g, request

            incoming = request.headers.get("X-Request-ID", "")
            g.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex

        @app.after_request
        def _echo_request_id(response):
            from flask import g

            if g.get("request_id"):
                response.headers["X-Request-ID"] = g.request_id
            return response

    return handler
