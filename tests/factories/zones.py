"""What zones enter and the province decides, for the zone of 兰州 (620100) in 2016."""

from decimal import Decimal

import factory

from matchhub.zones.models import (
    FeaturedIndicator,
    OfficialFigure,
    PolicyAssessment,
    ReportedValue,
    Target,
    ZoneAssessment,
    ZonePlan,
    ZoneProgramme,
    ZoneReportSection,
    ZoneYearReport,
)
from tests.factories.accounts import UserFactory
from tests.factories.base import BaseFactory

LANZHOU = "620100"


def _zone_admin_id() -> int:
    return UserFactory(zone_admin=True).id


def _platform_admin_id() -> int:
    return UserFactory(platform_admin=True).id


class ZoneProgrammeFactory(BaseFactory):
    class Meta:
        model = ZoneProgramme
        sqlalchemy_get_or_create = ("zone_code",)

    zone_code = LANZHOU
    status = "building"
    start_year = 2016
    end_year = 2018


class ReportedValueFactory(BaseFactory):
    class Meta:
        model = ReportedValue

    zone_code = LANZHOU
    year = 2016
    code = "population"
    value = Decimal("4380000")
    source_note = "统计年鉴"
    entered_by_id = factory.LazyFunction(_zone_admin_id)


class PolicyAssessmentFactory(BaseFactory):
    class Meta:
        model = PolicyAssessment

    zone_code = LANZHOU
    year = 2016
    code = factory.Sequence(lambda n: f"policy_{n}")
    text = "出台了促进科技成果转化的若干措施。"
    written_by_id = factory.LazyFunction(_zone_admin_id)


class FeaturedIndicatorFactory(BaseFactory):
    class Meta:
        model = FeaturedIndicator

    zone_code = LANZHOU
    year = 2016
    name = factory.Sequence(lambda n: f"中试基地数量{n}")
    unit = "个"
    target = Decimal("5")
    value = Decimal("3")
    entered_by_id = factory.LazyFunction(_zone_admin_id)


class TargetFactory(BaseFactory):
    class Meta:
        model = Target

    scope_code = LANZHOU
    year = factory.Sequence(lambda n: 2016 + n)
    key = "contract_volume_output"
    value = Decimal("100000000")
    set_by_id = factory.LazyFunction(_platform_admin_id)


class ZonePlanFactory(BaseFactory):
    class Meta:
        model = ZonePlan

    zone_code = factory.Sequence(lambda n: f"62{n % 12 + 1:02d}00")  # 甘肃 市州
    title = "科技成果转移转化示范区建设方案"
    start_year = 2016
    end_year = 2018
    target_volume = Decimal("500000000.00")


class ZoneYearReportFactory(BaseFactory):
    class Meta:
        model = ZoneYearReport

    zone_code = LANZHOU
    year = factory.Sequence(lambda n: 2016 + n)
    document_name = "年度建设情况报告.docx"
    document_path = factory.Sequence(lambda n: f"zones/{LANZHOU}/report-{n}.docx")
    indicators = factory.LazyFunction(dict)
    submitted_by_id = factory.LazyFunction(_zone_admin_id)


class ZoneAssessmentFactory(BaseFactory):
    class Meta:
        model = ZoneAssessment

    zone_code = LANZHOU
    start_year = 2016
    end_year = 2018
    conclusion = "passed"
    score = Decimal("85.0")
    history = factory.LazyFunction(dict)
    assessed_by_id = factory.LazyFunction(_platform_admin_id)


class OfficialFigureFactory(BaseFactory):
    class Meta:
        model = OfficialFigure

    scope_code = "620100"
    year = 2024
    period = "Y"
    caliber = "output"
    volume = Decimal("1500000000.00")
    contract_count = 1200
    source_note = "兰州市统计公报"


class ZoneReportSectionFactory(BaseFactory):
    class Meta:
        model = ZoneReportSection

    zone_code = "620100"
    year = 2025
    section = "foundation"
    text = "建设基础（草稿）"
