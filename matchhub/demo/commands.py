"""``matchhub demo``: migrate, load the demo data once, print the accounts, serve."""

import time

import click
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy import select

from matchhub.accounts.models import User
from matchhub.commands import run_gunicorn
from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.core.regions import region_name
from matchhub.core.vocabularies import vocabulary
from matchhub.demo.files import RECORDS_PATH
from matchhub.demo.loader import load_demo
from matchhub.demo.organisations import DEMO_PASSWORD, demo_accounts
from matchhub.demo.reset import reset_demo
from matchhub.search import get_search_backend
from matchhub.search.backends.embedded.store import IndexSchemaOutdated
from matchhub.search.indexing.runs import rebuild_now

DEFAULT_BIND = "127.0.0.1:5000"


@click.command("demo")
@click.option("--no-serve", is_flag=True, help="只迁移并加载演示数据，不启动服务")
@click.option("--reset", is_flag=True, help="先删除已有的演示数据再重新加载")
@click.option("--bind", default=None, help=f"host:port（默认 {DEFAULT_BIND}）")
@with_appcontext
def demo_command(no_serve: bool, reset: bool, bind: str | None) -> None:
    """Run the platform with demo data (演示数据) at http://127.0.0.1:5000."""
    upgrade()
    if reset:
        removed = reset_demo(db.session)
        db.session.commit()
        click.echo(f"已删除演示数据（{removed} 条成果与需求）。")
    _load()
    _ensure_indexed()
    _echo_accounts()
    if no_serve:
        return
    click.echo(f"正在启动：http://{bind or DEFAULT_BIND}/  （Ctrl+C 停止）")
    run_gunicorn(bind)


def _load() -> None:
    started = time.perf_counter()
    summary = load_demo(db.session, RECORDS_PATH, today())
    db.session.commit()
    if summary is None:
        click.echo("演示数据已存在，跳过加载（使用 --reset 重新加载）。")
        return
    click.echo(f"已加载演示数据：{summary.organisations} 个机构、{summary.users} 个账号、"
               f"{summary.achievements} 项成果、{summary.needs} 项需求、"
               f"{summary.contracts} 份技术合同、{summary.cases} 个对接单"
               f"（用时 {time.perf_counter() - started:.1f} 秒）。")
    click.echo("演示成果来自 CSL 中文科学文献数据集（Li et al., COLING 2022，Apache-2.0）"
               "中工学、理学、农学、医学的论文摘要，仅用于演示。")


def _ensure_indexed() -> None:
    """Data loaded by an earlier version (or with indexing off) is indexed now."""
    try:
        empty = get_search_backend().count() == 0
    except IndexSchemaOutdated:  # built by an older MatchHub
        empty = True
    if empty:
        click.echo(f"正在建立检索索引……已索引 {rebuild_now()} 项。")


def _echo_accounts() -> None:
    accounts = demo_accounts()
    emails = [account["email"] for account in accounts]
    users = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_(emails)))}
    click.echo(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
    for account in accounts:
        user = users.get(account["email"])
        where = user.organisation.name if user and user.organisation else ""
        if account.get("zone_code"):
            where = f"示范区：{region_name(account['zone_code'])}"
        role = vocabulary("roles").label(account["role"])
        if account.get("registry_officer"):
            role = f"{role}、技术合同登记员"
        click.echo(f"  {account['email']:<32} {role}  {where}")
