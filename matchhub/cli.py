"""The ``matchhub`` command: Flask's CLI bound to create_app (db, serve, demo, ...).

Each package's ``init_app`` registers its commands on the app. Building the app imports
every package, so a command named here is looked up without it: ``matchhub zones
--help`` imports only the zones commands, and the app is created when a command runs
(Flask's ``with_appcontext``). tests/test_cli.py checks this table against the commands
the app registers.
"""

from importlib import import_module

import click
from flask.cli import FlaskGroup, with_appcontext

LAZY_COMMANDS = {
    "backup": "matchhub.backup.commands:backup_command",
    "bench": "matchhub.search.web.benchmark:bench_group",
    "cases": "matchhub.cases.commands:cases_group",
    "catalog": "matchhub.catalog.commands:catalog_group",
    "contracts": "matchhub.contracts.commands:contracts_group",
    "create-admin": "matchhub.accounts.commands:create_admin_command",
    "demo": "matchhub.demo.commands:demo_command",
    "expire": "matchhub.catalog.commands:expire_command",
    "imports": "matchhub.imports.commands:imports_group",
    "indexer": "indexer.commands:indexer_group",
    "notify": "matchhub.notifications.commands:notify_group",
    "restore": "matchhub.backup.commands:restore_command",
    "routines": "matchhub.routines.commands:routines_group",
    "scheduler": "matchhub.routines.commands:scheduler_command",
    "search": "matchhub.search.web.commands:search_group",
    "serve": "matchhub.commands:serve_command",
    "zones": "matchhub.zones.commands:zones_group",
}


def load_command(target: str) -> click.Command:
    module, attribute = target.split(":")
    return getattr(import_module(module), attribute)


def in_app(command: click.Command) -> click.Command:
    """Run the command's own callback inside the app (built then), as Flask does for the
    commands it finds on the app; a group's subcommands are AppGroup commands already."""
    if command.callback is not None and not getattr(command.callback, "in_app", False):
        command.callback = with_appcontext(command.callback)
        command.callback.in_app = True
    return command


class MatchHubGroup(FlaskGroup):
    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            return in_app(load_command(LAZY_COMMANDS[name]))
        return super().get_command(ctx, name)


def _create_app():
    from matchhub import create_app

    return create_app()


def main() -> None:
    MatchHubGroup(create_app=_create_app, help="MatchHub 科技成果转移转化对接平台").main(
        prog_name="matchhub")


if __name__ == "__main__":
    main()
