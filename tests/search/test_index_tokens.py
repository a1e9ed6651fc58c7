"""The tokens the index holds are pinned: ranking depends on them, so a faster analysis
must produce exactly the same text (analysis.mixed_text and tokens.analyse_document)."""

import hashlib
import json
from pathlib import Path

import pytest

pytest.importorskip("jieba_fast_dat")
pytest.importorskip("opencc")

from matchhub.search.backends.embedded.tokens import analyse_document  # noqa: E402
from matchhub.search.core import analysis as an  # noqa: E402
from matchhub.search.core.documents import SearchDocument  # noqa: E402

RECORDS = Path(__file__).resolve().parents[2] / "matchhub/demo_data/csl/records_dev.jsonl"
# sha256 of mixed_text(title), (keywords), (abstract) of every dev record, one per line.
# Changed once on purpose, when units after numbers became symbols ("2076.2kg" -> "2076.2
# kg"): the 30 texts that differ from the earlier pin (ad6ce65f…) all hold such a unit.
DEV_RECORDS_DIGEST = "7bf5c7174f823bf191a7e0702de561efc38dc9141bf2c0bfa7bef49af1a2930a"


@pytest.fixture(autouse=True)
def configured_analysis(monkeypatch):
    """The shipped config/search and the default segmenter, whatever the environment says."""
    monkeypatch.delenv("MATCHHUB_CONFIG_DIR", raising=False)
    monkeypatch.delenv("MATCHHUB_SEGMENTER", raising=False)
    an.reset()
    yield
    an.reset()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("鋰離子電池的ＰＬＣ控制器（HPLC）研究，C++與5G/2.5代",
         "锂 锂离 离 离子 子 子电 电 电池 池 池的 的 plc 控 控制 制 制器 器 hplc 研 研究 究 "
         "c++ 与 5g 2.5 代 锂离子 电池 plc 控制器 hplc 研究 c++ 5g 2 5 代"),
        ("  the Lyapunov函數 \t 穩定性; 和 的 ",
         "the lyapunov 函 函数 数 稳 稳定 定 定性 性 和 的 the lyapunov 函数 稳定性"),
        ("a", "a a"),
        ("", " "),
        # units after numbers: symbol and Chinese name give the same tokens
        ("额定功率5千瓦", "额 额定 定 定功 功 功率 率 5 kw 额定功率 5 kw"),
        ("额定功率5 KW", "额 额定 定 定功 功 功率 率 5 kw 额定功率 5 kw"),
    ],
)
def test_mixed_text_is_pinned(raw, expected):
    assert an.mixed_text(raw) == expected


def test_mixed_text_of_the_dev_records_is_pinned():
    digest = hashlib.sha256()
    with open(RECORDS, encoding="utf-8") as handle:
        for record in map(json.loads, handle):
            for text in (record["title"], " ".join(record["keywords"]), record["abstract"]):
                digest.update(an.mixed_text(text).encode() + b"\n")
    assert digest.hexdigest() == DEV_RECORDS_DIGEST


def test_analysed_document_is_pinned():
    texts = {"title": "鋰電池", "keywords": "储能 PLC", "body": "", "org": "演示大学"}
    document = SearchDocument("achievement", 7, texts, {"field": "x", "trl": 3, "price": None},
                              ["鋰電池"])
    analysed = analyse_document(document, {"title": 3, "keywords": 2, "body": 1, "org": 1})
    title, keywords = "锂 锂电 电 电池 池 锂电池", "储 储能 能 plc 储能 plc"
    assert analysed["text"] == " ‖ ".join(
        [title] * 3 + [keywords] * 2 + ["演 演示 示 示大 大 大学 学 演示 大学"])
    assert analysed["filters"] == {"field": "x", "trl": 3}
    assert analysed["suggest"] == ["锂电池"]
    assert (analysed["key"], analysed["item_id"]) == ("achievement:7", 7)
