"""Fixtures of the web tests: a real SMTP server for the mail the app sends."""

from tests.web.mail_helpers import mail_server, mailing_app  # noqa: F401
