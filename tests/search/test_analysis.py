"""matchhub.search.core.analysis: normalisation, tokenisers, stopwords, synonyms, mining."""

import json
import threading

import pytest

pytest.importorskip("jieba")
pytest.importorskip("opencc")

from matchhub.search.core import analysis as an  # noqa: E402
from matchhub.search.core import userdict  # noqa: E402


@pytest.fixture
def config(tmp_path, monkeypatch):
    """An empty config/search/ of our own; the analysis caches are reset around the test."""
    search = tmp_path / "search"
    search.mkdir()
    monkeypatch.setenv("MATCHHUB_CONFIG_DIR", str(tmp_path))
    an.reset()
    yield search
    an.reset()


# --- normalise ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ＡＢＣ１２３", "abc123"),  # full-width letters and digits
        ("ＰＬＣ　控制器", "plc 控制器"),  # ideographic space
        ("計算機軟體", "计算机软体"),  # traditional -> simplified
        ("鋰離子電池的研究", "锂离子电池的研究"),
        ("  Lyapunov函數 \t\n 穩定性 ", "lyapunov函数 稳定性"),
        ("（ＨＰＬＣ）", "(hplc)"),
        ("", ""),
        # a number's unit as its symbol, after a space: names, symbols, cases, widths alike
        ("额定功率5 kW，电压220V", "额定功率5 kw,电压220 v"),
        ("5千瓦 5kw ５ｋＷ 30公斤 1.5兆帕 4℃ 25摄氏度", "5 kw 5 kw 5 kw 30 kg 1.5 mpa 4 °c 25 °c"),
        ("20纳米 20nm 20 nm 3微米 3um", "20 nm 20 nm 20 nm 3 μm 3 μm"),
        # not a unit: no number before it, inside a longer run, or left alone on purpose
        ("kw级 x5mm 5mm2 5g网络 10w 100瓦 h2o", "kw级 x5mm 5mm2 5g网络 10w 100瓦 h2o"),
    ],
)
def test_normalise(raw, expected):
    assert an.normalise(raw) == expected


def test_the_character_table_is_opencc_s_own_character_file():
    """The t2s table built through OpenCC's conversion equals what its TSCharacters.txt
    says (first candidate of each single character), less the characters it leaves as
    they are."""
    import opencc

    path = an.Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    from_file = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        traditional, _, simplified = line.partition("\t")
        if len(traditional) == 1 and simplified.split():
            from_file[ord(traditional)] = simplified.split()[0]
    changed = {code: s for code, s in from_file.items() if chr(code) != s}
    assert an._t2s_table() == changed
    assert len(changed) == 4105


def test_normalise_is_idempotent():
    text = "采用高效液相色譜（ＨＰＬＣ）法，測定含量"
    once = an.normalise(text)
    assert an.normalise(once) == once


# --- char n-grams -----------------------------------------------------------------------


def test_char_ngrams_unigrams_then_bigrams():
    assert an.char_ngrams("锂电池") == ["锂", "电", "池", "锂电", "电池"]


def test_char_ngrams_do_not_cross_punctuation_or_latin():
    tokens = an.char_ngrams("电池,材料")
    assert "池材" not in tokens
    assert {"电池", "材料"} <= set(tokens)
    tokens = an.char_ngrams("修正Rodrigues参数")
    assert "rodrigues" in tokens
    assert "正参" not in tokens and "参数" in tokens


def test_char_ngrams_keep_latin_and_digit_runs_whole():
    tokens = an.char_ngrams("ＰＬＣ与C++、2.5G和TiO2纳米管")
    for token in ("plc", "c++", "2.5g", "tio2"):
        assert token in tokens
    assert "p" not in tokens


def test_cjk_bigrams_like_elasticsearch():
    assert an.cjk_bigrams("锂电池 PLC 铁") == ["锂电", "电池", "plc", "铁"]


# --- words ------------------------------------------------------------------------------


def test_words_drop_punctuation_and_stopwords(config):
    (config / "stopwords.txt").write_text("# comment\n的\n和\n", encoding="utf-8")
    result = an.words("锂电池的安全性和寿命，研究！")
    assert "的" not in result and "和" not in result
    assert "，" not in result and "！" not in result
    assert "寿命" in result


def test_words_load_the_user_dictionary(config):
    text = "平方和优化的控制器"
    assert "平方和优化" not in an.words(text)
    an.reset()
    (config / "userdict.txt").write_text("平方和优化 100000\n", encoding="utf-8")
    assert "平方和优化" in an.words(text)


def test_words_search_mode_adds_inner_words(config):
    assert "计算" in an.words("计算机", search_mode=True)


