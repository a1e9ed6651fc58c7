"""The whole story in a real browser, against gunicorn: a university publishes an
achievement, the reviewer approves it, an enterprise posts a need, search finds the
achievement for the need, a broker opens a case, signs it and submits the contract with the
signed file (待认定: the zone figure does not move), the Lanzhou registry officer confirms it
(认定登记) and only then the dashboard shows the new volume.
Screenshots of every step go to ``test-artefacts/e2e/``."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Browser, Page, expect

from matchhub.core import clock

pytestmark = pytest.mark.e2e

PASSWORD = "matchhub-demo"
PUBLISHER = "publisher.jcu@demo.example"  # 金城理工大学, 兰州 (620100)
REVIEWER = "admin@demo.example"
ENTERPRISE = "enterprise.lzpc@demo.example"  # 兰州石化新材料有限公司, 兰州
BROKER = "broker@demo.example"  # fields include 新材料, zone 兰州
ZONE_OFFICIAL = "zone.lanzhou@demo.example"  # 示范区 620100
REGISTRAR = "registrar.lanzhou@demo.example"  # 兰州 技术合同登记员
SIGNED_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ACHIEVEMENT = "高镍三元锂离子电池正极材料低成本制备技术"
NEED = "锂离子电池正极材料降本增效技术需求"
NUMBER = "2026620100000901"
TIMEOUT_MS = 20_000


class Story:
    """Signs people in, each in a fresh browser context, and numbers the screenshots."""

    def __init__(self, browser: Browser, base_url: str, artefacts) -> None:
        self.browser, self.base_url, self.artefacts = browser, base_url, artefacts
        self.step = 0

    @contextmanager
    def signed_in(self, email: str) -> Iterator[Page]:
        context = self.browser.new_context(base_url=self.base_url, locale="zh-CN",
                                           viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        blocked: list[str] = []  # what the Content-Security-Policy refused on any page
        page.on("console", lambda message: "Content Security Policy" in message.text
                and blocked.append(message.text))
        try:
            page.goto("/login")
            page.locator("#email").fill(email)
            page.locator("#password").fill(PASSWORD)
            page.get_by_role("button", name="登录", exact=True).click()
            expect(page.get_by_role("button", name="退出")).to_be_visible()
            yield page
            assert blocked == []
        finally:
            context.close()

    def shot(self, page: Page, name: str) -> None:
        self.step += 1
        page.screenshot(path=self.artefacts / f"{self.step:02d}-{name}.png", full_page=True)


@pytest.fixture
def story(browser, live_server, artefacts):
    expect.set_options(timeout=TIMEOUT_MS)
    return Story(browser, live_server, artefacts)


def kpi(page: Page, name: str):
    return page.locator(".kpi", has=page.locator(".kpi-name", has_text=re.compile(f"^{name}$")))


def zone_dashboard(page: Page, drawn: bool = True) -> None:
    """This year so far; the trend is drawn once there is a contract, else it says so."""
    page.goto(f"/zones/620100?year={clock.today().year}&to={clock.today().isoformat()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("兰州市示范区")
    if drawn:
        expect(page.locator("[data-chart=trend] canvas").first).to_be_attached()
    else:
        expect(page.locator("[data-chart=trend]")).to_have_text("本期暂无数据")


def publish_achievement(story: Story) -> None:
    with story.signed_in(PUBLISHER) as page:
        page.goto("/achievements/new")
        page.locator("#title").fill(ACHIEVEMENT)
        page.locator("#summary").fill("以共沉淀-固相烧结工艺制备高镍三元正极材料，"
                                      "降低钴用量与烧结能耗，适用于动力电池正极材料量产。")
        page.locator("#keywords").fill("锂离子电池, 正极材料, 高镍三元")
        page.locator("#field").select_option("new_materials")
        page.locator("#trl").select_option("6")
        page.get_by_label("转让", exact=True).check()
        page.locator("#asking_price").fill("50万")
        page.locator("#region_code").select_option("620100")
        page.locator("#ip_records-0-ip_type").select_option("invention_patent")
        page.locator("#ip_records-0-number").fill("ZL201710601862.3")
        page.locator("#ip_records-0-title").fill("一种高镍三元正极材料的制备方法")
        story.shot(page, "achievement-form")
        page.get_by_role("button", name="保存并提交审核").click()
        expect(page.locator(".flash-success")).to_have_text("已保存并提交审核")
        expect(page.get_by_role("heading", level=1)).to_have_text(ACHIEVEMENT)
        expect(page.locator(".detail-head .badge")).to_have_text("待审核")
        story.shot(page, "achievement-submitted")


def approve(story: Story, title: str, name: str) -> None:
    with story.signed_in(REVIEWER) as page:
        page.goto("/review")
        item = page.locator("article.review-item", has=page.get_by_role("link", name=title))
        story.shot(page, f"review-queue-{name}")
        item.get_by_role("button", name="审核通过").click()
        expect(page.locator(".flash-success")).to_have_text("已审核通过，现已公开发布")
        expect(page.get_by_role("link", name=title)).to_have_count(0)
        story.shot(page, f"{name}-approved")


def post_need(story: Story) -> None:
    with story.signed_in(ENTERPRISE) as page:
        page.goto("/needs/new")
        page.locator("#title").fill(NEED)
        page.locator("#description").fill("我公司需要降低锂离子电池正极材料的生产成本，"
                                          "寻求高镍三元正极材料制备技术，希望以专利转让方式合作。")
        page.locator("#keywords").fill("锂离子电池, 正极材料")
        page.locator("#field").select_option("new_materials")
        page.locator("#required_trl").select_option("5")
        page.get_by_label("转让", exact=True).check()
        page.locator("#budget_max").fill("80万")
        page.locator("#region_code").select_option("620100")
        page.get_by_role("button", name="保存并提交审核").click()
        expect(page.locator(".flash-success")).to_have_text("已保存并提交审核")
        story.shot(page, "need-submitted")


def search_for_the_need(story: Story) -> None:
    with story.signed_in(ENTERPRISE) as page:
        page.goto("/")
        page.locator("#site-search").fill("正极材料 降本")
        page.locator("form.search").get_by_role("button", name="搜索").click()
        hit = page.locator("article.search-hit").first
        expect(hit.locator("h3")).to_have_text(ACHIEVEMENT)
        expect(hit).to_contain_text("金城理工大学（演示）")
        story.shot(page, "search-finds-achievement")
        page.goto("/my")
        page.get_by_role("link", name=NEED).click()
        matches = page.locator("#matches")
        expect(matches.locator("article.match h3 a").first).to_have_text(ACHIEVEMENT)
        matches.scroll_into_view_if_needed()
        story.shot(page, "need-recommends-achievement")


def broker_registers_contract(story: Story) -> None:
    with story.signed_in(BROKER) as page:
        page.goto("/matches")
        pair = page.locator("article.match", has=page.get_by_role("link", name=NEED))
        expect(pair.get_by_role("link", name=ACHIEVEMENT)).to_be_visible()
        story.shot(page, "broker-matches")
        pair.get_by_role("button", name="从对接推荐开单").click()
        expect(page.locator(".flash-success")).to_contain_text("已开对接单")
        for state in ("已联系", "洽谈中", "已签约"):
            form = page.locator("form[action$='/transition']")
            form.get_by_label(state, exact=True).check()
            form.locator("#note").fill(f"推进到{state}")
            form.get_by_role("button", name="提交", exact=True).click()
            expect(page.locator("h1 .badge")).to_have_text(state)
        expect(page.locator("table.audit")).to_contain_text("洽谈中 → 已签约")
        story.shot(page, "case-signed")
        page.get_by_role("link", name="登记技术合同").click()
        expect(page.locator("#seller_name")).to_have_value("金城理工大学（演示）")
        expect(page.locator("#buyer_name")).to_have_value("兰州石化新材料有限公司（演示）")
        expect(page.locator("#volume")).to_have_value("500000.00")
        page.locator("#registration_number").fill(NUMBER)
        page.locator("#buyer_party_type").select_option("enterprise_llc")
        page.locator("#evidence").set_input_files(files=[{
            "name": "技术转让合同（签字盖章）.pdf", "mimeType": "application/pdf",
            "buffer": SIGNED_PDF}])
        story.shot(page, "contract-form")
        page.get_by_role("button", name="保存", exact=True).click()
        expect(page.locator(".flash-success")).to_contain_text("待卖方所在示范区的技术合同登记员")
        expect(page.get_by_role("heading", level=1)).to_contain_text(NUMBER)
        expect(page.locator("p.hint").first).to_contain_text("待认定")
        story.shot(page, "contract-submitted")


def registrar_confirms_contract(story: Story) -> None:
    """The submitted contract waits (待认定) until the seller zone's registry officer checks
    the signed file and confirms it (认定登记)."""
    with story.signed_in(REGISTRAR) as page:
        expect(page).to_have_url(re.compile("/workbench$"))
        assert tile_count(page, "份技术合同待认定") >= 1
        story.shot(page, "registrar-workbench")
        page.goto("/contracts/")
        page.get_by_role("link", name=re.compile(NUMBER)).first.click()
        expect(page.locator("p.hint").first).to_contain_text("待认定")
        expect(page.get_by_role("link", name="已签订的合同文本")).to_be_visible()
        expect(page.locator("#registration_number")).to_have_value(NUMBER)
        story.shot(page, "contract-awaiting-confirmation")
        page.get_by_role("button", name="认定登记（计入统计）").click()
        expect(page.locator(".flash-success")).to_contain_text("合同已认定登记")
        expect(page.locator("table.audit")).to_contain_text("认定登记")
        story.shot(page, "contract-confirmed")


def broker_is_told_of_confirmation(story: Story) -> None:
    """The registrant (the broker) learns that the officer confirmed the contract."""
    with story.signed_in(BROKER) as page:
        told(page, "contract", "已由登记机构确认登记")
        story.shot(page, "broker-told-contract-confirmed")


def figure_is_unchanged(story: Story) -> None:
    with story.signed_in(ZONE_OFFICIAL) as page:
        zone_dashboard(page, drawn=False)
        expect(kpi(page, "技术合同成交额（输出）").locator(".kpi-value")).to_have_text(
            re.compile(r"^(0\.00 元|—)$"))
        story.shot(page, "zone-dashboard-while-pending")


def tile_count(page: Page, label: str) -> int:
    """The count on the workbench tile whose label starts with ``label``."""
    tile = page.locator("a.tile", has=page.locator("span", has_text=label))
    return int(tile.locator(".tile-count").inner_text())


def told(page: Page, kind: str, *texts: str) -> None:
    """The user's 通知 of this kind include one naming every text; the header counts it."""
    expect(page.locator(".account-links .count")).to_be_visible()
    page.goto(f"/notifications?kind={kind}")
    note = page.locator("article.notification")
    for text in texts:
        note = note.filter(has_text=text)
    expect(note.first).to_be_visible()


