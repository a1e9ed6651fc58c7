"""The programme workflow: plan draft → submitted → approved/returned, yearly reports,
the final assessment, and the programme status they drive. Denials included."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document

from matchhub.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from matchhub.core.extensions import db
from matchhub.zones.entries.recording import targets
from matchhub.zones.programme import assessments, plans, year_reports
from matchhub.zones.programme.documents import Upload, document_file
from matchhub.zones.programme.report_sections import SECTIONS, save_sections
from matchhub.zones.programme.status import find_programme
from tests.contracts.helpers import TODAY
from tests.zones.helpers import DINGXI, LANZHOU, load_years, platform_admin, zone_admin

PDF = Upload("兰州市建设方案.pdf", b"%PDF-1.4 plan")


@pytest.fixture
def people():
    return {"province": platform_admin(), "lanzhou": zone_admin(LANZHOU),
            "dingxi": zone_admin(DINGXI)}


def draft(people, tmp_path, upload=PDF, **changes):
    data = plans.PlanInput(**{"title": "兰州市科技成果转移转化示范区建设方案",
                              "start_year": 2015, "end_year": 2017,
                              "target_volume": "50000", "target_unit": "万元", **changes})
    return plans.save_plan(db.session, people["lanzhou"], LANZHOU, data, upload, tmp_path)


def approved(people, tmp_path):
    draft(people, tmp_path)
    plans.submit_plan(db.session, people["lanzhou"], LANZHOU)
    return plans.review_plan(db.session, people["province"], LANZHOU, True, "同意建设")


def test_zone_admin_drafts_and_submits_a_plan(people, tmp_path):
    plan = draft(people, tmp_path)
    assert plan.status == "draft" and plan.target_volume == Decimal("500000000.00")
    assert document_file(tmp_path, plan.document_path).read_bytes() == PDF.data
    assert find_programme(db.session, LANZHOU).status == "applying"
    plans.submit_plan(db.session, people["lanzhou"], LANZHOU)
    assert plan.status == "submitted" and plan.submitted_by_id == people["lanzhou"].id
    with pytest.raises(InvalidTransition):
        draft(people, tmp_path)  # no edits while the province reviews


def test_plan_rules(people, tmp_path):
    with pytest.raises(ValidationFailed) as exc:
        draft(people, tmp_path, start_year=2015, end_year=2019, title="")
    assert set(exc.value.fields) == {"title", "end_year"}
    with pytest.raises(ValidationFailed) as exc:
        draft(people, tmp_path, upload=Upload("plan.exe", b"MZ"))
    assert "document" in exc.value.fields
    draft(people, tmp_path, upload=None)
    with pytest.raises(InvalidTransition):
        plans.submit_plan(db.session, people["lanzhou"], LANZHOU)  # no document yet


def test_only_the_zones_own_admin_acts_for_it(people, tmp_path):
    data = plans.PlanInput("方案", 2015, 2016)
    for user in (people["dingxi"], people["province"]):
        with pytest.raises(PermissionDenied):
            plans.save_plan(db.session, user, LANZHOU, data, PDF, tmp_path)
    with pytest.raises(NotFound):
        plans.save_plan(db.session, people["lanzhou"], "999999", data)


def test_province_approves_and_construction_starts_with_the_target(people, tmp_path):
    draft(people, tmp_path)
    plans.submit_plan(db.session, people["lanzhou"], LANZHOU)
    with pytest.raises(PermissionDenied):
        plans.review_plan(db.session, people["lanzhou"], LANZHOU, True)
    plan = plans.review_plan(db.session, people["province"], LANZHOU, True, "同意")
    programme = find_programme(db.session, LANZHOU)
    assert plan.status == "approved"
    assert (programme.status, programme.start_year, programme.end_year) == ("building", 2015,
                                                                            2017)
    assert targets(db.session, 2017)[(LANZHOU, "contract_volume_output")] == Decimal(
        "500000000")


def test_province_returns_with_a_note_and_the_zone_resubmits(people, tmp_path):
    draft(people, tmp_path)
    plans.submit_plan(db.session, people["lanzhou"], LANZHOU)
    with pytest.raises(ValidationFailed):
        plans.review_plan(db.session, people["province"], LANZHOU, False, "")
    plan = plans.review_plan(db.session, people["province"], LANZHOU, False, "补充进度安排")
    assert plan.status == "returned" and plan.review_note == "补充进度安排"
    draft(people, tmp_path, title="修改后的方案")
    plans.submit_plan(db.session, people["lanzhou"], LANZHOU)
    assert plan.status == "submitted"
    with pytest.raises(InvalidTransition):
        plans.review_plan(db.session, people["province"], DINGXI, True)


def test_yearly_report_generated_or_uploaded(people, tmp_path):
    load_years(people["province"])
    with pytest.raises(InvalidTransition):  # not approved yet
        year_reports.submit_year_report(db.session, people["lanzhou"], LANZHOU, 2016,
                                        data_dir=tmp_path, today=TODAY)
    approved(people, tmp_path)
    with pytest.raises(ValidationFailed) as empty:  # no section written yet
        year_reports.submit_year_report(db.session, people["lanzhou"], LANZHOU, 2016,
                                        data_dir=tmp_path, today=TODAY)
    assert set(empty.value.fields) == {s.code for s in SECTIONS}
    save_sections(db.session, people["lanzhou"], LANZHOU, 2016,
                  {s.code: f"{s.heading}：已完成" for s in SECTIONS})
    row = year_reports.submit_year_report(db.session, people["lanzhou"], LANZHOU, 2016,
                                          data_dir=tmp_path, today=TODAY)
    assert row.generated and row.document_name == "兰州市2016年度建设情况报告.docx"
    assert row.indicators["contract_volume_output"]["value"] == "350000000.01"
    document = Document(io.BytesIO(document_file(tmp_path, row.document_path).read_bytes()))
    assert document.paragraphs[0].text.startswith("兰州市")
    again = year_reports.submit_year_report(
        db.session, people["lanzhou"], LANZHOU, 2016, data_dir=tmp_path, today=TODAY,
        upload=Upload("2016年报.pdf", b"%PDF"), note="正式报送")
    assert again.id == row.id and not again.generated and again.document_name == "2016年报.pdf"
    with pytest.raises(ValidationFailed):
        year_reports.submit_year_report(db.session, people["lanzhou"], LANZHOU, 2019,
                                        data_dir=tmp_path, today=TODAY)
    with pytest.raises(PermissionDenied):
        year_reports.submit_year_report(db.session, people["dingxi"], LANZHOU, 2016,
                                        data_dir=tmp_path, today=TODAY)


def test_final_assessment_records_the_history_and_accepts(people, tmp_path):
    load_years(people["province"])
    approved(people, tmp_path)
    with pytest.raises(InvalidTransition):
        assessments.record_assessment(db.session, people["province"], LANZHOU, "passed", "90",
                                      "", TODAY)
    with pytest.raises(PermissionDenied):
        assessments.start_assessment(db.session, people["lanzhou"], LANZHOU)
    assessments.start_assessment(db.session, people["province"], LANZHOU)
    assert find_programme(db.session, LANZHOU).status == "evaluating"
    with pytest.raises(ValidationFailed) as exc:
        assessments.record_assessment(db.session, people["province"], LANZHOU, "maybe", "101",
                                      "", TODAY)
    assert set(exc.value.fields) == {"conclusion", "score"}
    row = assessments.record_assessment(db.session, people["province"], LANZHOU, "passed",
                                        "88.5", "完成建设任务", TODAY)
    assert row.score == Decimal("88.5") and sorted(row.history) == ["2015", "2016", "2017"]
    assert row.history["2015"]["contract_volume_output"]["value"] == "1500000.00"
    assert row.history["2017"]["contract_volume_output"]["target"] == "500000000"
    assert find_programme(db.session, LANZHOU).status == "accepted"


def test_a_failed_assessment_sends_the_zone_back_to_construction(people, tmp_path):
    approved(people, tmp_path)
    assessments.start_assessment(db.session, people["province"], LANZHOU)
    assessments.record_assessment(db.session, people["province"], LANZHOU, "failed", "",
                                  "整改", dt.date(2016, 12, 1))
    row = assessments.assessments(db.session, LANZHOU)[0]
    assert sorted(row.history) == ["2015", "2016"]  # no values for years still to come
    assert find_programme(db.session, LANZHOU).status == "building"
