"""Match cases with their achievements, brokers, events and ratings."""

import factory

from matchhub.cases.models import CaseAchievement, CaseBroker, CaseEvent, CaseRating, MatchCase
from tests.factories.accounts import BrokerFactory, EnterpriseUserFactory
from tests.factories.base import BaseFactory
from tests.factories.catalog import AchievementFactory, NeedFactory


class MatchCaseFactory(BaseFactory):
    """A recommended case for a need, opened by a broker (no achievement or broker links:
    add them with the factories below)."""

    class Meta:
        model = MatchCase

    need = factory.SubFactory(NeedFactory)
    status = "recommended"
    opened_by = factory.SubFactory(BrokerFactory)


class CaseAchievementFactory(BaseFactory):
    class Meta:
        model = CaseAchievement

    case_id = factory.LazyFunction(lambda: MatchCaseFactory().id)
    achievement = factory.SubFactory(AchievementFactory)
    position = 0


class CaseBrokerFactory(BaseFactory):
    class Meta:
        model = CaseBroker

    case_id = factory.LazyFunction(lambda: MatchCaseFactory().id)
    broker = factory.SubFactory(BrokerFactory)
    how = "self"


class CaseEventFactory(BaseFactory):
    class Meta:
        model = CaseEvent

    case_id = factory.LazyFunction(lambda: MatchCaseFactory().id)
    kind = "open"
    to_status = "recommended"
    actor = factory.SubFactory(BrokerFactory)
    note = "开单说明"


class CaseRatingFactory(BaseFactory):
    """A party's rating of a (closed) case."""

    class Meta:
        model = CaseRating

    case_id = factory.LazyFunction(lambda: MatchCaseFactory(status="registered").id)
    rater = factory.SubFactory(EnterpriseUserFactory)
    score = 5
    comment = "经纪人响应及时。"
