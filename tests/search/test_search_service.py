"""Search through the app: indexing after commit, public-only results, API and page."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from matchhub.catalog import services
from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.core.response_cache import ResponseCache
from matchhub.search import get_search_backend
from matchhub.search.core.query import SearchQuery, parse_user_text
from matchhub.search.core.suggest import did_you_mean
from tests.api.helpers import assert_error
from tests.factories import AchievementFactory, NeedFactory, OrganisationFactory, UserFactory
from tests.web.helpers import text

# Searches read the index, which is fed after commit.
pytestmark = pytest.mark.commits


def search(client, q, **params):
    response = client.get("/api/v1/search", query_string={"q": q, **params})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def found(client, q, **params):
    return [item["id"] for item in search(client, q, **params)["items"]]


def test_published_items_are_searchable_after_commit(client, db_session):
    item = AchievementFactory(title="稀土永磁同步电机控制器", status="published")
    draft = AchievementFactory(title="稀土永磁材料回收草稿", status="draft")
    db_session.commit()
    assert found(client, "稀土永磁") == [item.id]
    assert draft.id not in found(client, "稀土永磁材料回收")


def test_withdrawal_and_expiry_remove_items(client, db_session):
    item = AchievementFactory(title="盐碱地改良微生物菌剂")
    old = AchievementFactory(title="盐碱地改良灌溉制度", valid_until=today() + dt.timedelta(days=1))
    db_session.commit()
    assert set(found(client, "盐碱地改良")) == {item.id, old.id}
    services.transition(db_session, item.created_by, item, "withdraw", today())
    old.valid_until = today() - dt.timedelta(days=1)
    db_session.commit()
    assert found(client, "盐碱地改良") == []


def test_approval_publishes_into_search(client, db_session):
    item = AchievementFactory(title="高原牦牛乳酪发酵剂", status="submitted")
    admin = UserFactory(role="platform_admin", organisation=None)
    db_session.commit()
    assert found(client, "牦牛乳酪") == []
    services.transition(db_session, admin, item, "approve", today())
    db_session.commit()
    assert found(client, "牦牛乳酪") == [item.id]


def test_hits_carry_reasons_and_escaped_highlights(client, db_session):
    AchievementFactory(title="<script>alert(1)</script>锂离子电池隔膜", keywords=["隔膜"])
    db_session.commit()
    body = search(client, "锂电池 隔膜")
    assert body["notes"] == []  # no model configured: lexical search, no banner
    hit = body["items"][0]
    assert "<script>" not in hit["highlights"]["title"]
    assert "&lt;script&gt;" in hit["highlights"]["title"]
    assert "<mark>隔膜</mark>" in hit["highlights"]["title"]
    labels = [r["label"] for r in hit["reasons"]]
    assert "标题包含「锂离子电池」（同义词）" in labels
    assert "标题包含「隔膜」" in labels  # one chip per word: its strongest field
    assert len(labels) <= 3


def test_filters_and_facets(client, db_session):
    AchievementFactory(title="苹果矮化密植栽培", field="agriculture", trl=8)
    AchievementFactory(title="苹果汁澄清工艺", field="agriculture", trl=3)
    AchievementFactory(title="苹果形状识别算法", field="electronic_information", trl=4)
    db_session.commit()
    body = search(client, "苹果", field="agriculture", stage="industrial")
    assert [i["title"] for i in body["items"]] == ["苹果矮化密植栽培"]
    assert search(client, "苹果")["facets"]["field"] == {"agriculture": 2,
                                                          "electronic_information": 1}


def test_bad_parameters_name_the_field(client):
    error = assert_error(client.get("/api/v1/search?type=planet"), 422, "validation_failed")
    assert list(error["fields"]) == ["type"]
    error = assert_error(client.get("/api/v1/search?q=x&price_max=abc"), 422,
                         "validation_failed")
    assert list(error["fields"]) == ["price_max"]


def test_organisation_and_broker_tabs(client, db_session):
    org = OrganisationFactory(name="陇原技术转移中心", kind="transfer_institution")
    OrganisationFactory(name="某市科技局", kind="government")
    db_session.commit()
    assert found(client, "技术转移", type="organisation") == [org.id]
    body = search(client, "科技局", type="organisation")
    assert body["total"] == 0 and body["nearest"]  # the nearest offered, not counted
    assert [item["id"] for item in body["items"]] == [org.id]


def test_suggest(client, db_session):
    AchievementFactory(title="玉米制种去雄机器人", keywords=["玉米制种"])
    AchievementFactory(title="玉米秸秆青贮草稿", status="draft")
    db_session.commit()
    suggestions = client.get("/api/v1/suggest?q=玉米").get_json()["suggestions"]
    assert "玉米制种去雄机器人" in suggestions and "玉米制种" in suggestions
    assert not any("青贮" in s for s in suggestions)
    assert_error(client.get("/api/v1/suggest?q="), 422, "validation_failed")


def test_search_page_shows_tabs_chips_and_empty_state(client, db_session):
    AchievementFactory(title="沙棘果油超临界萃取", keywords=["沙棘"])
    db_session.commit()
    page = text(client.get("/search?q=沙棘"))
    assert "<mark>沙棘</mark>" in page and "chip" in page and "经纪人" in page
    empty = text(client.get("/search?q=量子纠缠通信"))
    assert "没有找到" in empty
    assert client.get("/search?type=planet").status_code == 400


def test_did_you_mean_offers_a_close_indexed_term(db_session):
    AchievementFactory(title="马铃薯", keywords=["脱毒种薯"])
    db_session.commit()
    backend = get_search_backend()
    assert did_you_mean(backend, "马铃署", "achievement") == "马铃薯"  # one wrong character
    assert did_you_mean(backend, "马铃薯", "achievement") is None  # nothing to correct
    assert did_you_mean(backend, "量子纠缠", "achievement") is None  # nothing close


def test_rows_come_from_the_database(client, db_session):
    item = AchievementFactory(title="旧标题的节水灌溉控制器")
    db_session.commit()
    db.session.execute(db.text("UPDATE achievements SET title = :t WHERE id = :i"),
                       {"t": "新标题的节水灌溉控制器", "i": item.id})
    db.session.commit()
    titles = [i["title"] for i in search(client, "节水灌溉")["items"]]
    assert titles == ["新标题的节水灌溉控制器"]


def test_reindex_command_rebuilds_from_the_database(runner, db_session):
    AchievementFactory(title="青稞β-葡聚糖提取")
    AchievementFactory(title="未发布的草稿", status="draft")
    db_session.commit()
    backend = get_search_backend()
    backend.reset_indexes()
    assert backend.count() == 0
    result = runner.invoke(args=["search", "reindex", "--workers", "1"])
    assert result.exit_code == 0, result.output
    # The published achievement and the two organisations; never the draft.
    assert backend.count() == 3
    assert "indexed 3 documents" in result.output
    page = backend.run(SearchQuery(parse_user_text("未发布的草稿"), ("achievement",)))
    assert page.total == 0


def test_renaming_an_organisation_reindexes_its_listings(client, db_session):
    item = AchievementFactory(title="沙漠光伏板清洗机器人")
    db_session.commit()
    assert found(client, "祁连山研究院") == []
    item.owner_org.name = "祁连山研究院"
    db_session.commit()
    assert found(client, "祁连山研究院") == [item.id]


def test_no_close_match_offers_the_nearest_as_such(client, db_session):
    AchievementFactory(title="量子点发光材料", trl=5)
    db_session.commit()
    body = search(client, "量子烹饪")
    assert body["total"] == 0 and body["nearest"]
    page = client.get("/search", query_string={"q": "量子烹饪"})
    assert "没有找到完全匹配的结果" in text(page) and "<mark>量子</mark>点发光材料" in text(page)


def test_the_maturity_facet_links_to_its_stage_filter(client, db_session):
    AchievementFactory(title="马铃薯脱毒种薯繁育", trl=5)
    db_session.commit()
    page = client.get("/search", query_string={"q": "马铃薯"}).get_data(as_text=True)
    assert "stage=" in page.split("成熟度", 1)[1].split("</ul>", 1)[0]


def test_type_tabs_count_the_matches_of_each_type(client, db_session):
    AchievementFactory(title="苹果园植保无人机喷雾系统", keywords=["植保无人机"],
                       field="agriculture")
    AchievementFactory(title="苹果园植保无人机航线规划", keywords=["植保无人机"],
                       field="electronic_information")
    AchievementFactory(title="牦牛乳酪发酵剂")
    NeedFactory(title="求购果园植保无人机喷雾方案", keywords=["植保无人机"])
    db_session.commit()

    def tabs(**args):
        page = client.get("/search", query_string={"q": "植保无人机", **args})
        links = BeautifulSoup(page.get_data(as_text=True), "html.parser").select("nav.tabs a")
        current = [a.get_text(" ", strip=True) for a in links if a.get("aria-current")]
        return current, {a.get_text(" ", strip=True).split()[0]: a.select_one(".count")
                         .get_text() for a in links}

    assert tabs(type="need") == (["需求 1"], {"成果": "2", "需求": "1", "机构": "0",
                                              "经纪人": "0"})
    # a filter narrows the page, not the tab: the tab counts what clicking it shows
    current, counts = tabs(type="achievement", field="agriculture")
    assert current == ["成果 2"] and counts["需求"] == "1"


def counted_runs(monkeypatch) -> list:
    """The queries the search backend runs from now on."""
    backend = get_search_backend()
    runs = []
    real_run = type(backend).run
    monkeypatch.setattr(type(backend), "run",
                        lambda self, query: runs.append(query) or real_run(self, query))
    return runs


def test_search_responses_are_kept_until_the_index_changes(client, db_session, monkeypatch):
    AchievementFactory(title="沙棘果油超临界萃取", keywords=["沙棘"])
    db_session.commit()
    runs = counted_runs(monkeypatch)
    first = search(client, "沙棘")
    served = len(runs)
    assert search(client, "沙棘") == first and len(runs) == served  # from the cache
    assert search(client, "沙棘", per_page=5)["per_page"] == 5 and len(runs) > served
    AchievementFactory(title="沙棘叶茶饮料", keywords=["沙棘"])
    db_session.commit()  # indexed after commit: a new generation
    assert len(search(client, "沙棘")["items"]) == 2


def test_the_search_cache_can_be_turned_off(app, client, db_session, monkeypatch):
    monkeypatch.setitem(app.extensions, "matchhub.search_cache", ResponseCache(0))
    AchievementFactory(title="沙棘果油超临界萃取", keywords=["沙棘"])
    db_session.commit()
    runs = counted_runs(monkeypatch)
    search(client, "沙棘")
    served = len(runs)
    search(client, "沙棘")
    assert len(runs) == 2 * served
