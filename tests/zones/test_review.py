"""Reported indicators: ratios from an entered numerator and denominator; the province
accepts or returns each value (denials through HTTP); the history of every value with
who, when (Beijing time), source and evidence; the province row adds up its zones where
the indicator is additive; a featured target counts once the province approves it."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from matchhub.core.extensions import db
from matchhub.core.regions import zones
from matchhub.zones.models import FeaturedIndicator, ReportedValue
from matchhub.zones.statistics.report import build_report
from tests.contracts.helpers import TODAY
from tests.factories import UserFactory
from tests.web.helpers import login, text
from tests.zones.helpers import DINGXI, LANZHOU, platform_admin, zone_admin

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def people(db_session):
    people = {"province": platform_admin(), "lanzhou": zone_admin(LANZHOU),
              "dingxi": zone_admin(DINGXI), "publisher": UserFactory(role="publisher")}
    db_session.commit()
    return people


def _report(client, zone, code, value, note="统计公报", evidence=None):
    data = {"value-code": code, "value-value": value, "value-source_note": note}
    if evidence:
        data["value-evidence"] = (io.BytesIO(b"%PDF-1.4 evidence"), evidence)
    response = client.post(f"/zones/{zone}/entries/2016/values", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 302, text(response)


def _values(scope):
    report = build_report(db.session, 2016, today=TODAY)
    found = report.province if scope == "province" else report.zone(scope)
    return found.indicators


def _latest(code, zone=LANZHOU):
    return db.session.scalars(select(ReportedValue).filter_by(zone_code=zone, code=code)
                              .order_by(ReportedValue.id.desc())).first()


def test_ratios_from_numerator_and_denominator_and_the_province_adds_its_zones(client, people):
    login(client, people["lanzhou"])
    _report(client, LANZHOU, "hitech_revenue", "300000000")
    _report(client, LANZHOU, "industrial_revenue", "1200000000")
    _report(client, LANZHOU, "maker_spaces", "12")
    client.post("/logout")
    login(client, people["dingxi"])
    _report(client, DINGXI, "hitech_revenue", "100000000")
    _report(client, DINGXI, "industrial_revenue", "800000000")
    _report(client, DINGXI, "maker_spaces", "3")
    lanzhou, province = _values(LANZHOU), _values("province")
    assert lanzhou["hitech_revenue_share"].value == "25.00"
    assert "÷" in lanzhou["hitech_revenue_share"].caliber
    assert _values(DINGXI)["hitech_revenue_share"].value == "12.50"
    assert province["maker_spaces"].value == "15"
    assert province["maker_spaces"].caliber.startswith("各示范区填报值合计（2/")
    assert province["hitech_revenue_share"].value == "20.00"  # 4 亿 ÷ 20 亿, not a mean
    assert province["special_funds"].value is None
    assert province["special_funds"].provenance == {
        "kind": "aggregated", "zones_reported": 0, "zones_total": len(zones())}


def test_the_province_reviews_each_value_and_others_may_not(client, people):
    login(client, people["lanzhou"])
    _report(client, LANZHOU, "maker_spaces", "10", "旧数据")
    _report(client, LANZHOU, "maker_spaces", "12", "科技局认定文件", evidence="名单.pdf")
    client.post("/logout")
    row = _latest("maker_spaces")
    review = f"/zones/{LANZHOU}/entries/2016/values/{row.id}/review"
    for who in ("lanzhou", "dingxi", "publisher"):
        login(client, people[who])
        response = client.post(review, data={"decision": "accept"})
        assert response.status_code == 403
        client.post("/logout")
    assert client.post(review, data={"decision": "accept"}).status_code == 302  # to login
    db.session.expire_all()
    assert _latest("maker_spaces").review_status == "submitted"
    assert _values(LANZHOU)["maker_spaces"].provenance["review"] == "submitted"
    login(client, people["province"])
    client.post(review, data={"decision": "return", "reason": ""})
    db.session.expire_all()
    assert _latest("maker_spaces").review_status == "submitted"  # a return needs a reason
    assert client.post(review, data={"decision": "return", "reason": "缺少认定文号"}
                       ).status_code == 302
    db.session.expire_all()
    returned = _latest("maker_spaces")
    assert (returned.review_status, returned.review_note) == ("returned", "缺少认定文号")
    assert returned.reviewed_by_id == people["province"].id
    assert client.post(review, data={"decision": "accept"}).status_code == 409
    returned_value = _values(LANZHOU)["maker_spaces"]  # a returned value counts nowhere
    assert returned_value.value is None and returned_value.provenance["review"] == "returned"
    assert _values("province")["maker_spaces"].value is None
    history = text(client.get(f"/zones/{LANZHOU}/entries/2016/history/maker_spaces"))
    assert history.index("科技局认定文件") < history.index("旧数据")  # newest first
    assert "名单.pdf" in history and "省级已退回" in history and "缺少认定文号" in history
    entered = returned.entered_at.replace(tzinfo=returned.entered_at.tzinfo or dt.UTC)
    assert entered.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") in history
    client.post("/logout")
    login(client, people["dingxi"])
    assert client.get(f"/zones/{LANZHOU}/entries/2016/history/maker_spaces").status_code == 403


def test_a_featured_target_counts_once_the_province_approves_it(client, people):
    login(client, people["lanzhou"])
    response = client.post(f"/zones/{LANZHOU}/entries/2016/featured", data={
        "featured-name": "中药材技术合同数", "featured-unit": "项", "featured-target": "100",
        "featured-value": "60", "featured-source_note": "科技局"})
    assert response.status_code == 302
    item = _values(LANZHOU)["featured"].value[0]
    assert item.target is None and item.value == "60"
    featured = db.session.scalar(select(FeaturedIndicator))
    approve = f"/zones/{LANZHOU}/entries/2016/featured/{featured.id}/approve-target"
    assert client.post(approve).status_code == 403
    client.post("/logout")
    login(client, people["province"])
    assert client.post(approve).status_code == 302
    assert _values(LANZHOU)["featured"].value[0].target == "100"
    client.post("/logout")
    login(client, people["lanzhou"])  # a changed target waits for the province again
    client.post(f"/zones/{LANZHOU}/entries/2016/featured", data={
        "featured-name": "中药材技术合同数", "featured-unit": "项", "featured-target": "200",
        "featured-value": "60", "featured-source_note": "科技局"})
    assert _values(LANZHOU)["featured"].value[0].target is None
