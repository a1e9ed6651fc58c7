"""factory_boy factories, one per model, grouped by the package that owns the model.
Rows are added to ``db.session`` and flushed; the test decides whether to commit."""

from tests.factories.accounts import (
    PASSWORD,
    ApiTokenFactory,
    BrokerFactory,
    BrokerProfileFactory,
    EnterpriseUserFactory,
    InstitutionProfileFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    VerificationPeriodFactory,
)
from tests.factories.audit import AuditEntryFactory
from tests.factories.base import BaseFactory, credit_code
from tests.factories.cases import (
    CaseAchievementFactory,
    CaseBrokerFactory,
    CaseEventFactory,
    CaseRatingFactory,
    MatchCaseFactory,
)
from tests.factories.catalog import (
    AchievementFactory,
    AchievementModeFactory,
    DetailAccessFactory,
    IPRecordFactory,
    ListingCounterFactory,
    NeedFactory,
    NeedModeFactory,
    TransitionFactory,
)
from tests.factories.contracts import (
    ContractChangeFactory,
    ContractFactory,
    RegistryOfficerFactory,
)
from tests.factories.imports import ImportJobFactory, SavedColumnMapFactory, StagedRowFactory
from tests.factories.matching import MatchFeedbackFactory
from tests.factories.notifications import (
    EmailOutboxFactory,
    ExpiryReminderFactory,
    NotificationFactory,
    NotificationPreferenceFactory,
    PublishEventFactory,
    SubscriptionFactory,
    SubscriptionMatchFactory,
)
from tests.factories.routines import RoutineRunFactory
from tests.factories.search import OutboxEntryFactory
from tests.factories.zones import (
    FeaturedIndicatorFactory,
    OfficialFigureFactory,
    PolicyAssessmentFactory,
    ReportedValueFactory,
    TargetFactory,
    ZoneAssessmentFactory,
    ZonePlanFactory,
    ZoneProgrammeFactory,
    ZoneReportSectionFactory,
    ZoneYearReportFactory,
)

__all__ = [
    "ImportJobFactory", "ListingCounterFactory", "OfficialFigureFactory", "StagedRowFactory",
    "VerificationPeriodFactory", "ZoneReportSectionFactory",
    "PASSWORD", "AchievementFactory", "AchievementModeFactory", "ApiTokenFactory",
    "AuditEntryFactory", "BaseFactory", "BrokerFactory", "BrokerProfileFactory",
    "CaseAchievementFactory", "CaseBrokerFactory", "CaseEventFactory", "CaseRatingFactory",
    "ContractChangeFactory", "ContractFactory", "DetailAccessFactory", "EmailOutboxFactory",
    "SavedColumnMapFactory",
    "EnterpriseUserFactory", "ExpiryReminderFactory", "FeaturedIndicatorFactory", "IPRecordFactory",
    "InstitutionProfileFactory", "MatchCaseFactory", "MatchFeedbackFactory",
    "MembershipFactory", "NeedFactory",
    "NeedModeFactory", "NotificationFactory", "NotificationPreferenceFactory",
    "OrganisationFactory", "OutboxEntryFactory", "PolicyAssessmentFactory", "PublishEventFactory",
    "RegistryOfficerFactory", "ReportedValueFactory", "RoutineRunFactory",
    "SubscriptionFactory", "SubscriptionMatchFactory", "TargetFactory", "TransitionFactory",
    "UserFactory", "ZoneAssessmentFactory", "ZonePlanFactory", "ZoneProgrammeFactory",
    "ZoneYearReportFactory", "credit_code",
]
