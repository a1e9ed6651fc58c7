"""Home page and the public lists: published items only, filters, pagination, escaping."""

from decimal import Decimal

from tests.factories import AchievementFactory, NeedFactory
from tests.web.helpers import text

SCRIPT = "<script>alert(1)</script>"


def test_home_counts_and_lists_published_items_only(client, db_session):
    AchievementFactory(title="公开的成果甲")
    AchievementFactory(title="未提交的成果乙", status="draft")
    NeedFactory(title="公开的需求丙")
    NeedFactory(title="待审核的需求丁", status="submitted")
    db_session.commit()
    page = text(client.get("/"))
    assert "公开的成果甲" in page and "公开的需求丙" in page
    assert "未提交的成果乙" not in page and "待审核的需求丁" not in page
    assert "<strong>1</strong><span>项已发布科技成果" in page
    assert "<strong>1</strong><span>项已发布技术需求" in page


def test_every_page_has_exactly_one_search_box(client, db_session):
    item = AchievementFactory()
    db_session.commit()
    for url in ("/", "/achievements", "/needs", f"/achievements/{item.id}", "/login"):
        assert text(client.get(url)).count('type="search"') == 1, url


def test_lists_show_published_and_hide_drafts(client, db_session):
    AchievementFactory(title="已发布成果", asking_price=Decimal("1250000.00"))
    AchievementFactory(title="草稿成果", status="draft")
    NeedFactory(title="已发布需求")
    NeedFactory(title="被驳回需求", status="rejected")
    db_session.commit()
    achievements = text(client.get("/achievements"))
    assert "已发布成果" in achievements and "草稿成果" not in achievements
    assert "125.00 万元" in achievements and "TRL6（中试）" in achievements
    assert "新材料及其应用" in achievements and "兰州市" in achievements
    needs = text(client.get("/needs"))
    assert "已发布需求" in needs and "被驳回需求" not in needs
    assert "10.00 – 80.00 万元" in needs


def test_filters_narrow_the_list(client, db_session):
    AchievementFactory(title="材料成果", field="new_materials", asking_price=Decimal("900000"))
    AchievementFactory(title="医药成果", field="biomedicine", trl=2, asking_price=Decimal("10000"))
    db_session.commit()
    by_field = text(client.get("/achievements?field=biomedicine"))
    assert "医药成果" in by_field and "材料成果" not in by_field
    by_stage = text(client.get("/achievements?stage=pilot"))
    assert "材料成果" in by_stage and "医药成果" not in by_stage
    by_price = text(client.get("/achievements?price_max=50万"))
    assert "医药成果" in by_price and "材料成果" not in by_price
    by_q = text(client.get("/achievements?q=医药"))
    assert "医药成果" in by_q and "材料成果" not in by_q


def test_bad_filter_value_is_a_400_naming_the_parameter(client, db_session):
    response = client.get("/achievements?price_max=lots&field=biomedicine")
    assert response.status_code == 400
    assert "price_max" in text(response)
    response = client.get("/needs?stage=nonsense")
    assert response.status_code == 400
    assert "stage" in text(response)


def test_pagination_uses_page_size(app, client, db_session):
    size = app.config["PAGE_SIZE"]
    for n in range(size + 2):
        AchievementFactory(title=f"分页成果{n:03d}")
    db_session.commit()
    first = text(client.get("/achievements?sort=title"))
    second = text(client.get("/achievements?sort=title&page=2"))
    assert "分页成果000" in first and f"分页成果{size:03d}" not in first
    assert f"分页成果{size:03d}" in second and "分页成果000" not in second
    assert 'href="/achievements?sort=title&amp;page=2"' in first


def test_pagination_links_ignore_url_options_in_the_query(app, client, db_session):
    for _ in range(app.config["PAGE_SIZE"] + 1):
        AchievementFactory()
    db_session.commit()
    response = client.get("/achievements?plural=needs&_external=1&_scheme=javascript")
    assert response.status_code == 200
    assert 'href="/achievements?page=2"' in text(response)
    assert "javascript:" not in text(response)


def test_script_title_is_escaped_in_list_and_detail(client, db_session):
    item = AchievementFactory(title=SCRIPT, summary=SCRIPT, keywords=[SCRIPT])
    db_session.commit()
    for url in ("/achievements", f"/achievements/{item.id}", "/"):
        page = text(client.get(url))
        assert SCRIPT not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url


def test_source_note_and_demo_credit(client, db_session):
    AchievementFactory(title="演示成果", is_demo=True, source_note="摘自 CSL 数据集")
    db_session.commit()
    page = text(client.get("/achievements"))
    assert "摘自 CSL 数据集" in page
    assert "Li et al., COLING 2022" in page and "Apache-2.0" in page
    assert "Li et al., COLING 2022" not in text(client.get("/needs"))
