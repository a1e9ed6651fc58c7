"""Who may act on a zone: its own administrators, the province (platform administrators),
and who may enter a scope's figures or see its programme documents.

Who sees what of the figures: a zone's full dashboard and its exports are for that zone's
officials (its zone administrators) and the province; the province's full dashboard and
export are for the province. The province is the platform administrators: accounts has
no province-level official role (``is_province_official`` is the one rule to change when
one comes). Everyone else, anonymous visitors included, sees the public summaries
(``statistics.public_summary``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matchhub.accounts.standing import is_official
from matchhub.core.errors import NotFound, PermissionDenied
from matchhub.core.regions import home_province, zones

if TYPE_CHECKING:
    from matchhub.accounts.models import User


def _signed_in(user: User | None) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.active


def is_zone_admin_of(user: User | None, code: str) -> bool:
    return _signed_in(user) and user.role == "zone_admin" and user.zone_code == code


def is_province_admin(user: User | None) -> bool:
    return _signed_in(user) and user.role == "platform_admin"


def is_province_official(user: User | None) -> bool:
    return is_province_admin(user)


def can_see_zone_figures(user: User | None, code: str) -> bool:
    """A zone's full dashboard, report and exports."""
    return is_zone_admin_of(user, code) or is_province_official(user)


def can_see_province_figures(user: User | None) -> bool:
    """The province's full dashboard, every zone's report and the province export."""
    return is_province_official(user)


def can_see_documents(user: User | None, code: str) -> bool:
    """Plans and yearly reports: the zone's own administrators and the province."""
    return is_zone_admin_of(user, code) or is_province_admin(user)


def require_zone_admin(user: User | None, code: str) -> None:
    require_zone(code)
    if not is_zone_admin_of(user, code):
        raise PermissionDenied("只有本示范区的管理员可以办理")


def require_province_admin(user: User | None) -> None:
    if not is_province_admin(user):
        raise PermissionDenied("只有省级管理员可以办理")


def require_zone(code: str) -> None:
    if code not in zones():
        raise NotFound("未知的示范区")


def can_enter_official_figure(user: User | None, scope_code: str) -> bool:
    """Who records a zone's (or the province's) officially published 技术合同成交额: the
    province (platform administrators) for any scope, a zone's own administrators for
    their zone. The one rule to switch when registry officers come."""
    if not is_official(user) or (scope_code not in zones()
                                 and scope_code != home_province().code):
        return False
    return user.role == "platform_admin" or (
        user.role == "zone_admin" and user.zone_code == scope_code)


def can_enter_for(user: User | None, scope_code: str) -> bool:
    """Zone administrators enter their own zone's figures; platform admins any scope."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.role == "platform_admin":
        return True
    return user.role == "zone_admin" and user.zone_code == scope_code


def is_province_reviewer(user: User | None) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and (
        user.role == "platform_admin")
