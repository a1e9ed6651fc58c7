"""The contract form's cascading region picker in a real browser: names, never codes;
a county of another province makes the contract 外省登记, and 境外 asks for the country."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_story import REVIEWER, Story

pytestmark = pytest.mark.e2e


@pytest.fixture
def story(browser, live_server, artefacts):
    expect.set_options(timeout=20_000)
    return Story(browser, live_server, artefacts)


def pick(page, side: str, *names: str) -> None:
    """Choose province, prefecture and county by their names in one party's picker."""
    selects = page.locator(f"#{side}_region_code + .region-picker select")
    for level, name in enumerate(names):
        expect(selects.nth(level)).to_be_visible()
        expect(selects.nth(level).locator("option", has_text=name).first).to_be_attached()
        selects.nth(level).select_option(label=name)


def fill_contract(page) -> None:
    page.locator("#registration_number").fill("2026110108000123")
    page.locator("#name").fill("北京高校向兰州企业的技术开发合同")
    page.locator("#contract_type").select_option("development")
    page.locator("#contract_subtype").select_option("entrusted")
    page.locator("#signed_on").fill("2026-03-01")
    page.locator("#registered_on").fill("2026-03-15")
    page.locator("#volume").fill("800000")
    page.locator("#tech_income").fill("800000")
    page.locator("#tech_field").select_option("electronic_information")
    page.locator("#ip_type").select_option("patent")
    page.locator("#seller_name").fill("北京某大学")
    page.locator("#seller_party_type").select_option("university")
    page.locator("#buyer_name").fill("美国某公司")
    page.locator("#buyer_party_type").select_option("foreign")


def test_picker_chooses_names_and_abroad(story):
    with story.signed_in(REVIEWER) as page:  # the platform administrator
        page.goto("/contracts/new")
        expect(page.locator("#seller_region_code")).to_be_hidden()
        expect(page.locator("#buyer_country")).to_be_hidden()
        fill_contract(page)
        pick(page, "seller", "北京市", "北京市", "海淀区")
        expect(page.locator("#seller_region_code")).to_have_value("110108")
        pick(page, "buyer", "境外（选国别）")
        expect(page.locator("#buyer_country")).to_be_visible()
        page.locator("#buyer_country").select_option("840")
        expect(page.locator("#buyer_region_code")).to_have_value("")
        story.shot(page, "region-picker")
        page.get_by_role("button", name="保存", exact=True).click()
        expect(page.locator(".flash-success")).to_contain_text("合同已认定登记")
        expect(page.get_by_role("heading", level=1)).to_contain_text("外省登记")
        expect(page.locator("main")).to_contain_text("境外：美国（840）")
        expect(page.locator("main")).to_contain_text(re.compile("海淀区（110108）"))
        story.shot(page, "registered-elsewhere")
