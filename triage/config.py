"""Configuration read from the environment, with defaults that are safe to publish.

Development gets a generated secret stored in the instance folder so a fresh clone runs with no setup; production
refuses to start without a real SECRET_KEY rather than silently using a weak one.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
#: Runtime state lives beside the checkout when run from one, else in the working directory (an installed wheel).
DEFAULT_INSTANCE = (REPO_ROOT if (REPO_ROOT / "pyproject.toml").is_file() else Path.cwd()) / "instance"


class ConfigError(RuntimeError):
    """Raised when the environment cannot produce a safe configuration."""


TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return value.strip().lower() in TRUE_WORDS


#: When the "publish the decision notice" form offers to name the member: where a standards panel found a breach
#: (the default, as councils' publication policies do), always, or never. The officer still chooses.
PUBLICATION_NAMING = ("breach_found", "always", "never")


def _naming(value: str | None) -> str:
    """``TRIAGE_PUBLICATION_NAME_MEMBER``: a policy name, or yes/no as before (yes = always, no = never)."""
    text = (value or "").strip().lower().replace("-", "_")
    if not text:
        return "breach_found"
    if text in PUBLICATION_NAMING:
        return text
    if text in TRUE_WORDS:
        return "always"
    if text in FALSE_WORDS:
        return "never"
    raise ValueError(f"TRIAGE_PUBLICATION_NAME_MEMBER must be one of {', '.join(PUBLICATION_NAMING)} (got {value!r})")


def _dev_secret(instance: Path) -> str:
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _audit_key(instance: Path, env: dict, production: bool) -> str:
    """The key that MACs every audit entry, kept outside the database: ``TRIAGE_AUDIT_KEY``, else a 0600 file in the
    instance folder (generated on first run in development; production refuses to start without one)."""
    key = env.get("TRIAGE_AUDIT_KEY", "").strip()
    path = Path(env.get("TRIAGE_AUDIT_KEY_FILE") or instance / "audit.key")
    if not key and path.exists():
        if path.stat().st_mode & 0o077:
            raise ConfigError(f"The audit key file {path} must be readable by its owner only (chmod 600).")
        key = path.read_text().strip()
    if not key and not production:
        instance.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        key = path.read_text().strip()
    if len(key) < 32:
        raise ConfigError(
            "The audit log needs a key of at least 32 characters outside the database: set TRIAGE_AUDIT_KEY or "
            "put one in the instance folder's audit.key (mode 600)."
        )
    return key


def load_config(overrides: dict | None = None, environ: dict[str, str] | None = None) -> dict:
    """Build the Flask config mapping from the environment plus explicit overrides (tests pass overrides)."""
    env = dict(os.environ if environ is None else environ)
    overrides = dict(overrides or {})
    instance = Path(overrides.pop("INSTANCE_PATH", env.get("TRIAGE_INSTANCE", DEFAULT_INSTANCE))).resolve()
    production = (overrides.get("ENV") or env.get("TRIAGE_ENV", "development")) == "production"

    secret = overrides.get("SECRET_KEY") or env.get("SECRET_KEY")
    if production:
        if not secret or len(secret) < 32 or secret.lower() in {"changeme", "secret", "dev"}:
            raise ConfigError("TRIAGE_ENV=production needs SECRET_KEY set to at least 32 random characters.")
    elif not secret:
        secret = _dev_secret(instance)

    audit_key = overrides.pop("AUDIT_KEY", None) or _audit_key(instance, env, production)

    config = {
        "ENV": "production" if production else "development",
        "SECRET_KEY": secret,
        "AUDIT_KEY": audit_key,
        "SQLITE_BEGIN_IMMEDIATE": _bool(env.get("TRIAGE_SQLITE_BEGIN_IMMEDIATE"), True),
        "AUDIT_CHECKPOINT_FILE": env.get("TRIAGE_AUDIT_CHECKPOINTS", str(instance / "audit-checkpoints.log")),
        # A signed checkpoint of the chain head is written after every this many entries (and by backups).
        "AUDIT_CHECKPOINT_EVERY": int(env.get("TRIAGE_AUDIT_CHECKPOINT_EVERY", 50)),
        "INSTANCE_PATH": str(instance),
        "SQLALCHEMY_DATABASE_URI": env.get("DATABASE_URL", f"sqlite:///{instance / 'triage.sqlite3'}"),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "hide_parameters": True},
        "UPLOAD_FOLDER": env.get("TRIAGE_UPLOAD_FOLDER", str(instance / "files")),
        "MAX_CONTENT_LENGTH": 45 * 1024 * 1024,  # four 10 MB screenshots plus form fields
        "SERVICE_NAME": "Standards Triage",
        "COUNCIL_NAME": env.get("COUNCIL_NAME", "Harrowden District Council"),
        "BRAND_COLOUR": env.get("BRAND_COLOUR", "#0b3d5c"),
        "WTF_CSRF_TIME_LIMIT": None,  # drafts must survive a long lunch; the session lifetime bounds it instead
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production or _bool(env.get("SESSION_COOKIE_SECURE")),
        "SESSION_COOKIE_NAME": "triage_session",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": production,
        "PERMANENT_SESSION_LIFETIME": int(env.get("SESSION_LIFETIME_SECONDS", 8 * 3600)),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        # How many reverse proxies in front of the app set X-Forwarded-For / -Proto (0: none, trust nothing). Behind
        # the README's nginx it is 1: limits then count the person's address, not the proxy's.
        "PROXY_HOPS": int(env.get("TRIAGE_PROXY_HOPS", 0)),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Sign-in attempts per client address (a flask-limiter rate string).
        "SIGN_IN_RATE_LIMIT": env.get("TRIAGE_SIGN_IN_RATE_LIMIT", "10 per minute; 50 per hour"),
        "SIGN_IN_LOCKOUT_ATTEMPTS": int(env.get("SIGN_IN_LOCKOUT_ATTEMPTS", 5)),
        # After that many failures in a row an account waits before the next password is checked: the base delay,
        # doubling with each further failure, up to the cap. Browsers that signed in fully before never wait.
        "SIGN_IN_THROTTLE_BASE_SECONDS": int(env.get("SIGN_IN_THROTTLE_BASE_SECONDS", 30)),
        "SIGN_IN_THROTTLE_MAX_SECONDS": int(env.get("SIGN_IN_THROTTLE_MAX_SECONDS", 900)),
        "TRUSTED_DEVICE_DAYS": int(env.get("TRIAGE_TRUSTED_DEVICE_DAYS", 90)),
        # The public complaint form: the least time a person takes to fill it in (faster is a robot), complaints
        # sent and forms started per address, and the privacy text shown on its start page.
        "PUBLIC_FORM_MIN_SECONDS": float(env.get("TRIAGE_PUBLIC_FORM_MIN_SECONDS", 20)),
        "PUBLIC_FORM_RATE_LIMIT": env.get("TRIAGE_PUBLIC_FORM_RATE_LIMIT", "10 per hour"),
        "PUBLIC_FORM_START_LIMIT": env.get("TRIAGE_PUBLIC_FORM_START_LIMIT", "30 per hour"),
        # Posts saved (each may carry up to 5 screenshots) per address: uploads cost disk and image decoding.
        "PUBLIC_FORM_UPLOAD_LIMIT": env.get("TRIAGE_PUBLIC_FORM_UPLOAD_LIMIT", "60 per hour"),
        "PUBLIC_FORM_PRIVACY_TEXT": env.get("TRIAGE_PUBLIC_FORM_PRIVACY_TEXT", ""),
        # The Welsh privacy notice, for a council whose form offers Welsh.
        "PUBLIC_FORM_PRIVACY_TEXT_CY": env.get("TRIAGE_PUBLIC_FORM_PRIVACY_TEXT_CY", ""),
        # Languages the public form offers: "en", or "en,cy" for a Welsh council (Welsh Language Standards).
        "PUBLIC_FORM_LANGUAGES": env.get("TRIAGE_PUBLIC_FORM_LANGUAGES", "en"),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        # Email: SMTP in production; an outbox folder of .eml files in development unless SMTP is chosen.
        "MAIL_BACKEND": env.get("TRIAGE_MAIL_BACKEND", "smtp" if production else "outbox"),
        "MAIL_FROM": env.get("TRIAGE_MAIL_FROM", "standards@harrowden.example.gov.uk"),
        "MAIL_OUTBOX": env.get("TRIAGE_MAIL_OUTBOX", str(instance / "outbox")),
        "SMTP_HOST": env.get("TRIAGE_SMTP_HOST", "localhost"),
        "SMTP_PORT": int(env.get("TRIAGE_SMTP_PORT", 25)),
        "SMTP_STARTTLS": _bool(env.get("TRIAGE_SMTP_STARTTLS"), production),
        "SMTP_USERNAME": env.get("TRIAGE_SMTP_USERNAME", ""),
        "SMTP_PASSWORD": env.get("TRIAGE_SMTP_PASSWORD", ""),
        # Sanctions a standards panel may choose from (England today: no suspension or withholding allowances).
        "HEARING_SANCTIONS": [
            x.strip()
            for x in env.get(
                "TRIAGE_HEARING_SANCTIONS",
                "Formal censure|A request to apologise|Training|Recommend removal from committees or cabinet roles|"
                "Publish the findings",
            ).split("|")
            if x.strip()
        ],
        # Whether the initial-assessment clock stops while more information is sought (a pause always stops it).
        "CLOCK_STOPS_FOR_MORE_INFORMATION": _bool(env.get("TRIAGE_CLOCK_STOPS_FOR_MORE_INFORMATION"), True),
        # Publication policy for decision notices: when the form offers to name the member (see PUBLICATION_NAMING),
        # and the sentence printed at the foot of every published notice. The complainant is never named.
        "PUBLICATION_NAMING": _naming(env.get("TRIAGE_PUBLICATION_NAME_MEMBER")),
        "PUBLICATION_POLICY_TEXT": env.get(
            "TRIAGE_PUBLICATION_POLICY_TEXT",
            "The council publishes decisions on Code of Conduct complaints with personal details removed, in line "
            "with its publication policy and data protection law.",
        ),
    }
    if production:
        config["SESSION_COOKIE_NAME"] = "__Host-triage_session"
    config.update(overrides)
    return config