def test_tokenizer_is_created_once_across_threads(config):
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(an.tokenizer())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(tok) for tok in seen}) == 1


# --- query side ---------------------------------------------------------------------------


def test_query_keywords_split_on_spaces_and_list_punctuation():
    assert an.query_keywords("铝酸锶 长余辉，发光、材料") == ["铝酸锶", "长余辉", "发光", "材料"]


def test_sub_phrases_longest_first():
    phrases = an.sub_phrases("修正Rodrigues参数模型")
    assert phrases[0] in ("rodrigues", "参数模型")
    assert {"参数模型", "参数", "模型", "修正", "rodrigues"} <= set(phrases)
    assert all(len(p) >= 2 for p in phrases)
    assert "正r" not in phrases


SYNONYMS = """# test synonyms
锂电池 ~ 锂离子电池
PLC ~ 可编程逻辑控制器  # trailing comment
GPS => 全球定位系统, 卫星定位
"""


def test_expand_query_with_synonym_groups(config):
    (config / "synonyms.txt").write_text(SYNONYMS, encoding="utf-8")
    terms = {t.text: (t.weight, t.source) for t in an.expand_query("锂电池 ＰＬＣ")}
    assert terms["锂电池"] == (1.0, "query")
    assert terms["锂离子电池"] == (0.5, "synonym")
    assert terms["可编程逻辑控制器"] == (0.5, "synonym")
    back = {t.text for t in an.expand_query("可编程逻辑控制器", synonym_weight=0.3)}
    assert back == {"可编程逻辑控制器", "plc"}


def test_expand_query_one_way_rules(config):
    (config / "synonyms.txt").write_text(SYNONYMS, encoding="utf-8")
    assert {t.text for t in an.expand_query("gps")} == {"gps", "全球定位系统", "卫星定位"}
    assert {t.text for t in an.expand_query("卫星定位")} == {"卫星定位"}


def test_expand_query_replaces_a_synonym_inside_a_keyword(config):
    (config / "synonyms.txt").write_text(SYNONYMS, encoding="utf-8")
    assert "锂离子电池组" in {t.text for t in an.expand_query("锂电池组")}
    # Latin entries match whole Latin runs only
    assert [t.text for t in an.expand_query("plcs")] == ["plcs"]
    assert "可编程逻辑控制器系统" in {t.text for t in an.expand_query("PLC系统")}


def test_expand_query_without_a_synonym_file(config):
    assert [(t.text, t.weight) for t in an.expand_query("锂电池")] == [("锂电池", 1.0)]


def test_shipped_synonym_file_parses():
    an.reset()
    table = an.load_synonyms(str(an.Path(__file__).resolve().parents[2]
                                 / "config" / "search" / "synonyms.txt"))
    assert "锂离子电池" in table["锂电池"]
    assert "可编程逻辑控制器" in table["plc"]


# --- abbreviation mining and the user dictionary ----------------------------------------


def test_mine_abbreviations_both_directions():
    texts = [an.normalise("采用高效液相色谱（HPLC）法测定含量"),
             an.normalise("溶剂为DMSO(二甲基亚砜)和水")]
    pairs = an.mine_abbreviations(texts, jieba_tokenizer=an.make_tokenizer())
    assert pairs["hplc"] == {"高效液相色谱"}
    assert pairs["dmso"] == {"二甲基亚砜"}


def test_userdict_words_from_catalogue_keywords(tmp_path):
    records = [
        {"keywords": ["平方和优化", "Lyapunov函數", "x", "平方和优化"]},
        {"keywords": ["PLC", "大角度 机动"]},
        {"keywords": []},
    ]
    words = userdict.dictionary_words(records)
    assert words[0] == "平方和优化"  # most frequent first
    assert "lyapunov函数" in words and "大角度机动" in words
    assert "plc" not in words and "x" not in words  # no CJK / too short

    src = tmp_path / "records.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records),
                   encoding="utf-8")
    out = tmp_path / "userdict.txt"
    assert userdict.main([str(src), "--out", str(out)]) == 0
    lines = [x for x in out.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    assert lines[0] == f"平方和优化 {an.USER_WORD_FREQ}"
    tok = an.make_tokenizer(out)
    assert "平方和优化" in an.words("平方和优化方法", jieba_tokenizer=tok, stopwords=frozenset())


def test_mixed_tokens_are_char_ngrams_then_words(config):
    tokens = an.mixed_tokens("锂电池，寿命")
    assert tokens[:5] == ["锂", "电", "池", "锂电", "电池"]
    assert tokens.count("寿命") == 2  # once as a bigram, once as a word
