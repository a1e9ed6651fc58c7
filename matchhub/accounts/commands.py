"""``matchhub create-admin``: a platform administrator from the shell."""

import click
from flask.cli import with_appcontext

from matchhub.accounts.services import UserInput, create_user
from matchhub.audit import services as audit
from matchhub.core.errors import DomainError
from matchhub.core.extensions import db


@click.command("create-admin")
@click.option("--email", required=True)
@click.option("--name", "display_name", default="平台管理员")
@click.password_option()
@with_appcontext
def create_admin_command(email: str, display_name: str, password: str) -> None:
    """Create a platform administrator (平台管理员)."""
    try:
        user = create_user(db.session, UserInput(email, display_name, password, "platform_admin"))
    except DomainError as exc:
        raise click.ClickException(f"{exc.message}: {exc.fields}") from exc
    audit.record(db.session, None, "role.grant", user, f"{email}：平台管理员（命令行）",
                 role="platform_admin")
    db.session.commit()
    click.echo(f"created platform admin {email}")
