"""Emails about an account (plain text, Simplified Chinese): password-reset and
registration links, and the notice to an owner whose address someone tried to register.
Links start with PUBLIC_URL, never with the Host header of the request that asked."""

from flask import current_app, url_for
from sqlalchemy.orm import Session

from matchhub.accounts import links
from matchhub.accounts.events import email_requested
from matchhub.accounts.models import User

SIGNATURE = "—— MatchHub 科技成果转移转化对接平台（本邮件由系统自动发送，请勿直接回复）"


def _url(endpoint: str, **values) -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + url_for(endpoint, **values)


def _send(session: Session, user: User, subject: str, lines: list[str]) -> None:
    body = "\n".join([f"{user.display_name}，您好：", "", *lines, "", SIGNATURE])
    email_requested.send(None, session=session, to_addr=user.email,
                         subject=f"【MatchHub】{subject}", body=body)


def send_reset_link(session: Session, user: User) -> None:
    token = links.reset_token(current_app.config["SECRET_KEY"], user)
    _send(session, user, "重置密码", [
        "我们收到了重置您 MatchHub 账号密码的请求。",
        "请在 1 小时内打开以下链接设置新密码（仅可使用一次）：",
        _url("accounts.password_reset", token=token), "",
        "如果不是您本人操作，请忽略本邮件，您的密码不会改变。"])


def send_confirm_link(session: Session, user: User) -> None:
    token = links.confirm_token(current_app.config["SECRET_KEY"], user)
    _send(session, user, "请验证您的注册邮箱", [
        "感谢注册 MatchHub。请在 3 天内打开以下链接验证邮箱，验证后即可登录：",
        _url("accounts.confirm_email", token=token), "",
        "如果您没有注册过 MatchHub，请忽略本邮件。"])


def send_already_registered(session: Session, user: User) -> None:
    _send(session, user, "有人尝试用您的邮箱注册", [
        "有人刚刚尝试用本邮箱注册 MatchHub，而本邮箱已有账号，因此没有创建新账号。",
        f"如果是您本人：请直接登录 {_url('accounts.login')}",
        f"忘记密码可在此找回密码：{_url('accounts.password_forgot')}", "",
        "如果不是您本人操作，请忽略本邮件。"])
