"""The yearly report: calibers, growth, quarters, registers, entered values, targets, CLI."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from matchhub.accounts.services import add_broker_profile, add_institution_profile
from matchhub.accounts.verification_history import open_period
from matchhub.contracts.services import create_contract
from matchhub.core.extensions import db
from matchhub.zones.entries import recording as entries
from matchhub.zones.entries.review import approve_featured_target
from matchhub.zones.statistics.report import build_report
from matchhub.zones.statistics.values import FeaturedItem
from tests.contracts.helpers import TODAY, contract_input
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def admin():
    return UserFactory(role="platform_admin", organisation=None)


def add(admin, n, **changes):
    return create_contract(db.session, admin, contract_input(n, **changes), TODAY)


def indicators(year=2016, zone=None, code="620100"):
    report = build_report(db.session, year, zone, TODAY)
    if code == "province":
        return report.province.indicators
    return next(z for z in report.zones if z.code == code).indicators


def test_output_and_absorbed_calibers_and_registration_date(admin):
    add(admin, 1, volume="300", tech_income="200")  # 兰州 sells to 定西
    add(admin, 2, seller_region_code="621100", buyer_region_code="620102", volume="50",
        tech_income="50", contract_type="consulting", contract_subtype="")
    add(admin, 3, signed_on=dt.date(2015, 12, 1), registered_on=dt.date(2016, 1, 4),
        volume="7", tech_income="7")  # signed 2015, registered 2016: counts in 2016
    lanzhou = indicators()
    assert lanzhou["contract_volume_output"].value == "307.00"
    assert lanzhou["contract_count_output"].value == 2
    assert lanzhou["tech_income_output"].value == "207.00"
    assert lanzhou["contract_volume_absorbed"].value == "50.00"
    assert lanzhou["contract_volume_output_by_type"].value["development"] == "307.00"
    assert lanzhou["contract_volume_output_by_type"].labels["development"] == "技术开发"
    assert lanzhou["contract_volume_output"].provenance["contracts"] == 2
    assert indicators(code="621100")["contract_volume_absorbed"].value == "307.00"


def test_growth_quarters_and_large_contracts(admin):
    add(admin, 1, signed_on=dt.date(2015, 2, 1), registered_on=dt.date(2015, 2, 2),
        volume="100", tech_income="100")
    add(admin, 2, registered_on=dt.date(2016, 5, 1), volume="10000000", tech_income="1")
    add(admin, 3, registered_on=dt.date(2016, 12, 31), volume="9999999.99", tech_income="1")
    values = indicators()
    assert values["contract_volume_output_growth"].value == "19999899.99"
    assert values["contract_volume_output_growth"].provenance["previous_year_volume"] == (
        "100.00")
    assert values["contract_volume_output_by_quarter"].value == {
        "1": "0.00", "2": "10000000.00", "3": "0.00", "4": "9999999.99"}
    assert values["large_contracts_output"].value == 1
    assert values["ip_contracts_output"].value == 2


def test_growth_is_null_without_a_previous_year(admin):
    add(admin, 1)
    assert indicators()["contract_volume_output_growth"].value is None


def test_cancelled_contracts_do_not_count(admin):
    from matchhub.contracts.services import cancel_contract

    cancel_contract(db.session, admin, add(admin, 1), "登记有误")
    assert indicators()["contract_count_output"].value == 0


def test_unzoned_sellers_count_for_the_province_only(admin):
    add(admin, 1, seller_region_code="620000", volume="10", tech_income="10")
    report = build_report(db.session, 2016, today=TODAY)
    assert report.province.indicators["contract_volume_output"].value == "10.00"
    assert report.unzoned.contract_count_output == 1
    assert all(z.indicators["contract_count_output"].value == 0 for z in report.zones)


def test_registry_counts_institutions_and_brokers_as_of_year_end(admin):
    national = OrganisationFactory(region_code="620100", kind="transfer_institution")
    early = add_institution_profile(db.session, national, "national")
    later = add_institution_profile(db.session, OrganisationFactory(
        region_code="620100", kind="transfer_institution"), "national")
    university = add_institution_profile(db.session, OrganisationFactory(region_code="620500"),
                                         "university")
    broker = UserFactory(role="broker")
    add_broker_profile(db.session, broker, "junior", ["agriculture"], zone_code="620100",
                       certificate_no="GS-001")
    at = dt.datetime(2016, 6, 1, tzinfo=dt.UTC)
    for record in (early, university, broker.broker_profile):
        open_period(db.session, record, at)
    open_period(db.session, later, dt.datetime(2017, 6, 1, tzinfo=dt.UTC))
    # Unchecked ones count nowhere: a pending designation and a pending broker.
    unchecked = OrganisationFactory(region_code="620100", kind="transfer_institution")
    add_institution_profile(db.session, unchecked, "national").recognised_on = dt.date(2016, 1, 1)
    stranger = UserFactory(role="broker", created_at=dt.datetime(2016, 3, 1, tzinfo=dt.UTC))
    add_broker_profile(db.session, stranger, "junior", ["agriculture"], zone_code="620100")
    db.session.flush()
    lanzhou = indicators()
    assert lanzhou["national_transfer_institutions"].value == 1
    assert lanzhou["professional_brokers"].value == 1
    assert indicators(code="620500")["university_transfer_institutions"].value == 1
    province = indicators(code="province")
    assert province["national_transfer_institutions"].value == 1
    assert indicators(year=2017)["national_transfer_institutions"].value == 2


def test_reported_values_with_source_and_patents_per_ten_thousand(admin, tmp_path):
    official = UserFactory(role="zone_admin", organisation=None, zone_code="620100",
                           display_name="兰州市科技局")
    entries.report_value(db.session, official, "620100", 2016, "invention_patents_held", "8300",
                         "兰州市知识产权局年报")
    entries.report_value(db.session, official, "620100", 2016, "population", "3700000",
                         "兰州市统计公报")
    entries.report_value(db.session, official, "620100", 2016, "maker_spaces", "10", "旧数据")
    evidence = entries.Evidence("众创空间名单.pdf", b"%PDF-1.4")
    entries.report_value(db.session, official, "620100", 2016, "maker_spaces", "12",
                         "科技局认定文件", evidence=evidence, data_dir=tmp_path)
    entries.report_value(db.session, official, "620100", 2016, "special_funds", "1.5亿",
                         "财政预算")
    values = indicators()
    patents = values["invention_patents_per_10k"]
    assert patents.value == "22.43"
    assert patents.provenance["inputs"]["population"]["source_note"] == "兰州市统计公报"
    assert values["maker_spaces"].value == "12"
    assert values["maker_spaces"].provenance["entered_by"] == "兰州市科技局"
    assert values["maker_spaces"].provenance["evidence"] == "众创空间名单.pdf"
    assert (values["special_funds"].value, values["special_funds"].unit) == (
        "150000000.00", "元")
    assert values["hitech_revenue_share"].value is None  # neither input entered
    assert values["hitech_revenue_share"].provenance["inputs"] == {
        "hitech_revenue": None, "industrial_revenue": None}


def test_policy_scores_featured_and_targets(admin):
    official = UserFactory(role="zone_admin", organisation=None, zone_code="620100")
    entries.write_policy(db.session, official, "620100", 2016, "policy_finance", "设立风险补偿基金")
    entries.score_policy(db.session, admin, "620100", 2016, "policy_finance", "8.5")
    entries.set_featured(db.session, official, "620100", 2016, "中药材技术合同数", "项",
                         target="100", value="60")
    entries.set_target(db.session, admin, "620100", 2016, "contract_volume_output", "1000")
    add(admin, 1, volume="250", tech_income="250")
    values = indicators()
    assert values["policy_finance"].value == "8.5"
    assert values["policy_finance"].provenance["text"] == "设立风险补偿基金"
    assert values["policy_universities"].value is None
    # The zone's target counts once the province approved it.
    assert values["featured"].value == [FeaturedItem("中药材技术合同数", "项", None, "60", "")]
    featured = entries.featured(db.session, 2016)["620100"][0]
    approve_featured_target(db.session, admin, featured.id)
    assert indicators()["featured"].value == [
        FeaturedItem("中药材技术合同数", "项", "100", "60", "")]
    assert values["contract_volume_output"].target == "1000"
    assert values["contract_volume_output"].progress == "25.00"


def test_province_default_target_from_config():
    province = indicators(year=2025, code="province")
    assert province["contract_volume_output"].target == "52500000000"
    assert province["contract_volume_output"].progress == "0.00"


def test_cli_report_json_shape(runner, admin):
    add(admin, 1, volume="121898094.04", tech_income="1")
    db.session.commit()
    result = runner.invoke(args=["zones", "report", "--year", "2016", "--zone", "620100",
                                 "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["year"] == 2016
    assert [z["code"] for z in report["zones"]] == ["620100"]
    zone = report["zones"][0]
    assert zone["name"] == "兰州市"
    assert zone["indicators"]["contract_volume_output"]["value"] == "121898094.04"
    assert zone["indicators"]["contract_volume_output"]["unit"] == "元"
    for key in ("contract_volume_output", "contract_volume_absorbed", "contract_count_output",
                "tech_income_output", "contract_volume_output_by_type",
                "large_contracts_output"):
        assert key in report["province"]["indicators"]
    assert Decimal(report["province"]["indicators"]["contract_volume_output"]["value"]) == (
        Decimal("121898094.04"))


def test_cli_report_refuses_unknown_zone_and_prints_a_table(runner):
    result = runner.invoke(args=["zones", "report", "--year", "2016", "--zone", "999999"])
    assert result.exit_code != 0 and "未知的示范区代码" in result.output
    result = runner.invoke(args=["zones", "report", "--year", "2016"])
    assert result.exit_code == 0 and "甘肃省" in result.output
