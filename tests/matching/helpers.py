"""A small catalogue for matching tests: one enterprise need and a few achievements."""

import datetime as dt
from decimal import Decimal

from matchhub.catalog.models import AchievementMode, NeedMode
from matchhub.core.clock import today
from tests.factories import AchievementFactory, NeedFactory

TEXT = {"title": "锂离子电池正极材料低成本制备", "keywords": ["锂离子电池", "正极材料"]}


def need(**values):
    base = {**TEXT, "title": "锂离子电池正极材料降本需求", "required_trl": 5,
            "budget_min": None, "budget_max": Decimal("800000.00"), "region_code": "620100",
            "mode_rows": [NeedMode(mode="transfer")]}
    return NeedFactory(**{**base, **values})


def achievement(**values):
    base = {**TEXT, "trl": 6, "asking_price": Decimal("500000.00"), "region_code": "620100",
            "mode_rows": [AchievementMode(mode="transfer")]}
    return AchievementFactory(**{**base, **values})


def expired_achievement(**values):
    """Published, but its validity ended yesterday."""
    return achievement(valid_until=today() - dt.timedelta(days=1), **values)
