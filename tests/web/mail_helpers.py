"""A real SMTP server (aiosmtpd) on a free loopback port that keeps what it receives.

Import the fixtures into a test module: `from tests.web.mail_helpers import mail_server,
mailing_app  # noqa: F401`. `mailing_app` points the app's MAIL_URL at the server (with
SMTP AUTH, as a real relay would ask for).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

USER, SECRET = "mailer", "s3cret pass"
LINK = re.compile(r"https?://\S+")


class Inbox:
    """Collects the messages the server accepted."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.logins: list[str] = []
        self._lock = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        with self._lock:
            self.messages.append(message)
            self._lock.notify_all()
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == USER.encode() and auth_data.password == SECRET.encode()
        if ok:
            self.logins.append(USER)
        return AuthResult(success=ok)

    def wait(self, count: int = 1, timeout: float = 10) -> list[EmailMessage]:
        """Wait until `count` messages have arrived (sending runs in the background)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{len(self.messages)} mails arrived, wanted {count}")
                self._lock.wait(left)
            return list(self.messages)

    def last(self, to: str) -> EmailMessage:
        found = [m for m in self.messages if m["To"] == to]
        assert found, f"no mail to {to}; got mails to {[m['To'] for m in self.messages]}"
        return found[-1]


def body(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message: EmailMessage) -> str:
    """The link a mail carries, as a path the test client can open."""
    match = LINK.search(body(message))
    assert match, body(message)
    return re.sub(r"^https?://[^/]+", "", match.group(0))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mail_server():
    inbox = Inbox()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=inbox.authenticate,
        auth_required=False,  # AUTH offered, and used by the app (see logins)
        auth_require_tls=False,
    )
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def mailing_app(app, mail_server):
    app.config["MAIL_URL"] = (
        f"smtp://{USER}:{SECRET.replace(' ', '%20')}@127.0.0.1:{mail_server.port}"
    )
    app.config["MAIL_FROM"] = "Hiring Desk <desk@acme.test>"
    return app