def reviewers_are_told(story: Story, title: str, name: str) -> None:
    """A submission waits on the zone official's workbench and in their 通知, and in the
    platform reviewer's queue count."""
    with story.signed_in(ZONE_OFFICIAL) as page:
        expect(page).to_have_url(re.compile("/workbench$"))
        assert tile_count(page, "条发布待审核") >= 1
        told(page, "listing_submitted", title)
        story.shot(page, f"zone-official-told-{name}")
    with story.signed_in(REVIEWER) as page:
        assert tile_count(page, "条发布待审核") >= 1
        expect(page.locator(".nav a[href='/workbench'] .count")).to_be_visible()


def owner_is_told_of_approval(story: Story, email: str, title: str, name: str) -> None:
    with story.signed_in(email) as page:
        published = page.locator("section[aria-labelledby=wb-listings]").get_by_role(
            "link", name="1", exact=True)
        expect(published.first).to_be_visible()
        told(page, "listing_reviewed", title, "已通过审核")
        story.shot(page, f"owner-told-{name}-approved")


def broker_sees_the_new_need(story: Story) -> None:
    with story.signed_in(BROKER) as page:
        assert tile_count(page, "项近 7 天新发布的需求") >= 1
        story.shot(page, "broker-workbench")


def parties_are_told_of_the_case(story: Story) -> None:
    """Both parties got the case's steps, up to its registration (which closes it)."""
    with story.signed_in(ENTERPRISE) as page:
        assert tile_count(page, "条未读通知") >= 4  # opened, contacted, negotiating, signed…
        told(page, "case", NEED, "已签约")
        told(page, "case", NEED, "已登记（已关闭）")
        story.shot(page, "enterprise-told-case-registered")
    with story.signed_in(PUBLISHER) as page:
        told(page, "case", "新对接单", NEED)


