"""Outgoing e-mail: invitations and password-reset links.

Sent through the SMTP server named by MAIL_URL (`smtp://user:pass@host:587?starttls=1`,
`smtps://user:pass@host:465`, `smtp://host:25`), from MAIL_FROM. Delivery runs on a
background thread, so a request that sends a mail answers as fast as one that does not
(the password-reset form must not reveal which addresses have accounts by its timing).

Without MAIL_URL, in development and tests, a mail is written to the log and kept in a
short in-memory outbox that /dev/mail shows (development only); in production it is not
sent, and a warning without the mail's content is logged.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app, render_template

log = logging.getLogger("smm.mail")
OUTBOX: deque[dict] = deque(maxlen=50)
_OUTBOX_LOCK = threading.Lock()
_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()
TIMEOUT = 15


class MailConfigError(ValueError):
    """MAIL_URL cannot be used; the message says why."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    ssl: bool
    starttls: bool
    username: str | None
    password: str | None


def parse_mail_url(url: str) -> SmtpSettings:
    """Read `smtp://[user:pass@]host[:port][?starttls=1]` or `smtps://...`."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise MailConfigError("MAIL_URL must start with smtp:// or smtps://")
    if not parts.hostname:
        raise MailConfigError("MAIL_URL has no host name")
    try:
        port = parts.port
    except ValueError:
        raise MailConfigError("MAIL_URL has an invalid port") from None
    query = parse_qs(parts.query)
    flag = (query.get("starttls") or ["0"])[0].lower()
    if flag not in ("0", "1", "true", "false", "yes", "no"):
        raise MailConfigError("MAIL_URL: starttls must be 1 or 0")
    secure = parts.scheme == "smtps"
    return SmtpSettings(
        host=parts.hostname,
        port=port or (465 if secure else 587 if flag in ("1", "true", "yes") else 25),
        ssl=secure,
        starttls=not secure and flag in ("1", "true", "yes"),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def render_mail(name: str, lang: str, **context) -> tuple[str, str]:
    """Render templates/mail/<name>.<lang>.txt; its first line is `Subject: ...`."""
    languages = current_app.config["LANGUAGES"]
    lang = lang if lang in languages else languages[0]
    text = render_template(f"mail/{name}.{lang}.txt", **context)
    first, _, body = text.lstrip().partition("\n")
    if not first.startswith("Subject:"):
        raise ValueError(f"mail/{name}.{lang}.txt must start with a Subject: line")
    return first[len("Subject:") :].strip(), body.lstrip("\n")


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    sender = current_app.config["MAIL_FROM"]
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    domain = sender.rpartition("@")[2].strip("> ") or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    return message


def send_mail(to: str, name: str, lang: str, **context) -> None:
    """Render a mail template in `lang` and send it to `to` (in the background)."""
    subject, body = render_mail(name, lang, **context)
    message = build_message(to, subject, body)
    config = current_app.config
    url = config.get("MAIL_URL")
    if not url:
        if config["APP_ENV"] == "production":
            log.warning("MAIL_URL is not set: the %r mail to %s was not sent", name, to)
            return
        with _OUTBOX_LOCK:
            OUTBOX.appendleft({"to": to, "subject": subject, "body": body})
        # A warning, so that it shows on the console without any logging set up.
        log.warning(
            "mail not sent (MAIL_URL is not set), kept for /dev/mail:\nTo: %s\nSubject: %s\n\n%s",
            to,
            subject,
            body,
        )
        return
    settings = parse_mail_url(url)
    if config.get("MAIL_SEND_SYNC"):
        deliver(settings, message)
    else:
        _pool().submit(_deliver_logged, settings, message)


def _pool() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mail")
        return _executor


def _deliver_logged(settings: SmtpSettings, message: EmailMessage) -> None:
    try:
        deliver(settings, message)
    except (OSError, smtplib.SMTPException) as error:
        log.error("could not send mail to %s via %s: %s", message["To"], settings.host, error)


def deliver(settings: SmtpSettings, message: EmailMessage) -> None:
    """Hand a message to the SMTP server (TLS certificates are verified)."""
    context = ssl.create_default_context()
    if settings.ssl:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=TIMEOUT, context=context
        )
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT)
    with smtp:
        if settings.starttls:
            smtp.starttls(context=context)
        if settings.username:
            smtp.login(settings.username, settings.password or "")
        smtp.send_message(message)


def outbox() -> list[dict]:
    """The mails kept without MAIL_URL, newest first."""
    with _OUTBOX_LOCK:
        return list(OUTBOX)
