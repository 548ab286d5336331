"""``triage api-token create EMAIL`` / ``list`` / ``revoke ID``: API tokens for other systems. A new token is
printed once; only its hash is stored. The token acts with the role of the account it belongs to."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group("api-token")
def api_token_group() -> None:
    """Create, list and revoke API tokens."""


@api_token_group.command("create")
@click.argument("email")
@click.option("--name", default="API token", show_default=True, help="What the token is for.")
@click.option("--days", type=int, default=None, help="Days until it expires (default API_TOKEN_DAYS, 90; 0: never).")
@with_appcontext
def create(email: str, name: str, days: int | None) -> None:
    from triage.data import tokens, users
    from triage.extensions import db

    user = users.get_user_by_email(email)
    if user is None or not user.active:
        raise click.ClickException(f"No active account with email {email}")
    token, raw = tokens.create_api_token(user, name, actor="cli", days=days)
    db.session.commit()
    click.echo(raw)
    expires = token.expires_at.date().isoformat() if token.expires_at else "never"
    click.echo(
        f"Token {token.id} ({token.prefix}…) for {user.email}, {user.role.label.lower()}; expires {expires}. "
        "It is shown only now.",
        err=True,
    )


@api_token_group.command("list")
@with_appcontext
def list_tokens() -> None:
    from triage.data import tokens

    for token in tokens.list_api_tokens():
        click.echo(f"{token.id}\t{token.prefix}…\t{token.user.email}\t{token.name}\t{tokens.token_state(token)}")


@api_token_group.command("revoke")
@click.argument("token_id", type=int)
@with_appcontext
def revoke(token_id: int) -> None:
    from triage.data import tokens
    from triage.extensions import db

    token = tokens.get_api_token(token_id)
    if token is None:
        raise click.ClickException(f"No token {token_id}")
    tokens.revoke_api_token(token, actor="cli")
    db.session.commit()
    click.echo(f"Revoked token {token_id}.")
