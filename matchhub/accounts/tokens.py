"""Scoped, revocable API tokens. The secret is shown once; only its SHA-256 is kept."""

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import ApiToken, User
from matchhub.audit import services as audit
from matchhub.core.db_types import utcnow
from matchhub.core.errors import FieldErrors

SCOPES = {
    "catalog:read": "读取成果与需求（含本人草稿）",
    "catalog:write": "创建、修改、提交、撤回本人的成果与需求",
    "notifications": "管理本人的订阅与通知",
    "review": "审核成果与需求（限审核员）",
    "contracts:read": "读取有权查看的技术合同",
    "contracts:write": "登记、修改、撤销、批量导入技术合同",
    "cases:read": "读取有权查看的对接单",
    "cases:write": "开对接单、推进状态、修改办理计划、分派需求",
    "zones:write": "录入示范区（本省）官方发布的技术合同数据",
}
TOKEN_PREFIX = "mh_"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(session: Session, user: User, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    errors = FieldErrors()
    if not name.strip() or len(name) > 100:
        errors.add("name", "令牌名称必填，且不超过 100 字")
    unknown = [s for s in scopes if s not in SCOPES]
    if not scopes or unknown:
        errors.add("scopes", "请至少选择一个有效的权限范围")
    errors.raise_if_any()
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name.strip(), token_hash=_digest(secret),
                     prefix=secret[:10], scopes=sorted(set(scopes)))
    session.add(token)
    session.flush()
    audit.record(session, user, "token.issue", token, token.name, scopes=token.scopes)
    return token, secret


def resolve_token(session: Session, secret: str) -> ApiToken | None:
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(secret)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    if _last_use_old(token):
        token.last_used_at = utcnow()
    return token


# last_used_at is kept to the minute: a client polling every second (an import job) then
# writes once a minute, not on every request, and does not contend with a running writer.
LAST_USE_RESOLUTION = dt.timedelta(minutes=1)


def _last_use_old(token: ApiToken) -> bool:
    used = token.last_used_at
    if used is None:
        return True
    if used.tzinfo is None:  # SQLite returns stored UTC times naive
        used = used.replace(tzinfo=dt.UTC)
    return utcnow() - used >= LAST_USE_RESOLUTION


def revoke_token(session: Session, user: User, token_id: int) -> bool:
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    audit.record(session, user, "token.revoke", token, token.name)
    return True
