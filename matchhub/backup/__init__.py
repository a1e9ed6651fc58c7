"""Backup and restore of the embedded setup: the SQLite database, the search index and
the uploaded files of a data dir (PostgreSQL: pg_dump/pg_restore, README "Backup")."""

from flask import Flask


def init_app(app: Flask) -> None:
    from matchhub.backup.commands import backup_command, restore_command

    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
