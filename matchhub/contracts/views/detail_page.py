"""Build and render a contract's detail page: labelled fields, links, the audit trail."""

from dataclasses import dataclass

from flask import render_template, url_for

from matchhub.accounts.models import Organisation, User
from matchhub.accounts.search import LISTED_KINDS
from matchhub.catalog.services import ITEM_LABELS
from matchhub.catalog.services import find_visible as find_listing
from matchhub.contracts import access, labels, services
from matchhub.contracts.forms import CancelForm, ConfirmForm, ReturnForm
from matchhub.contracts.models import Contract
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.extensions import db


@dataclass
class Link:
    label: str
    text: str
    url: str | None


def _listing_link(label: str, item_type: str, item_id: int | None) -> Link | None:
    """The linked listing's title for viewers who may see the listing; its number alone
    for the others (a draft or withdrawn listing's title is its owner's)."""
    if item_id is None:
        return None
    item = find_listing(db.session, me(), item_type, item_id, today())
    if item is None:
        return Link(label, f"{ITEM_LABELS[item_type]} #{item_id}", None)
    return Link(label, item.title,
                url_for("catalog.detail", plural=f"{item_type}s", item_id=item.id))


def _org_link(label: str, org_id: int | None) -> Link | None:
    org = db.session.get(Organisation, org_id) if org_id is not None else None
    if org is None:
        return None
    url = url_for("accounts.organisation_page", org_id=org.id) if org.kind in LISTED_KINDS \
        else None
    return Link(label, org.name, url)


def _broker_link(user_id: int | None) -> Link | None:
    broker = db.session.get(User, user_id) if user_id is not None else None
    if broker is None:
        return None
    profile = broker.broker_profile
    url = url_for("accounts.broker_page", profile_id=profile.id) if profile else None
    return Link("技术经纪人", broker.display_name, url)


def _case_link(case_id: int | None) -> Link | None:
    if case_id is None:
        return None
    return Link("来源对接单", f"对接单 #{case_id}", url_for("cases.detail", case_id=case_id))


def links(contract: Contract) -> list[Link]:
    """The platform records the contract points at, where set."""
    found = [
        _listing_link("关联成果", "achievement", contract.achievement_id),
        _listing_link("关联需求", "need", contract.need_id),
        _broker_link(contract.broker_id),
        _org_link("卖方机构", contract.seller_org_id),
        _org_link("买方机构", contract.buyer_org_id),
        _case_link(contract.match_case_id),
    ]
    return [link for link in found if link is not None]


def render_detail(contract: Contract, status: int = 200, cancel_form: CancelForm | None = None,
                  confirm_form: ConfirmForm | None = None,
                  return_form: ReturnForm | None = None):
    """The page; a submitted form (with its errors) replaces the blank one."""
    confirm_form = confirm_form or ConfirmForm(
        formdata=None, data={"registration_number": contract.registration_number})
    body = render_template(
        "contracts/detail.html", contract=contract, labels=labels, links=links(contract),
        history=services.history(db.session, contract),
        can_change=access.can_change(me(), contract),
        can_cancel=access.can_cancel(me(), contract),
        can_confirm=access.can_confirm(me(), contract),
        cancel_form=cancel_form or CancelForm(formdata=None), confirm_form=confirm_form,
        return_form=return_form or ReturnForm(formdata=None, prefix=ReturnForm.PREFIX))
    return body, status