def test_from_publication_to_zone_dashboard(story):
    figure_is_unchanged(story)
    publish_achievement(story)
    reviewers_are_told(story, ACHIEVEMENT, "achievement")
    approve(story, ACHIEVEMENT, "achievement")
    owner_is_told_of_approval(story, PUBLISHER, ACHIEVEMENT, "achievement")
    post_need(story)
    reviewers_are_told(story, NEED, "need")
    approve(story, NEED, "need")
    owner_is_told_of_approval(story, ENTERPRISE, NEED, "need")
    broker_sees_the_new_need(story)
    search_for_the_need(story)
    broker_registers_contract(story)
    figure_is_unchanged(story)
    registrar_confirms_contract(story)
    broker_is_told_of_confirmation(story)
    parties_are_told_of_the_case(story)
    with story.signed_in(ZONE_OFFICIAL) as page:
        zone_dashboard(page)
        expect(kpi(page, "技术合同成交额（输出）").locator(".kpi-value")).to_have_text("50.00 万元")
        expect(kpi(page, "技术合同数（输出）").locator(".kpi-value")).to_have_text("1 项")
        story.shot(page, "zone-dashboard-after")


FOUNDATION = "兰州示范区建成中试熟化基地 3 个，技术经纪人队伍持证上岗。"


