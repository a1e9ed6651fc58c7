"""``matchhub backup DEST`` and ``matchhub restore SRC`` (the embedded SQLite setup)."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from matchhub.backup.manifest import BackupInvalid
from matchhub.backup.services import DataPaths, TargetNotEmpty, create_backup, restore_backup
from matchhub.core.extensions import db
from matchhub.search import get_search_backend

PG_HINT = ("the database is not SQLite: back it up with pg_dump and restore it with "
           "pg_restore (README \"Backup and restore\")")


def data_paths() -> DataPaths:
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database:
        raise click.ClickException(PG_HINT)
    root = getattr(get_search_backend(), "root", None)
    return DataPaths(Path(current_app.config["DATA_DIR"]), Path(url.database).resolve(),
                     Path(root) if root is not None else None)


@click.command("backup")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option("--archive", is_flag=True, help="Write one .tar.gz instead of a folder.")
@with_appcontext
def backup_command(dest: Path, archive: bool) -> None:
    """Snapshot the database, the search index and uploads into DEST/matchhub-backup-<time>."""
    target = create_backup(data_paths(), dest, archive)
    click.echo(f"backup written to {target}")


@click.command("restore")
@click.argument("src", type=click.Path(exists=True, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the data dir's database, index and "
              "uploads (stop the server first).")
@with_appcontext
def restore_command(src: Path, force: bool) -> None:
    """Restore a backup folder or .tar.gz into this (empty) data dir."""
    paths = data_paths()
    db.engine.dispose()  # no pooled connection may outlive the file it reads
    try:
        manifest = restore_backup(src, paths, force)
    except (TargetNotEmpty, BackupInvalid) as exc:
        raise click.ClickException(str(exc)) from exc
    db.engine.dispose()
    rows = sum(manifest.tables.values())
    click.echo(f"restored {rows} rows in {len(manifest.tables)} tables and "
               f"{manifest.index_documents or 0} index documents from {src} "
               f"(made by MatchHub {manifest.app_version} at {manifest.created_at}) "
               f"into {paths.data_dir}")
