"""/zones/<code>/entries/<year>: zone admins of that zone and platform admins enter values
(with evidence), policy texts and featured indicators; the province scores and sets
targets; everyone else is refused, including for evidence downloads."""

import io

import pytest
from sqlalchemy import func, select

from matchhub.core.extensions import db
from matchhub.zones.models import FeaturedIndicator, PolicyAssessment, ReportedValue, Target
from tests.contracts.people import broker, platform_admin, zone_admin
from tests.web.helpers import field_error, login, text

PAGE = "/zones/620100/entries/2016"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def report(client, url=PAGE, evidence=None, **fields):
    data = {"value-code": "maker_spaces", "value-value": "3",
            "value-source_note": "兰州市科技局 2016 年统计", **fields}
    if evidence is not None:
        data["value-evidence"] = evidence
    return client.post(url + "/values", data=data, content_type="multipart/form-data")


def test_anonymous_is_sent_to_login(client):
    assert client.get(PAGE).status_code == 302
    assert report(client).status_code == 302
    assert count(ReportedValue) == 0


@pytest.mark.parametrize("make_user", [lambda: zone_admin("620500"), broker])
def test_others_are_refused_pages_and_posts(client, make_user):
    login(client, make_user())
    assert client.get(PAGE).status_code == 403
    assert report(client).status_code == 403
    assert client.post(PAGE + "/policies", data={"policy-code": "policy_finance",
                                                 "policy-text": "x"}).status_code == 403
    assert client.post(PAGE + "/featured", data={"featured-name": "x"}).status_code == 403
    assert count(ReportedValue) + count(PolicyAssessment) + count(FeaturedIndicator) == 0


def test_unknown_zone_or_year_is_404(client):
    login(client, platform_admin())
    assert client.get("/zones/110000/entries/2016").status_code == 404
    assert client.get("/zones/620100/entries/1800").status_code == 404


def test_zone_admin_reports_a_value_with_evidence_and_sees_who_when_source(client):
    official = zone_admin()
    login(client, official)
    assert "填报数据" in text(client.get(PAGE))
    response = report(client, evidence=(io.BytesIO(b"%PDF-1.4 test"), "统计公报.pdf"))
    assert response.status_code == 302
    page = text(client.get(PAGE))
    assert "3 个" in page and "兰州市科技局 2016 年统计" in page
    assert official.display_name in page and "统计公报.pdf" in page
    row = db.session.scalars(select(ReportedValue)).one()
    download = client.get(f"{PAGE}/evidence/{row.id}")
    assert download.status_code == 200 and download.data == b"%PDF-1.4 test"
    assert "attachment" in download.headers["Content-Disposition"]


def test_evidence_download_is_only_for_the_same_audience(client):
    login(client, zone_admin())
    report(client, evidence=(io.BytesIO(b"%PDF"), "a.pdf"))
    row_id = db.session.scalar(select(ReportedValue.id))
    client.post("/logout")
    assert client.get(f"{PAGE}/evidence/{row_id}").status_code == 302
    for user in (zone_admin("620500"), broker()):
        db.session.commit()
        login(client, user)
        assert client.get(f"{PAGE}/evidence/{row_id}").status_code == 403
        client.post("/logout")
    login(client, zone_admin("620500"))
    # The 620500 page cannot reach another zone's file by its id.
    assert client.get(f"/zones/620500/entries/2016/evidence/{row_id}").status_code == 404
    client.post("/logout")
    login(client, platform_admin())
    assert client.get(f"{PAGE}/evidence/{row_id}").status_code == 200


def test_bad_values_and_evidence_are_shown_on_the_fields_and_nothing_is_written(client):
    login(client, zone_admin())
    bad = report(client, **{"value-value": "-1"})
    assert bad.status_code == 422
    assert "非负数" in field_error(text(bad), "value-value")
    wrong_type = report(client, evidence=(io.BytesIO(b"MZ"), "virus.exe"))
    assert wrong_type.status_code == 422
    assert "证明材料仅支持" in field_error(text(wrong_type), "value-evidence")
    missing = report(client, **{"value-source_note": ""})
    assert missing.status_code == 422
    assert "请注明数据来源" in field_error(text(missing), "value-source_note")
    assert count(ReportedValue) == 0


def test_policy_text_and_featured_indicator(client):
    login(client, zone_admin())
    saved = client.post(PAGE + "/policies", data={"policy-code": "policy_finance",
                                                  "policy-text": "出台科技金融十条"})
    assert saved.status_code == 302
    featured = client.post(PAGE + "/featured", data={
        "featured-name": "科技特派员人数", "featured-unit": "人", "featured-target": "500",
        "featured-value": "520"})
    assert featured.status_code == 302
    page = text(client.get(PAGE))
    assert "出台科技金融十条" in page and "科技特派员人数" in page and "520 人" in page
    bad = client.post(PAGE + "/featured", data={"featured-name": "资金", "featured-unit": "元",
                                                "featured-value": "1.001"})
    assert bad.status_code == 422 and field_error(text(bad), "featured-value")


def test_zone_admin_may_not_score_or_set_targets_and_sees_no_such_forms(client):
    login(client, zone_admin())
    page = text(client.get(PAGE))
    assert "省级评分" not in page and "年度目标" not in page
    assert client.post(PAGE + "/scores", data={"score-code": "policy_finance",
                                               "score-score": "8"}).status_code == 403
    assert client.post(PAGE + "/targets", data={"target-key": "maker_spaces",
                                                "target-value": "5"}).status_code == 403
    assert count(Target) == 0 and count(PolicyAssessment) == 0
    assert client.get("/zones/620000/entries/2016").status_code == 403


def test_platform_admin_scores_and_sets_zone_and_province_targets(client):
    admin = platform_admin()
    login(client, admin)
    scored = client.post(PAGE + "/scores", data={"score-code": "policy_finance",
                                                 "score-score": "8.5"})
    assert scored.status_code == 302
    too_high = client.post(PAGE + "/scores", data={"score-code": "policy_finance",
                                                   "score-score": "11"})
    assert too_high.status_code == 422 and field_error(text(too_high), "score-score")
    zone_target = client.post(PAGE + "/targets", data={
        "target-key": "contract_volume_output", "target-value": "50亿", "target-note": "十三五"})
    assert zone_target.status_code == 302
    province = client.post("/zones/620000/entries/2016/targets", data={
        "target-key": "maker_spaces", "target-value": "120"})
    assert province.status_code == 302
    page = text(client.get(PAGE))
    assert "8.5 分" in page and "50.00 亿元" in page and admin.display_name in page
    assert {(t.scope_code, t.key) for t in db.session.scalars(select(Target))} == {
        ("620100", "contract_volume_output"), ("620000", "maker_spaces")}


def test_entry_index_sends_zone_admins_to_their_zone(client):
    login(client, zone_admin("620500"))
    response = client.get("/zones/entries")
    assert response.status_code == 302 and "/zones/620500/entries/" in response.location
    client.post("/logout")
    login(client, broker())
    assert client.get("/zones/entries").status_code == 403
    client.post("/logout")
    login(client, platform_admin())
    assert "/zones/620000/entries/" in text(client.get("/zones/entries?year=2016"))
