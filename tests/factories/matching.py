"""Feedback on a recommended pair."""

import factory

from matchhub.matching.models import MatchFeedback
from tests.factories.base import BaseFactory
from tests.factories.catalog import AchievementFactory, NeedFactory


class MatchFeedbackFactory(BaseFactory):
    """The need's owner marks the recommended achievement as not relevant."""

    class Meta:
        model = MatchFeedback
        exclude = ("need", "achievement")

    need = factory.SubFactory(NeedFactory)
    achievement = factory.SubFactory(AchievementFactory)
    need_id = factory.SelfAttribute("need.id")
    achievement_id = factory.SelfAttribute("achievement.id")
    recommended_type = "achievement"
    user_id = factory.SelfAttribute("need.created_by.id")
    reason = "field_mismatch"
