"""`flask tokens ...`: personal API tokens for scripts."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.accounts import services
from app.api import tokens
from app.api.models import ApiToken
from app.extensions import db
from app.urls import MAX_ID

tokens_cli = AppGroup("tokens", help="Manage personal API tokens.")


def _user(email: str):
    """The user with this e-mail, or a usage error."""
    user = services.find_user(email)
    if user is None:
        raise click.ClickException(f"there is no user with the e-mail {email}")
    return user


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", default="CLI", show_default=True, help="What the token is for.")
def create_token_command(email: str, name: str) -> None:
    """Create a token for a user; the token is printed once, alone on the last line."""
    user = _user(email)
    if not user.active:
        raise click.ClickException(f"the user {user.email} is deactivated")
    if len(name.strip()) > tokens.NAME_MAX:
        raise click.ClickException(f"the name must have at most {tokens.NAME_MAX} characters")
    try:
        token, secret = tokens.issue_token(user, name, via="cli")
    except tokens.TokenLimitReached:
        raise click.ClickException(
            f"{user.email} already has {tokens.MAX_ACTIVE_TOKENS} active tokens; revoke one"
        ) from None
    db.session.commit()
    click.echo(
        f"created token {token.id} ({token.name!r}) for {user.email}; it is shown only once:"
    )
    click.echo(secret)


@tokens_cli.command("list")
@click.argument("email")
def list_tokens_command(email: str) -> None:
    """List a user's tokens (id, start of the token, name, state)."""
    for token in tokens.user_tokens(_user(email)):
        state = "revoked" if token.revoked_at else "active"
        used = token.last_used_at.isoformat(timespec="minutes") if token.last_used_at else "never"
        click.echo(f"{token.id}\t{token.prefix}…\t{state}\tlast used {used}\t{token.name}")


@tokens_cli.command("revoke")
@click.argument("token_id", type=click.IntRange(1, MAX_ID))
def revoke_token_command(token_id: int) -> None:
    """Revoke a token by its id; it is refused from the next request on."""
    token = db.session.execute(select(ApiToken).where(ApiToken.id == token_id)).scalar_one_or_none()
    if token is None:
        raise click.ClickException(f"there is no token {token_id}")
    tokens.revoke_token(token, None, via="cli")
    db.session.commit()
    click.echo(f"revoked token {token.id} of {token.user.email}")
