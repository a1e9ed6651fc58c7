"""The yearly report (年度建设情况报告): the zone writes each section through the page
(drafts, audited), the DOCX, the PDF and the XLSX carry its text and figures, the
construction period comes from the approved plan, a report with an empty section is not
submitted, and only the zone's administrators write (the province reads)."""

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from matchhub.audit.models import AuditEntry
from matchhub.core.extensions import db
from matchhub.zones.entries import recording as entries
from matchhub.zones.programme.report_sections import SECTIONS
from tests.factories import UserFactory
from tests.web.helpers import login, text
from tests.zones.helpers import DINGXI, LANZHOU, load_years, platform_admin, zone_admin
from tests.zones.test_programme import approved

SECTIONS_URL = f"/zones/{LANZHOU}/year-reports/2016/sections"
FOUNDATION = "兰州新区建成中试基地 3 个，=SUM(A1) 不是公式。"


@pytest.fixture
def people(db_session):
    people = {"province": platform_admin(), "lanzhou": zone_admin(LANZHOU),
              "dingxi": zone_admin(DINGXI), "publisher": UserFactory(role="publisher")}
    load_years(people["province"])
    entries.write_policy(db.session, people["lanzhou"], LANZHOU, 2016, "policy_finance",
                         "设立成果转化引导基金 2 亿元。")
    db_session.commit()
    return people


def _all_sections(**changes):
    return {s.code: f"{s.heading}的内容" for s in SECTIONS} | changes


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_write_sections_then_export_docx_pdf_and_xlsx(client, people, tmp_path):
    login(client, people["lanzhou"])
    response = client.post(SECTIONS_URL, data={"foundation": FOUNDATION})
    assert response.status_code == 302
    assert FOUNDATION in text(client.get(SECTIONS_URL))
    audit = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "zone_report.section")).all()
    assert len(audit) == 1 and audit[0].actor_id == people["lanzhou"].id

    docx = client.get(f"/zones/{LANZHOU}/annual-report.docx?year=2016")
    document = Document(io.BytesIO(docx.data))
    paragraphs = [p.text for p in document.paragraphs]
    assert FOUNDATION in paragraphs and "设立成果转化引导基金 2 亿元。" in paragraphs
    assert "建设期：尚无经批准的建设方案，建设期未定；当前状态：申报" in paragraphs
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    volume = next(r for r in cells if r[2] == "技术合同成交额（输出）")
    assert volume[3] == "3.50 亿元"

    pdf = client.get(f"/zones/{LANZHOU}/annual-report.pdf?year=2016")
    assert pdf.mimetype == "application/pdf"
    content = re.sub(r"\s", "", _pdf_text(pdf.data))  # extraction spaces CJK freely
    assert "兰州新区建成中试基地3个" in content and "技术合同成交额（输出）3.50亿元" in content
    assert "尚无经批准的建设方案" in content

    workbook = load_workbook(io.BytesIO(client.get(
        f"/zones/{LANZHOU}/export.xlsx?year=2016").data))
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    volume_at = header.index("技术合同成交额（输出）（亿元）")
    assert row[0] == "兰州市" and row[volume_at] == pytest.approx(3.5000000001)
    assert row[volume_at + 1] == "350000000.01"  # the exact 元, as text
    assert sheet.cell(2, volume_at + 2).data_type == "s"
    assert "成交额构成：按合同类型" in workbook.sheetnames
    types = workbook["成交额构成：按合同类型"]
    transfer = next(r for r in types.iter_rows(values_only=True) if r[1] == "transfer")
    assert transfer[3] == pytest.approx(3) and transfer[4] == "300000000.00"
    notes = {r[0]: r[1] for r in workbook["说明"].iter_rows(values_only=True)}
    assert "Asia/Shanghai" in notes["生成时间"]


def test_the_construction_period_comes_from_the_approved_plan(client, people, tmp_path):
    approved(people, tmp_path)
    db.session.commit()
    login(client, people["lanzhou"])
    document = Document(io.BytesIO(client.get(
        f"/zones/{LANZHOU}/annual-report.docx?year=2016").data))
    assert any(p.text.startswith("建设期：2015—2017年（经批准的建设方案）")
               for p in document.paragraphs)
    trend = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert trend[1][0] == "2015年" and trend[2][:3] == ["2016年", "2", "3.50 亿元"]


def test_a_report_with_an_empty_section_is_not_submitted(client, people, tmp_path):
    approved(people, tmp_path)
    db.session.commit()
    login(client, people["lanzhou"])
    client.post(SECTIONS_URL, data=_all_sections(schedule="  "))
    response = client.post(f"/zones/{LANZHOU}/year-reports", data={"year": "2016", "note": ""},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "尚未填写" in text(response)
    client.post(SECTIONS_URL, data=_all_sections())
    response = client.post(f"/zones/{LANZHOU}/year-reports", data={"year": "2016", "note": ""},
                           content_type="multipart/form-data")
    assert response.status_code == 302


def test_only_the_zone_writes_and_only_the_zone_and_province_read(client, people):
    for who, read, write in (("publisher", 403, 403), ("dingxi", 403, 403),
                             ("province", 200, 403)):
        login(client, people[who])
        assert client.get(SECTIONS_URL).status_code == read
        assert client.post(SECTIONS_URL, data={"foundation": "篡改"}).status_code == write
        assert client.get(f"/zones/{LANZHOU}/annual-report.pdf?year=2016").status_code == read
        client.post("/logout")
    assert client.get(SECTIONS_URL).status_code == 302  # anonymous: to the login page
    assert db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "zone_report.section")).all() == []
    login(client, people["lanzhou"])
    too_long = client.post(SECTIONS_URL, data={"foundation": "字" * 20_001})
    assert too_long.status_code == 422
    assert "字" * 100 in text(too_long)
