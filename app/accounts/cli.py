"""`flask users ...`: scripted set-up of organizations and users."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from app.accounts import services, twofactor
from app.accounts.passwords import password_problem
from app.extensions import db
from app.permissions import ROLES

users_cli = AppGroup("users", help="Manage users.")


@users_cli.command("create")
@click.argument("email")
@click.option("--org", "org_name", required=True, help="Organization name (created if missing).")
@click.option("--role", type=click.Choice(ROLES), default="recruiter", show_default=True)
@click.option("--name", default="", help="Display name.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user_command(email: str, org_name: str, role: str, name: str, password_stdin: bool):
    """Create a user (and the organization if it does not exist)."""
    if not password_stdin:
        raise click.UsageError("pass --password-stdin and give the password on standard input")
    password = sys.stdin.readline().rstrip("\r\n")
    problem = password_problem(password)
    if problem:
        raise click.ClickException(
            {
                "too_short": "the password must have at least 10 characters",
                "too_long": "the password must have at most 128 characters",
                "common": "the password is too common",
            }[problem]
        )
    if not org_name.strip() or len(org_name) > 200:
        raise click.ClickException("the organization name must have 1 to 200 characters")
    if services.find_user(email) is not None:
        raise click.ClickException(f"a user with the e-mail {email} already exists")
    try:
        org = services.get_or_create_organization(org_name)
    except services.AccountError:
        raise click.ClickException(
            f"several organizations are named {org_name!r}; rename one of them first"
        ) from None
    user = services.create_user(org, email, password, role, name)
    services.audit("user-created", user=user, via="cli")
    db.session.commit()
    click.echo(f"created {role} {user.email} in organization {org.name!r} (id {org.id})")


@users_cli.command("reset-2fa")
@click.argument("email")
def reset_two_factor_command(email: str):
    """Switch off a user's two-factor sign-in (a lost phone and no recovery codes).

    Their sessions end; they sign in with the password and, if the organization
    requires it, set up two-factor sign-in again."""
    user = services.find_user(email)
    if user is None:
        raise click.ClickException(f"no user with the e-mail {email}")
    if not user.totp_secret:
        click.echo(f"{user.email} has no two-factor sign-in; nothing to do")
        return
    twofactor.disable(user)
    services.audit("2fa-reset", user=user, via="cli")
    db.session.commit()
    click.echo(f"two-factor sign-in of {user.email} is off; their sessions have ended")
