"""The behaviour every search backend must show. Each backend's test module subclasses
``BackendContract`` and provides a ``backend`` fixture; unsupported behaviour is marked
xfail there with a reason."""

import datetime as dt

import pytest

from matchhub.search.core.documents import SearchDocument
from matchhub.search.core.query import AnyOf, Range, SearchQuery, Term, parse_user_text

TODAY = dt.date(2026, 11, 28)


def doc(item_id, title, body="", *, item_type="achievement", keywords="", field="new_energy",
        modes=("transfer",), trl=5, price=None, published=TODAY, end=TODAY.replace(year=2027),
        region="620100", suggestions=None):
    filters = {"field": field, "region": region, "province": region[:2] + "0000",
               "status": "published", "modes": list(modes), "trl": trl,
               "price": None if price is None else int(price * 100),
               "price_negotiable": int(price is None),
               "end_date": end.toordinal(), "published": published.toordinal()}
    texts = {"title": title, "keywords": keywords, "body": body, "org": "演示大学"}
    return SearchDocument(item_type, item_id, texts, filters,
                          suggestions if suggestions is not None else [title])


CATALOGUE = [
    doc(1, "高比能锂离子电池正极材料", "一种富镍三元正极材料的低成本制备方法",
        keywords="锂离子电池 正极", field="new_materials", modes=("transfer", "license"),
        trl=6, price=500_000, published=dt.date(2026, 1, 5)),
    doc(2, "光伏组件自清洁涂层", "超疏水涂层减少戈壁光伏电站积灰", keywords="光伏 自清洁",
        trl=7, price=350_000, published=dt.date(2026, 2, 1)),
    doc(3, "马铃薯脱毒种薯雾培快繁技术", "茎尖脱毒结合雾培提高种薯产量", keywords="马铃薯 脱毒",
        field="agriculture", modes=("co_development",), trl=8, price=None,
        published=dt.date(2026, 3, 1), region="621100"),
    doc(4, "风电叶片回收热解工艺", "退役叶片热解回收玻璃纤维", keywords="风电 回收",
        field="environment", modes=("service",), trl=4, price=1_200_000,
        published=dt.date(2026, 4, 1), region="620900"),
    doc(5, "电池管理系统", "储能电站电池管理与均衡控制", item_type="need", field="new_energy",
        trl=5, price=800_000, published=dt.date(2026, 5, 1)),
    doc(6, "正极材料烧结窑炉节能改造", "锂电正极材料烧结过程的余热回收", keywords="余热",
        field="new_energy", trl=5, price=200_000, published=dt.date(2026, 6, 1)),
]


def ids(page):
    return [hit.item_id for hit in page.hits]


def query(text="", item_types=("achievement",), **kwargs):
    return SearchQuery(parse_user_text(text), tuple(item_types), **kwargs)


# Twenty documents that all say 报告 (a word, not a generic one: understanding.topic),
# three of them about 镍钴 (and no other holds 镍 or 钴).
TOPICS = ["盐湖提锂", "光伏涂层", "马铃薯育种", "风电叶片", "储能电站", "余热利用", "稀土永磁",
          "钢结构防腐", "茶叶加工", "污水处理", "牧草种植", "沙漠治理", "氢能储运", "中药材",
          "智能电网", "玻璃纤维", "农机装备"]
RESEARCH = [doc(i, f"镍钴{kind}报告") for i, kind in enumerate(["回收", "冶炼", "合金"], 1)] + \
    [doc(i, f"{topic}报告") for i, topic in enumerate(TOPICS, 4)]


