"""Zone pages: full dashboards and downloads for the zone's officials and the province,
public summaries for everyone else, the programme workflow and who may do what there."""

import io
import json
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from matchhub.core.extensions import db
from matchhub.zones.programme.report_sections import SECTIONS
from matchhub.zones.programme.status import find_programme
from tests.factories import UserFactory
from tests.web.helpers import login, text
from tests.zones.helpers import DINGXI, LANZHOU, load_years, platform_admin, zone_admin


@pytest.fixture
def people(db_session):
    people = {"province": platform_admin(), "lanzhou": zone_admin(LANZHOU),
              "dingxi": zone_admin(DINGXI), "publisher": UserFactory(role="publisher")}
    load_years(people["province"])
    db_session.commit()
    return people


def chart_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="zone-chart-data">(.*?)</script>',
                      page, re.S)
    return json.loads(found.group(1))


EXPORTS = ("/zones/export.xlsx?year=2016", f"/zones/{LANZHOU}/export.xlsx?year=2016",
           f"/zones/{LANZHOU}/annual-report.docx?year=2016")


def test_anonymous_visitors_get_public_summaries_and_no_downloads(client, people):
    for url in ("/zones?year=2016", f"/zones/{LANZHOU}?year=2016"):
        page = text(client.get(url))
        assert "公开摘要" in page and "zone-chart-data" not in page
        assert "建设指标（附件2" not in page
    for url in EXPORTS:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.location


def test_who_sees_the_full_dashboards_and_downloads(client, people):
    """The zone's officials see their zone; the province sees all; nobody else."""
    full = {("publisher", "/zones"): False, ("publisher", f"/zones/{LANZHOU}"): False,
            ("dingxi", "/zones"): False, ("dingxi", f"/zones/{LANZHOU}"): False,
            ("dingxi", f"/zones/{DINGXI}"): True, ("lanzhou", f"/zones/{LANZHOU}"): True,
            ("province", "/zones"): True, ("province", f"/zones/{DINGXI}"): True}
    for (user, url), allowed in full.items():
        login(client, people[user])
        page = text(client.get(f"{url}?year=2016"))
        assert ("zone-chart-data" in page) is allowed, (user, url)
        assert ("公开摘要" in page) is not allowed, (user, url)
        client.post("/logout")
    downloads = {"publisher": (403, 403, 403), "dingxi": (403, 403, 403),
                 "lanzhou": (403, 200, 200), "province": (200, 200, 200)}
    for user, statuses in downloads.items():
        login(client, people[user])
        for url, status in zip(EXPORTS, statuses, strict=True):
            assert client.get(url).status_code == status, (user, url)
        client.post("/logout")


def test_province_dashboard_shows_ranking_charts_and_indicators(client, people):
    login(client, people["province"])
    page = text(client.get("/zones?year=2016"))
    ranking = page[page.index("示范区排名表"):]
    # one unit per column, named in the header: 3.5 亿元 and 20 万元 both in 万元
    assert "成交额（输出，万元）" in ranking and ">35,000.00<" in ranking and ">20.00<" in ranking
    assert page.index("兰州市</a>") < page.index("定西市</a>")
    assert "vendor/echarts/echarts.common.min.js" in page and "cdn" not in page.lower()
    assert chart_data(page)["trend"]["option"]["series"][0]["data"][-1] == 3.502
    assert "未列入排名（本期无技术合同）" in page and "全省第 1 名" not in page
    assert "每万人发明专利拥有量" in page and "特色指标" in page
    assert "繁育技术开发合同" not in page and "兰州大学" not in page  # no contract details
    assert client.get("/static/vendor/echarts/echarts.common.min.js").status_code == 200


def test_zone_dashboard(client, people):
    login(client, people["dingxi"])
    page = text(client.get(f"/zones/{DINGXI}?year=2016"))
    assert "定西市示范区" in page and "全省第 2 名" in page
    assert chart_data(page)["trend"]["unit"] == "万元"
    assert "建设方案与评估" in page
    client.post("/logout")
    login(client, people["province"])
    page = text(client.get(f"/zones/{LANZHOU}?year=2016&half=2"))
    assert "2016年下半年" in page and "同比（与2015年下半年相比）" in page
    assert client.get("/zones/999999").status_code == 404
    assert client.get("/zones?year=abc").status_code == 400
    for query in ("quarter=5", "to=2016-13-01", "to=2017-01-01", "half=1&quarter=1"):
        assert client.get(f"/zones?year=2016&{query}").status_code == 400, query


def test_an_empty_zone_says_so_instead_of_drawing_bare_axes(client, people):
    login(client, people["province"])
    page = text(client.get("/zones/620200?year=2016"))  # 嘉峪关: no contract
    data = chart_data(page)
    assert all(slot["option"] is None for name, slot in data.items() if name != "ranking")
    assert page.count("本期暂无数据") >= 7
    assert "本期无技术合同，不参与排名" in page


