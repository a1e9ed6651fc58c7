"""factory_boy factories for the domain models."""

import datetime as dt
from decimal import Decimal

import factory
from stdnum.cn import uscc

from matchhub.accounts.models import Organisation, User
from matchhub.accounts.passwords import hash_password
from matchhub.catalog.models import Achievement, AchievementMode, Need, NeedMode
from matchhub.core import clock
from matchhub.core.extensions import db

PASSWORD = "correct horse battery"
_PASSWORD_HASH = hash_password(PASSWORD)


def credit_code(n: int, region: str = "620100") -> str:
    body = f"91{region}{n:09d}"
    return body + uscc.calc_check_digit(body)


class BaseFactory(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class OrganisationFactory(BaseFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试机构{n}")
    credit_code = factory.Sequence(credit_code)
    kind = "university"
    region_code = "620100"
    verified = True


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    password_hash = _PASSWORD_HASH
    role = "publisher"
    organisation = factory.SubFactory(OrganisationFactory)


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
    created_by = factory.SubFactory(
        UserFactory, role="enterprise", organisation__kind="enterprise")
    owner_org = factory.SelfAttribute("created_by.organisation")
    mode_rows = factory.LazyFunction(lambda: [NeedMode(mode="transfer")])