class BackendContract:
    """Subclasses provide the fixtures ``backend`` (a new, empty backend with default
    params) and ``backend_with`` (a function of params giving a new, empty backend)."""

    @pytest.fixture
    def loaded(self, backend):
        backend.add_bulk(CATALOGUE)
        backend.refresh_indexes()
        return backend

    def test_add_and_count(self, loaded):
        assert loaded.count() == len(CATALOGUE)

    def test_readding_a_document_replaces_it(self, loaded):
        loaded.add(doc(2, "光伏组件自清洁涂层（第二版）", "新的简介"))
        loaded.refresh_indexes()
        assert loaded.count() == len(CATALOGUE)
        assert ids(loaded.run(query("第二版"))) == [2]

    def test_delete_removes_from_results_and_count(self, loaded):
        loaded.delete("achievement", 2)
        loaded.refresh_indexes()
        assert loaded.count() == len(CATALOGUE) - 1
        assert 2 not in ids(loaded.run(query("光伏 涂层")))

    def test_finds_by_words_that_differ(self, loaded):
        # No document says "锂电池"; the synonym list and shared characters still find 1.
        assert ids(loaded.run(query("锂电池 正极")))[0] == 1

    def test_title_match_ranks_above_body_only(self, loaded):
        loaded.add_bulk([doc(7, "钢结构防腐涂装", "稀土永磁同步电机控制"),
                         doc(8, "稀土永磁同步电机控制", "钢结构防腐涂装")])
        loaded.refresh_indexes()
        assert ids(loaded.run(query("永磁同步电机"))) == [8, 7]

    def test_unrelated_documents_do_not_match(self, loaded):
        assert loaded.run(query("马铃薯 脱毒")).total == 1

    def test_item_types_are_separate(self, loaded):
        assert ids(loaded.run(query("电池管理", item_types=("need",)))) == [5]
        assert 5 not in ids(loaded.run(query("电池管理")))

    def test_term_filter(self, loaded):
        page = loaded.run(query("材料", filters=[Term("field", "new_materials")]))
        assert ids(page) == [1]

    def test_multi_valued_filter(self, loaded):
        page = loaded.run(query("", filters=[Term("modes", "license")]))
        assert ids(page) == [1]

    def test_any_of_filter(self, loaded):
        page = loaded.run(query("", filters=[AnyOf("region", ("621100", "620900"))]))
        assert sorted(ids(page)) == [3, 4]

    def test_range_filters(self, loaded):
        trl = loaded.run(query("", filters=[Range("trl", 6, 7)]))
        assert sorted(ids(trl)) == [1, 2]
        price = loaded.run(query("", filters=[Range("price", None, 400_000)]))
        assert sorted(ids(price)) == [2, 6]
        live = loaded.run(query("", filters=[Range("end_date", lower=TODAY.replace(year=2028))]))
        assert live.total == 0

    def test_phrase_must_occur_in_order(self, loaded):
        assert ids(loaded.run(query('"正极材料"'))) in ([1, 6], [6, 1])
        assert loaded.run(query('"材料正极"')).total == 0

    def test_excluded_word(self, loaded):
        found = ids(loaded.run(query("正极材料 -烧结")))
        assert 1 in found and 6 not in found

    def test_empty_text_browses_newest_first(self, loaded):
        assert ids(loaded.run(query(""))) == [6, 4, 3, 2, 1]

    def test_sort_by_price(self, loaded):
        ascending = ids(loaded.run(query("", sort="price_asc",
                                         filters=[Range("price", 0, None)])))
        assert ascending == [6, 2, 1, 4]
        descending = ids(loaded.run(query("", sort="price_desc",
                                          filters=[Range("price", 0, None)])))
        assert descending == [4, 1, 2, 6]

    def test_pagination_and_total(self, loaded):
        first = loaded.run(query("", offset=0, limit=2))
        second = loaded.run(query("", offset=2, limit=2))
        assert first.total == second.total == 5
        assert ids(first) == [6, 4] and ids(second) == [3, 2]

    def test_lazy_results_slice_and_count(self, loaded):
        results = loaded.search(query("", limit=2))
        assert [h.item_id for h in results[0:2]] == [6, 4]
        assert [h.item_id for h in results[2:4]] == [3, 2]
        assert results.count() == 5

    def test_facet_counts(self, loaded):
        page = loaded.run(query("", facets=("field", "modes")))
        assert page.facets["field"] == {"new_materials": 1, "new_energy": 2,
                                        "agriculture": 1, "environment": 1}
        assert page.facets["modes"]["transfer"] == 3

    def test_a_count_without_hits(self, loaded):
        counted = loaded.run(query("正极材料", limit=0, facets=("field",), mode="lexical"))
        full = loaded.run(query("正极材料", facets=("field",), mode="lexical"))
        assert counted.hits == [] and counted.total == full.total == len(full.hits) > 0
        assert counted.facets == full.facets

    def test_suggest_by_prefix(self, loaded):
        assert loaded.suggest("马铃", ["achievement"]) == ["马铃薯脱毒种薯雾培快繁技术"]
        assert loaded.suggest("电池", ["achievement"]) == []
        assert loaded.suggest("电池", ["need"]) == ["电池管理系统"]

    def test_suggest_forgets_deleted_documents(self, loaded):
        loaded.delete("achievement", 3)
        loaded.refresh_indexes()
        assert loaded.suggest("马铃", ["achievement"]) == []

    def test_reset_empties_the_index(self, loaded):
        loaded.reset_indexes()
        loaded.refresh_indexes()
        assert loaded.count() == 0
        assert loaded.run(query("电池")).total == 0

    def test_status_reports_ok(self, loaded):
        assert loaded.status()["ok"] is True

    def test_rebuild_goes_live_on_commit(self, loaded):
        rebuild = loaded.begin_rebuild()
        rebuild.add_bulk([*CATALOGUE[:2], doc(7, "只在新版本里的盐湖提锂工艺")])
        loaded.refresh_indexes()
        assert loaded.count() == len(CATALOGUE)  # searches still use the old version
        assert ids(loaded.run(query("盐湖提锂"))) == []
        rebuild.commit()
        loaded.refresh_indexes()
        assert loaded.count() == 3
        assert ids(loaded.run(query("盐湖提锂"))) == [7]

    def test_aborted_rebuild_keeps_the_old_index(self, loaded):
        rebuild = loaded.begin_rebuild()
        rebuild.add_bulk([doc(7, "只在新版本里的盐湖提锂工艺")])
        rebuild.abort()
        loaded.refresh_indexes()
        assert loaded.count() == len(CATALOGUE)
        assert ids(loaded.run(query("盐湖提锂"))) == []
        loaded.add(doc(8, "重建放弃后照常写入"))  # the old version still takes writes
        loaded.refresh_indexes()
        assert loaded.count() == len(CATALOGUE) + 1

    def test_indexed_checksums_are_the_documents_checksums(self, loaded):
        expected = {(d.item_type, d.item_id): d.checksum for d in CATALOGUE}
        assert loaded.indexed_checksums() == expected
        changed = doc(2, "光伏组件自清洁涂层（第二版）")
        loaded.add(changed)
        loaded.delete("achievement", 3)
        loaded.refresh_indexes()
        now = loaded.indexed_checksums()
        assert now[("achievement", 2)] == changed.checksum != expected[("achievement", 2)]
        assert ("achievement", 3) not in now

    def test_frequent_query_tokens_are_pruned_in_large_indexes(self, backend_with):
        """报告 is in every document: in an index counted as large it neither ranks nor
        counts towards the match, so only the 镍钴 documents match."""
        large = backend_with(PRUNE_FROM_DOCUMENTS=10, MAX_DF_RATIO=0.5)
        large.add_bulk(RESEARCH)
        large.refresh_indexes()
        page = large.run(query("镍钴 报告", mode="lexical"))
        assert sorted(ids(page)) == [1, 2, 3] and page.total == 3

    def test_small_indexes_keep_every_query_token(self, backend_with):
        small = backend_with(PRUNE_FROM_DOCUMENTS=1000, MAX_DF_RATIO=0.5)
        small.add_bulk(RESEARCH)
        small.refresh_indexes()
        page = small.run(query("镍钴 报告", mode="lexical", limit=30))
        assert page.total == len(RESEARCH) and sorted(ids(page))[:3] == [1, 2, 3]

    def test_a_unit_matches_as_symbol_and_as_name(self, backend):
        backend.add_bulk([doc(1, "永磁同步电机", "额定功率5 kW，额定电压380V"),
                          doc(2, "永磁同步电机", "额定功率15千瓦，额定电压10千伏"),
                          doc(3, "永磁同步电机", "额定功率5兆瓦")])
        backend.refresh_indexes()
        assert ids(backend.run(query("5千瓦", mode="lexical")))[:1] == [1]
        assert ids(backend.run(query("10 kV", mode="lexical")))[:1] == [2]
        assert sorted(ids(backend.run(query("电机 kw", mode="lexical")))[:2]) == [1, 2]

    def test_relative_membership_counts_the_documents_near_the_best(self, backend_with):
        """"relative": the documents scoring near the best one match, when some document
        matches closely ("either"); a query nothing matches closely matches nothing."""
        made = {cut: backend_with(MEMBERSHIP="relative", RELATIVE_CUT=cut, MIN_SHOULD_MATCH=0.5,
                                  WORD_MATCH=0.34, WORD_MATCH_MIN=2) for cut in (0.9, 0.2)}
        for backend in made.values():
            backend.add_bulk(RESEARCH)
            backend.refresh_indexes()
        strict = made[0.9].run(query("镍钴回收", mode="lexical", facets=("field",)))
        assert ids(strict) == [1] and strict.total == 1 and strict.facets["field"] == {
            "new_energy": 1}
        loose = made[0.2].run(query("镍钴回收", mode="lexical"))
        assert ids(loose)[0] == 1 and sorted(ids(loose)) == [1, 2, 3] and loose.total == 3
        newest = made[0.2].run(query("镍钴回收", mode="lexical", sort="newest"))
        assert sorted(ids(newest)) == [1, 2, 3] and newest.total == 3
        assert made[0.2].run(query("镍钴烹饪", mode="lexical")).total == 0
