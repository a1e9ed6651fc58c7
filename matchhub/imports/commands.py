"""``matchhub imports work``: run queued import jobs (IMPORT_JOB_RUNNER = "queue")."""

import click
from flask.cli import AppGroup

from matchhub.imports.worker import work_forever, work_once

imports_group = AppGroup("imports", help="批量导入任务")


@imports_group.command("work")
@click.option("--once", is_flag=True, help="Run the queued jobs, then exit.")
@click.option("--interval", default=2.0, show_default=True,
              help="Seconds between looks for new jobs.")
def work_command(once: bool, interval: float) -> None:
    """Fail jobs whose worker died, then run queued import jobs, oldest first."""
    if once:
        click.echo(f"运行了 {work_once()} 个导入任务")
    else:
        work_forever(interval)