def test_downloads(client, people):
    login(client, people["province"])
    response = client.get("/zones/export.xlsx?year=2016")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    volume = rows[0].index("技术合同成交额（输出）（亿元）")
    lanzhou = next(r for r in rows if r[0] == "兰州市")
    assert lanzhou[volume:volume + 2] == (pytest.approx(3.5000000001), "350000000.01")
    zone = load_workbook(io.BytesIO(client.get(f"/zones/{LANZHOU}/export.xlsx?year=2016").data))
    assert {r[0] for r in zone.active.iter_rows(min_row=2, values_only=True)} == {"兰州市"}
    # The yearly report holds the zone's drafts: its administrators and the province only.
    assert client.get(f"/zones/{LANZHOU}/annual-report.docx?year=2016").status_code == 200
    client.post("/logout")
    login(client, people["publisher"])
    assert client.get(f"/zones/{LANZHOU}/annual-report.docx?year=2016").status_code == 403
    client.post("/logout")
    login(client, people["lanzhou"])
    docx = client.get(f"/zones/{LANZHOU}/annual-report.docx?year=2016")
    document = Document(io.BytesIO(docx.data))
    assert document.paragraphs[0].text.startswith("兰州市")
    assert docx.mimetype.endswith("wordprocessingml.document")


def test_programme_page_is_for_the_zone_and_the_province(client, people):
    for user, status in (("publisher", 403), ("dingxi", 403), ("lanzhou", 200),
                         ("province", 200)):
        login(client, people[user])
        assert client.get(f"/zones/{LANZHOU}/programme").status_code == status, user
        client.post("/logout")


def submit_plan(client, **changes):
    data = {"title": "兰州市示范区建设方案", "start_year": "2015", "end_year": "2017",
            "target_volume": "50000", "save_submit": "1",
            "document": (io.BytesIO(b"%PDF-1.4"), "方案.pdf"), **changes}
    return client.post(f"/zones/{LANZHOU}/plan", data=data,
                       content_type="multipart/form-data")


def test_the_whole_programme_through_the_pages(client, people):
    login(client, people["lanzhou"])
    assert submit_plan(client).status_code == 302
    assert client.get(f"/zones/{LANZHOU}/plan/document").data == b"%PDF-1.4"
    client.post("/logout")
    login(client, people["province"])
    page = text(client.get(f"/zones/{LANZHOU}/programme"))
    assert "待审核" in page and "提交审核结论" in page
    assert client.post(f"/zones/{LANZHOU}/plan/review",
                       data={"decision": "approve", "note": "同意"}).status_code == 302
    assert find_programme(db.session, LANZHOU).status == "building"
    client.post("/logout")
    login(client, people["lanzhou"])
    sections = {s.code: f"{s.heading}：已完成" for s in SECTIONS}
    assert client.post(f"/zones/{LANZHOU}/year-reports/2016/sections",
                       data=sections).status_code == 302
    response = client.post(f"/zones/{LANZHOU}/year-reports", data={"year": "2016", "note": ""},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    page = text(client.get(f"/zones/{LANZHOU}/programme"))
    assert "兰州市2016年度建设情况报告.docx" in page and ">35,000.00<" in page
    report = client.get(f"/zones/{LANZHOU}/year-reports/2016/document")
    assert Document(io.BytesIO(report.data)).tables
    client.post("/logout")
    login(client, people["province"])
    assert client.post(f"/zones/{LANZHOU}/assessment/start").status_code == 302
    assert client.post(f"/zones/{LANZHOU}/assessment",
                       data={"conclusion": "passed", "score": "90", "note": "验收通过"}
                       ).status_code == 302
    page = text(client.get(f"/zones/{LANZHOU}/programme"))
    assert "建设期评估：通过（90.0 分）" in page and "150.00 万元" in page
    assert "已验收" in text(client.get("/zones?year=2016"))


def test_form_errors_and_denied_steps(client, people):
    login(client, people["lanzhou"])
    response = submit_plan(client, end_year="2020")
    assert response.status_code == 422 and "建设期应为 2或3 年" in text(response)
    response = client.post(f"/zones/{LANZHOU}/plan/review", data={"decision": "approve"})
    assert response.status_code == 403
    assert client.post(f"/zones/{LANZHOU}/assessment/start").status_code == 403
    client.post("/logout")
    login(client, people["dingxi"])
    assert submit_plan(client).status_code == 403
    assert client.get(f"/zones/{LANZHOU}/plan/document").status_code == 403
    client.post("/logout")
    login(client, people["province"])
    assert submit_plan(client).status_code == 403  # the province does not write zone plans
    response = client.post(f"/zones/{LANZHOU}/plan/review",
                           data={"decision": "return", "note": ""})
    assert response.status_code == 409  # nothing submitted
