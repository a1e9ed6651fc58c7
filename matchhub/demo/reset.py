"""Remove the demo data: demo cases and listings with their history, demo accounts and
organisations.

Rows that are not demo data but point at it lose only that pointer (an approval by the
demo reviewer keeps its record with no actor).
"""

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from matchhub.accounts.models import (
    ApiToken,
    BrokerProfile,
    InstitutionProfile,
    Organisation,
    User,
    VerificationPeriod,
)
from matchhub.cases.models import CaseAchievement, CaseBroker, CaseEvent, CaseRating, MatchCase
from matchhub.catalog.models import (
    Achievement,
    AchievementMode,
    DetailAccess,
    IPRecord,
    Need,
    NeedMode,
    Transition,
)
from matchhub.contracts.models import Contract, ContractChange, RegistryOfficer
from matchhub.demo.organisations import DEMO_EMAIL_DOMAIN
from matchhub.zones.models import (
    FeaturedIndicator,
    OfficialFigure,
    PolicyAssessment,
    ReportedValue,
    Target,
    ZoneAssessment,
    ZonePlan,
    ZoneReportSection,
    ZoneYearReport,
)


def reset_demo(session: Session) -> int:
    """Delete every demo row; returns how many listings went. The caller commits."""
    org_ids = list(session.scalars(select(Organisation.id).where(Organisation.is_demo)))
    user_ids = list(session.scalars(select(User.id).where(
        or_(User.org_id.in_(org_ids), User.email.like(f"%@{DEMO_EMAIL_DOMAIN}")))))
    _delete_cases(session, org_ids)
    _delete_contracts(session)
    removed = _delete_listings(session, Achievement, org_ids, (AchievementMode, IPRecord))
    removed += _delete_listings(session, Need, org_ids, (NeedMode,))
    _delete_accounts(session, org_ids, user_ids)
    session.expire_all()
    return removed


def _delete_listings(session: Session, model, org_ids: list[int], children) -> int:
    ids = list(session.scalars(select(model.id).where(
        or_(model.is_demo, model.owner_org_id.in_(org_ids)))))
    session.execute(delete(Transition).where(Transition.item_type == model.item_type,
                                             Transition.item_id.in_(ids)))
    if model is Achievement:
        session.execute(delete(DetailAccess).where(DetailAccess.achievement_id.in_(ids)))
    link_column = Contract.achievement_id if model is Achievement else Contract.need_id
    session.execute(update(Contract).where(link_column.in_(ids)).values({link_column.key: None}))
    for child in children:
        link = child.achievement_id if model is Achievement else child.need_id
        session.execute(delete(child).where(link.in_(ids)))
    session.execute(delete(model).where(model.id.in_(ids)))
    return len(ids)


def _delete_cases(session: Session, org_ids: list[int]) -> None:
    """Cases on a demo need or offering a demo achievement go with them; a contract that
    is not demo data loses its link to such a case."""
    needs = select(Need.id).where(or_(Need.is_demo, Need.owner_org_id.in_(org_ids)))
    achievements = select(Achievement.id).where(
        or_(Achievement.is_demo, Achievement.owner_org_id.in_(org_ids)))
    ids = list(session.scalars(select(MatchCase.id).where(or_(
        MatchCase.need_id.in_(needs),
        MatchCase.id.in_(select(CaseAchievement.case_id).where(
            CaseAchievement.achievement_id.in_(achievements)))))))
    session.execute(update(Contract).where(Contract.match_case_id.in_(ids))
                    .values(match_case_id=None))
    for child in (CaseEvent, CaseAchievement, CaseBroker, CaseRating):
        session.execute(delete(child).where(child.case_id.in_(ids)))
    session.execute(delete(MatchCase).where(MatchCase.id.in_(ids)))


def _delete_contracts(session: Session) -> None:
    demo = select(Contract.id).where(Contract.is_demo)
    session.execute(delete(ContractChange).where(ContractChange.contract_id.in_(demo)))
    session.execute(delete(Contract).where(Contract.is_demo))


# Columns of other tables that may point at a demo account or organisation: they lose
# the pointer, the row stays.
USER_POINTERS = ((Contract, "created_by_id"), (Contract, "broker_id"),
                 (Contract, "confirmed_by_id"), (RegistryOfficer, "appointed_by_id"),
                 (RegistryOfficer, "removed_by_id"),
                 (ContractChange, "user_id"), (ReportedValue, "entered_by_id"),
                 (PolicyAssessment, "written_by_id"), (PolicyAssessment, "scored_by_id"),
                 (FeaturedIndicator, "entered_by_id"), (Target, "set_by_id"),
                 (ReportedValue, "reviewed_by_id"), (FeaturedIndicator, "target_approved_by_id"),
                 (ZonePlan, "submitted_by_id"), (ZonePlan, "reviewed_by_id"),
                 (ZoneYearReport, "submitted_by_id"), (ZoneAssessment, "assessed_by_id"),
                 (OfficialFigure, "entered_by_id"), (ZoneReportSection, "updated_by_id"))
ORG_POINTERS = ((Contract, "seller_org_id"), (Contract, "buyer_org_id"))


def _unlink(session: Session, pointers, ids: list[int]) -> None:
    for model, name in pointers:
        column = getattr(model, name)
        session.execute(update(model).where(column.in_(ids)).values({name: None}))


def _delete_accounts(session: Session, org_ids: list[int], user_ids: list[int]) -> None:
    _unlink(session, USER_POINTERS, user_ids)
    _unlink(session, ORG_POINTERS, org_ids)
    session.execute(update(Transition).where(Transition.actor_id.in_(user_ids))
                    .values(actor_id=None))
    session.execute(update(DetailAccess).where(DetailAccess.decided_by_id.in_(user_ids))
                    .values(decided_by_id=None))
    session.execute(delete(DetailAccess).where(DetailAccess.user_id.in_(user_ids)))
    session.execute(delete(ApiToken).where(ApiToken.user_id.in_(user_ids)))
    session.execute(delete(RegistryOfficer).where(RegistryOfficer.user_id.in_(user_ids)))
    _drop_periods(session, user_ids, org_ids)
    session.execute(delete(BrokerProfile).where(BrokerProfile.user_id.in_(user_ids)))
    session.execute(update(BrokerProfile).where(BrokerProfile.institution_org_id.in_(org_ids))
                    .values(institution_org_id=None))
    session.execute(delete(InstitutionProfile).where(InstitutionProfile.org_id.in_(org_ids)))
    session.execute(delete(User).where(User.id.in_(user_ids)))
    session.execute(delete(Organisation).where(Organisation.id.in_(org_ids)))


def _drop_periods(session: Session, user_ids, org_ids) -> None:
    """The verification history of the demo's broker and institution records."""
    brokers = select(BrokerProfile.id).where(BrokerProfile.user_id.in_(user_ids))
    institutions = select(InstitutionProfile.id).where(InstitutionProfile.org_id.in_(org_ids))
    for kind, ids in (("broker", brokers), ("institution", institutions)):
        session.execute(delete(VerificationPeriod).where(VerificationPeriod.kind == kind,
                                                         VerificationPeriod.record_id.in_(ids)))
