"""Record and read audit entries. Recording joins the caller's transaction, so an entry
commits (or rolls back) with the change it describes; failed sign-ins commit their own."""

from typing import TYPE_CHECKING, Any

from flask import has_request_context, request
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from matchhub.audit.models import AuditEntry

if TYPE_CHECKING:
    from matchhub.accounts.models import User

ACTIONS = {
    "login.success": "登录成功",
    "login.failure": "登录失败",
    "role.grant": "授予角色",
    "organisation.verify": "认证机构",
    "organisation.unverify": "取消机构认证",
    "detail_access.grant": "授权查看成果详情",
    "detail_access.deny": "拒绝查看成果详情",
    "detail_access.revoke": "收回成果详情授权",
    "token.issue": "签发 API 令牌",
    "token.revoke": "吊销 API 令牌",
    "listing.approve": "审核通过",
    "listing.reject": "审核驳回",
    "listing.refused": "成果/需求操作被拒绝",
    "case.refused": "对接单操作被拒绝",
    "contract.create": "登记技术合同",
    "contract.update": "修改技术合同",
    "contract.cancel": "撤销技术合同",
    "import.catalog": "批量导入成果/需求",
    "import.contracts": "批量导入技术合同",
    "role.change": "变更用户角色",
    "user.activate": "启用账号",
    "user.deactivate": "停用账号",
    "registration.refuse": "拒绝注册",
    "membership.request": "申请加入机构",
    "membership.approve": "批准加入机构",
    "membership.refuse": "拒绝加入机构",
    "verification.submit": "提交认证材料",
    "verification.approve": "认证通过",
    "verification.refuse": "认证驳回",
    "verification.revoke": "撤销认证",
    "zone_report.section": "保存年度报告章节",
    "zone_value.accept": "审核通过填报数据",
    "zone_value.return": "退回填报数据",
    "zone_featured.approve_target": "批准特色指标目标",
    "contract.recognise": "认定技术合同",
    "contract.submit": "提交技术合同待认定",
    "contract.confirm": "认定登记技术合同",
    "contract.return": "退回技术合同",
    "contract.correct": "更正已登记技术合同",
    "officer.appoint": "任命技术合同登记员",
    "officer.remove": "免去技术合同登记员",
    "password.change": "修改密码",
    "password.reset_request": "申请重置密码",
    "password.reset": "重置密码",
    "sessions.revoke": "退出所有设备",
    "email.confirm": "验证注册邮箱",
    "zone.official_figure": "录入官方发布的技术合同数据",
}


def _client_ip() -> str:
    return (request.remote_addr or "")[:45] if has_request_context() else ""


def record(session: Session, actor: "User | None", action: str, target: Any = None,
           summary: str = "", **details: Any) -> AuditEntry:
    """Add an entry for ``action`` (a key of ACTIONS) on ``target`` (a row with an id)."""
    if action not in ACTIONS:
        raise KeyError(action)
    entry = AuditEntry(actor_id=actor.id if actor is not None else None, action=action,
                       target_type=_target_type(target),
                       target_id=getattr(target, "id", None), summary=summary[:500],
                       ip=_client_ip(), details=details)
    session.add(entry)
    return entry


def _target_type(target: Any) -> str:
    if target is None:
        return ""
    return getattr(target, "item_type", None) or target.__tablename__


def entries_query(action: str = "", actor_id: int | None = None) -> Select:
    """Newest first, optionally one action (or a prefix such as ``login``) or one actor."""
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc())
    if action:
        stmt = stmt.where((AuditEntry.action == action)
                          | AuditEntry.action.startswith(action + ".", autoescape=True))
    if actor_id is not None:
        stmt = stmt.where(AuditEntry.actor_id == actor_id)
    return stmt