def _download(page: Page, link: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=link).first.click()
    return download.value.path().read_bytes()


def test_zone_writes_its_yearly_report_and_exports_it(story):
    """The zone official writes a section of the yearly report, then downloads the DOCX,
    the PDF and the XLSX; each file is opened and its text and figures checked."""
    import io
    from decimal import Decimal

    from docx import Document
    from openpyxl import load_workbook
    from pypdf import PdfReader

    year = clock.today().year
    with story.signed_in(ZONE_OFFICIAL) as page:
        page.goto(f"/zones/620100/year-reports/{year}/sections")
        page.locator("#section-foundation").fill(FOUNDATION)
        page.get_by_role("button", name="保存草稿").click()
        expect(page.locator(".flash-success")).to_contain_text("已保存草稿")
        story.shot(page, "yearly-report-sections")
        docx = Document(io.BytesIO(_download(page, "下载 DOCX")))
        assert FOUNDATION in [p.text for p in docx.paragraphs]
        pdf = PdfReader(io.BytesIO(_download(page, "下载 PDF")))
        content = re.sub(r"\s", "", "".join(p.extract_text() for p in pdf.pages))
        assert re.sub(r"\s", "", FOUNDATION) in content
        zone_dashboard(page)
        sheet = load_workbook(io.BytesIO(_download(page, "导出指标表（XLSX）"))).active
        header, lanzhou = (list(r) for r in sheet.iter_rows(max_row=2, values_only=True))
        assert lanzhou[0] == "兰州市"
        assert lanzhou[header.index("职业化技术经纪人数量（人）")] == 1  # the demo broker
        volume = header.index("技术合同成交额（输出）（亿元）")
        exact = Decimal(lanzhou[volume + 1])  # 元, as text beside the 亿元 number
        assert abs(Decimal(str(lanzhou[volume])) - exact / 100_000_000) < Decimal("0.000001")
