"""Sending email: over SMTP in production and tests, to files in an outbox folder in development.

Settings (environment): ``TRIAGE_MAIL_BACKEND`` (``smtp`` | ``outbox``; ``outbox`` by default outside production),
``TRIAGE_SMTP_HOST``, ``TRIAGE_SMTP_PORT``, ``TRIAGE_SMTP_STARTTLS``, ``TRIAGE_SMTP_USERNAME``,
``TRIAGE_SMTP_PASSWORD`` and ``TRIAGE_MAIL_FROM``. Messages say what happened and link to the app; they never carry
the complaint's content, which stays behind sign-in.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

LOG = logging.getLogger(__name__)


class MailError(RuntimeError):
    """The message could not be handed over for delivery."""


@dataclass(frozen=True)
class MailSettings:
    backend: str
    sender: str
    host: str = "localhost"
    port: int = 25
    starttls: bool = False
    username: str = ""
    password: str = ""
    outbox: str = ""

    @classmethod
    def from_config(cls, config) -> MailSettings:
        return cls(
            backend=config["MAIL_BACKEND"],
            sender=config["MAIL_FROM"],
            host=config["SMTP_HOST"],
            port=int(config["SMTP_PORT"]),
            starttls=bool(config["SMTP_STARTTLS"]),
            username=config["SMTP_USERNAME"],
            password=config["SMTP_PASSWORD"],
            outbox=config["MAIL_OUTBOX"],
        )


def build(settings: MailSettings, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(body)
    return message


def send(settings: MailSettings, to: str, subject: str, body: str) -> None:
    """Hand one plain-text message over for delivery; raise :class:`MailError` if that fails."""
    message = build(settings, to, subject, body)
    if settings.backend == "outbox":
        folder = Path(settings.outbox)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        (folder / f"{stamp}.eml").write_bytes(bytes(message))
        LOG.info("mail written to the outbox", extra={"to_domain": to.rpartition("@")[2]})
        return
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=10) as smtp:
            if settings.starttls:
                smtp.starttls()
            if settings.username:
                smtp.login(settings.username, settings.password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"the mail server did not accept the message ({exc.__class__.__name__})") from exc
