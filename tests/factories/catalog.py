"""Achievements and needs (published, with one cooperation mode) and their workflow rows."""

import datetime as dt
from decimal import Decimal

import factory

from matchhub.catalog.models import (
    Achievement,
    AchievementMode,
    DetailAccess,
    IPRecord,
    ListingCounter,
    Need,
    NeedMode,
    Transition,
)
from matchhub.core import clock
from tests.factories.accounts import EnterpriseUserFactory, UserFactory
from tests.factories.base import BaseFactory


class AchievementFactory(BaseFactory):
    class Meta:
        model = Achievement

    title = factory.Sequence(lambda n: f"一种高效锂离子电池正极材料制备方法{n}")
    summary = "本成果提出一种正极材料的低成本制备工艺。"
    confidential_detail = "工艺参数：烧结温度 850 ℃。"
    keywords = ["锂离子电池", "正极材料"]
    field = "new_materials"
    trl = 6
    asking_price = Decimal("500000.00")
    price_negotiable = False
    valid_until = factory.LazyFunction(lambda: clock.today() + dt.timedelta(days=180))
    region_code = "620100"
    status = "published"
    created_by = factory.SubFactory(UserFactory)
    owner_org = factory.SelfAttribute("created_by.organisation")
    mode_rows = factory.LazyFunction(lambda: [AchievementMode(mode="transfer")])


class NeedFactory(BaseFactory):
    class Meta:
        model = Need

    title = factory.Sequence(lambda n: f"电池材料降本技术需求{n}")
    description = "需要降低正极材料生产成本的工艺。"
    keywords = ["正极材料"]
    field = "new_materials"
    required_trl = 5
    budget_min = Decimal("100000.00")
    budget_max = Decimal("800000.00")
    deadline = factory.LazyFunction(lambda: clock.today() + dt.timedelta(days=90))
    region_code = "620400"
    status = "published"
    created_by = factory.SubFactory(EnterpriseUserFactory)
    owner_org = factory.SelfAttribute("created_by.organisation")
    mode_rows = factory.LazyFunction(lambda: [NeedMode(mode="transfer")])


class AchievementModeFactory(BaseFactory):
    class Meta:
        model = AchievementMode

    achievement_id = factory.LazyFunction(lambda: AchievementFactory(mode_rows=[]).id)
    mode = "license"


class NeedModeFactory(BaseFactory):
    class Meta:
        model = NeedMode

    need_id = factory.LazyFunction(lambda: NeedFactory(mode_rows=[]).id)
    mode = "license"


class IPRecordFactory(BaseFactory):
    class Meta:
        model = IPRecord

    achievement_id = factory.LazyFunction(lambda: AchievementFactory().id)
    ip_type = "invention_patent"
    number = factory.Sequence(lambda n: f"ZL2015101{n:05d}.7")
    title = "一种正极材料的制备方法"


class TransitionFactory(BaseFactory):
    """A submitted achievement's approval."""

    class Meta:
        model = Transition
        exclude = ("item",)

    item = factory.SubFactory(AchievementFactory)
    item_type = factory.SelfAttribute("item.item_type")
    item_id = factory.SelfAttribute("item.id")
    action = "approve"
    from_status = "submitted"
    to_status = "published"
    actor = factory.SubFactory(UserFactory, platform_admin=True)


class DetailAccessFactory(BaseFactory):
    """An enterprise user's request for an achievement's confidential detail."""

    class Meta:
        model = DetailAccess

    achievement = factory.SubFactory(AchievementFactory)
    user = factory.SubFactory(EnterpriseUserFactory)
    status = "requested"
    message = "希望了解工艺参数。"


class ListingCounterFactory(BaseFactory):
    """A counter for another item type (the migration seeds achievement and need)."""

    class Meta:
        model = ListingCounter

    item_type = factory.Sequence(lambda n: f"kind{n}")
