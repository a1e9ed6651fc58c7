"""Tell the people a workflow step concerns, in the step's own transaction: listings
(submitted, approved, returned), confidential-detail requests and answers, match cases
(opened, moved, closed) and contract registrations (submitted, confirmed, returned).

The receivers listen to the signals of catalog, cases and contracts and write through
``deliver.notify`` on the sender's session."""

import functools
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.accounts.models import User
from matchhub.cases.events import case_event_recorded
from matchhub.cases.workflow import CLOSED_STATES
from matchhub.cases.workflow import label as case_label
from matchhub.catalog.events import detail_decided, detail_requested, listing_transitioned
from matchhub.catalog.services import ITEM_LABELS
from matchhub.contracts import events as contract_events
from matchhub.notifications.deliver import Message, notify, path_for

REVIEW_WORDS = {"approve": "已通过审核并公开发布", "reject": "被退回修改"}
ANSWER_WORDS = {"granted": "已同意", "denied": "未同意", "revoked": "已撤回授权"}
CASE_KINDS = frozenset({"open", "assign", "transition"})


def item_path(item: Any) -> str:
    return path_for("catalog.detail", plural=f"{item.item_type}s", item_id=item.id)


def zone_reviewers(session: Session, region_code: str) -> list[User]:
    """The zone administrators of the listing's zone; the platform admins when none."""
    active = select(User).where(User.active).order_by(User.id)
    zone = list(session.scalars(active.where(User.role == "zone_admin",
                                             User.zone_code == region_code)))
    return zone or list(session.scalars(active.where(User.role == "platform_admin")))


def on_listing(item: Any, *, session: Session, user: User | None, transition: Any) -> None:
    label = ITEM_LABELS[item.item_type]
    if transition.action == "submit":
        notify(session, zone_reviewers(session, item.region_code), Message(
            "listing_submitted", f"待审核：{label}「{item.title}」",
            f"{item.owner_org.name if item.owner_org else ''}提交了{label}，请审核。",
            item_path(item)), actor=user)
    elif transition.action in REVIEW_WORDS:
        reason = f"理由：{transition.reason}" if transition.reason else ""
        notify(session, [item.created_by], Message(
            "listing_reviewed", f"您的{label}「{item.title}」{REVIEW_WORDS[transition.action]}",
            reason, item_path(item)), actor=user)


def on_detail_requested(access: Any, *, session: Session, user: User,
                        achievement: Any) -> None:
    notify(session, [achievement.created_by], Message(
        "detail_requested", f"{user.display_name} 申请查看成果「{achievement.title}」的详细信息",
        f"申请说明：{access.message}" if access.message else "",
        item_path(achievement)), actor=user)


def on_detail_decided(access: Any, *, session: Session, user: User, achievement: Any) -> None:
    requester = session.get(User, access.user_id)
    word = ANSWER_WORDS.get(access.status, access.status)
    notify(session, [requester], Message(
        "detail_answered", f"成果「{achievement.title}」的详细信息申请：{word}", "",
        item_path(achievement)), actor=user)


def case_people(case: Any) -> list[User]:
    """The brokers and both parties (the need's and the achievements' owners)."""
    return [*case.brokers, case.need.created_by, *(a.created_by for a in case.achievements)]


def _case_title(event: Any, case: Any) -> str:
    need = case.need.title
    if event.kind == "open":
        return f"新对接单：「{need}」"
    if event.kind == "assign":
        return f"对接单「{need}」已分派技术经纪人"
    closed = "（已关闭）" if event.to_status in CLOSED_STATES else ""
    return (f"对接单「{need}」：{case_label(event.from_status)} → "
            f"{case_label(event.to_status)}{closed}")


def on_case_event(event: Any, *, session: Session, case: Any, user: User | None) -> None:
    if event.kind not in CASE_KINDS:
        return
    notify(session, case_people(case), Message(
        "case", _case_title(event, case), event.note or "",
        path_for("cases.detail", case_id=case.id)), actor=user)


def contract_people(session: Session, contract: Any) -> list[User]:
    """The registrant, the broker and the administrators of both parties' organisations."""
    orgs = [org for org in (contract.seller_org_id, contract.buyer_org_id) if org]
    admins = session.scalars(select(User).where(
        User.role == "org_admin", User.active, User.org_id.in_(orgs)))
    broker = session.get(User, contract.broker_id) if contract.broker_id else None
    return [contract.created_by, broker, *admins]


def _contract_receiver(word: str):
    def receive(contract: Any, *, session: Session, user: User | None = None,
                reason: str = "", **_extra) -> None:
        notify(session, contract_people(session, contract), Message(
            "contract", f"技术合同「{contract.name}」{word}",
            f"说明：{reason}" if reason else "",
            path_for("contracts.detail", contract_id=contract.id)), actor=user)
    return receive


CONTRACT_RECEIVERS = {
    contract_events.contract_submitted: _contract_receiver("已提交登记，等待登记机构确认"),
    contract_events.contract_confirmed: _contract_receiver("已由登记机构确认登记"),
    contract_events.contract_returned: _contract_receiver("被登记机构退回修改"),
}


def without_autoflush(receiver):
    """Run a receiver without flushing the sender's pending changes: the sender flushes
    them itself, where it turns a lost race into its own error (cases: a Conflict)."""
    @functools.wraps(receiver)
    def receive(sender: Any, *, session: Session, **kwargs) -> None:
        with session.no_autoflush:
            receiver(sender, session=session, **kwargs)
    return receive


RECEIVERS = {
    listing_transitioned: without_autoflush(on_listing),
    detail_requested: without_autoflush(on_detail_requested),
    detail_decided: without_autoflush(on_detail_decided),
    case_event_recorded: without_autoflush(on_case_event),
    **{signal: without_autoflush(receiver) for signal, receiver in CONTRACT_RECEIVERS.items()},
}


def init_app(app: Flask) -> None:
    for signal, receiver in RECEIVERS.items():  # blinker keeps one connection per receiver
        signal.connect(receiver)
