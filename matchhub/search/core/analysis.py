"""Text analysis shared by every search backend (Chinese + Latin technical text).

Pipeline: ``normalise`` (NFKC, lowercase, traditional -> simplified, whitespace) then one
of the tokenisers: ``char_ngrams`` (CJK unigrams + bigrams, Latin/digit runs whole) or
``words`` (jieba with the catalogue user dictionary, stopwords removed). ``sub_phrases``
and ``expand_query`` serve the query side. Every tokeniser accepts raw text and
normalises it first unless told the text is already normalised.

Data files live in ``config/search/`` (``MATCHHUB_CONFIG_DIR`` overrides ``config/``):
``userdict.txt`` (jieba user dictionary, see ``matchhub.search.core.userdict``),
``stopwords.txt`` and ``synonyms.txt`` (formats documented in the files).
jieba and opencc load lazily, once per process, under a lock.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_LOCK = threading.RLock()
_TOKENIZER = None

# A CJK run, or a Latin/digit run ("c++", "c#", "5g", "2.5"); anything else separates.
_RUN_RE = re.compile(
    r"(?P<cjk>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)"
    r"|(?P<latin>[a-z0-9\u00c0-\u024f\u0370-\u03ff]+(?:\.\d+[a-z0-9]*)*[+#]*)"
)
_SPACE_RE = re.compile(r"\s+")
# Frequency given to user-dictionary words added from a list (the file states its own).
USER_WORD_FREQ = 100000


def search_config_dir() -> Path:
    return _search_config_dir(os.environ.get("MATCHHUB_CONFIG_DIR"))


@lru_cache(maxsize=8)
def _search_config_dir(base: str | None) -> Path:
    """Resolved once per setting: the word lists are looked up on every query."""
    root = Path(base) if base else Path(__file__).resolve().parents[3] / "config"
    return root / "search"


# --- normalisation ------------------------------------------------------------------


# Where OpenCC's traditional characters are: the CJK unified ideographs, their
# compatibility block and the supplementary ideographic plane.
CJK_RANGES = ((0x3400, 0xA000), (0xF900, 0xFB00), (0x20000, 0x30000))


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """OpenCC's traditional -> simplified conversion of each single character that it
    changes, for str.translate: a hundred times faster than converting phrase by phrase,
    and index and queries are normalised alike, which is what search needs. Built once
    per process through OpenCC's own conversion, one character a line (no phrase spans
    a line break)."""
    import opencc

    characters = [chr(code) for start, stop in CJK_RANGES for code in range(start, stop)]
    converted = opencc.OpenCC("t2s").convert("\n".join(characters)).split("\n")
    return {ord(c): s for c, s in zip(characters, converted, strict=True) if s != c}


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str]:
    return frozenset(map(chr, _t2s_table()))


def to_simplified(text: str) -> str:
    """Only texts holding a traditional character are translated (most hold none, and
    checking is several times cheaper than str.translate)."""
    if _traditional_chars().isdisjoint(text):
        return text
    return text.translate(_t2s_table())


# Full-width ASCII forms and the ideographic space, mapped as NFKC maps them (their
# compatibility decomposition): done first, NFKC's quick check then passes for most
# Chinese text instead of normalising it character by character.
_WIDE_RE = re.compile("[\u3000\uff01-\uff5e]")
_NARROW = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", _WIDE_RE.sub(lambda m: _NARROW[m.group()], text))


# A number's unit as its lower-case symbol after the number and a space: "5 kW", "5kw"
# and "5千瓦" all become "5 kw" (tokens 5 and kw), so they match each other, and a query
# for kw finds them all. Symbols rather than names: a unit name's bigrams made every
# "20 nm" match a query for 纳米材料, and a symbol glued to its number ("20nm") lost the
# unit shared by a topic's papers (both cost recall: bench/search_settings.txt).
# Only after a number and not inside a longer Latin or digit run; g, w and 瓦 are left
# alone (5g is a network, 10w often 十万); MW and mW were one token before (lower case)
# and stay so. Temperatures become "°c", as NFKC writes ℃.
UNIT_SYMBOLS = {
    "千瓦时": "kwh", "kwh": "kwh", "毫安时": "mah", "mah": "mah",
    "千瓦": "kw", "kw": "kw", "兆瓦": "mw", "mw": "mw", "吉瓦": "gw", "gw": "gw",
    "千伏": "kv", "kv": "kv", "伏特": "v", "伏": "v", "v": "v", "毫安": "ma", "ma": "ma",
    "兆帕": "mpa", "mpa": "mpa", "吉帕": "gpa", "gpa": "gpa", "千帕": "kpa", "kpa": "kpa",
    "千克": "kg", "公斤": "kg", "kg": "kg", "毫克": "mg", "mg": "mg",
    "千米": "km", "公里": "km", "km": "km", "厘米": "cm", "cm": "cm", "毫米": "mm", "mm": "mm",
    "微米": "μm", "μm": "μm", "um": "μm", "纳米": "nm", "nm": "nm", "毫升": "ml", "ml": "ml",
    "吉赫兹": "ghz", "吉赫": "ghz", "ghz": "ghz", "兆赫兹": "mhz", "兆赫": "mhz", "mhz": "mhz",
    "千赫兹": "khz", "千赫": "khz", "khz": "khz", "赫兹": "hz", "hz": "hz",
    "摄氏度": "°c", "°c": "°c",
}
_UNIT_RE = re.compile(
    r"(?=\d)(?<![a-z0-9.])(\d+(?:\.\d+)?) ?("  # a digit first: most places fail fast
    + "|".join(re.escape(u) for u in sorted(UNIT_SYMBOLS, key=len, reverse=True))
    + r")(?![a-z0-9])")


def _unit_symbols(text: str) -> str:
    return _UNIT_RE.sub(lambda m: f"{m.group(1)} {UNIT_SYMBOLS[m.group(2)]}", text)


def normalise(text: str) -> str:
    """NFKC (full-width -> half-width), lowercase, a number's unit as its symbol,
    traditional -> simplified, one space."""
    text = to_simplified(_unit_symbols(_nfkc(text or "").lower()))
    return _SPACE_RE.sub(" ", text).strip()


def _prepare(text: str, normalised: bool) -> str:
    return text if normalised else normalise(text)


# --- character n-grams --------------------------------------------------------------


def runs(text: str, *, normalised: bool = False) -> list[tuple[str, str]]:
    """Split text into ("cjk", run) and ("latin", run) pieces; punctuation separates."""
    text = _prepare(text, normalised)
    return [(m.lastgroup, m.group()) for m in _RUN_RE.finditer(text)]


def char_ngrams(text: str, *, normalised: bool = False, unigrams: bool = True,
                bigrams: bool = True) -> list[str]:
    """CJK character unigrams and bigrams (never across punctuation or Latin);
    Latin/digit runs as whole lowercase tokens. Order: run by run, unigrams then bigrams."""
    tokens: list[str] = []
    for kind, run in runs(text, normalised=normalised):
        if kind == "latin":
            tokens.append(run)
            continue
        if unigrams:
            tokens.extend(run)
        if bigrams:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def cjk_bigrams(text: str, *, normalised: bool = False) -> list[str]:
    """Elasticsearch ``cjk``-style tokens: bigrams, a lone CJK char as itself, Latin runs."""
    tokens: list[str] = []
    for kind, run in runs(text, normalised=normalised):
        if kind == "latin" or len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


# --- words (jieba) ------------------------------------------------------------------


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


@lru_cache(maxsize=4)
def load_stopwords(path: str | None = None) -> frozenset[str]:
    """One stopword a line, '#' comments; normalised like the text."""
    file = Path(path) if path else search_config_dir() / "stopwords.txt"
    return frozenset(normalise(line) for line in _read_lines(file))


def segmenter_module():
    """jieba itself, or its C++ port jieba_fast_dat (same dictionary and API, about ten
    times faster, with the same retrieval figures: bench/search_settings.txt).
    MATCHHUB_SEGMENTER picks one: "jieba_fast_dat" (default) or "jieba"."""
    import importlib

    wanted = os.environ.get("MATCHHUB_SEGMENTER", "jieba_fast_dat")
    try:
        return importlib.import_module(wanted)
    except ImportError:
        logging.getLogger(__name__).warning("segmenter %s not installed; using jieba", wanted)
        return importlib.import_module("jieba")


def make_tokenizer(userdict: Path | str | Iterable[str] | None = None):
    """A private jieba tokenizer with an optional user dictionary (a file path, or
    an iterable of words). Separate instances let tests and benchmarks build several."""
    jieba = segmenter_module()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    if isinstance(userdict, (str, Path)):
        if Path(userdict).is_file():
            tokenizer.load_userdict(str(userdict))
    elif userdict is not None:
        for word in userdict:
            tokenizer.add_word(word, USER_WORD_FREQ)
    return tokenizer


def tokenizer():
    """The process-wide jieba tokenizer, created on first use with config/search/userdict.txt."""
    global _TOKENIZER
    if _TOKENIZER is None:
        with _LOCK:
            if _TOKENIZER is None:
                _TOKENIZER = make_tokenizer(search_config_dir() / "userdict.txt")
    return _TOKENIZER


def set_tokenizer(jieba_tokenizer) -> None:
    """Replace the process-wide tokenizer (benchmarks and tests: e.g. one without the
    user dictionary)."""
    global _TOKENIZER
    with _LOCK:
        _TOKENIZER = jieba_tokenizer
        _expand_with_config.cache_clear()


def reset() -> None:
    """Forget loaded dictionaries and lists (after the config files change; for tests)."""
    global _TOKENIZER
    with _LOCK:
        _TOKENIZER = None
        load_stopwords.cache_clear()
        load_synonyms.cache_clear()
        _kept_words.cache_clear()
        _expand_with_config.cache_clear()


_TOKEN_CHAR = re.compile(r"[^\W_]")  # a letter or digit of any script


def _is_token(word: str) -> bool:
    return _TOKEN_CHAR.search(word) is not None


class _KeptWords(dict):
    """jieba's output word -> the word stripped if it is kept, "" if it is dropped
    (punctuation, whitespace, a stopword); filled as words are met, up to a size."""

    LIMIT = 1_000_000

    def __init__(self, stopwords: frozenset[str]):
        super().__init__()
        self.stopwords = stopwords

    def __missing__(self, word: str) -> str:
        stripped = word.strip()
        kept = stripped if stripped not in self.stopwords and _is_token(stripped) else ""
        if len(self) < self.LIMIT:
            self[word] = kept
        return kept


@lru_cache(maxsize=4)
def _kept_words(stopwords: frozenset[str]) -> _KeptWords:
    return _KeptWords(stopwords)


def words(text: str, *, normalised: bool = False, search_mode: bool = False,
          stopwords: frozenset[str] | None = None, jieba_tokenizer=None) -> list[str]:
    """jieba words without punctuation, whitespace and stopwords. ``search_mode`` adds the
    shorter dictionary words inside long ones (jieba's cut_for_search)."""
    text = _prepare(text, normalised)
    tok = jieba_tokenizer or tokenizer()
    kept = _kept_words(load_stopwords() if stopwords is None else stopwords)
    cut = tok.lcut_for_search(text) if search_mode else tok.lcut(text)
    return list(filter(None, map(kept.__getitem__, cut)))


def mixed_tokens(text: str, *, normalised: bool = False, jieba_tokenizer=None) -> list[str]:
    """The recommended single ranking field: char unigrams + bigrams, then jieba words.
    2-char words coincide with bigrams, so word-aligned bigrams count twice (a BM25F-like
    boost); see bench/retrieval_research.py, variant B3."""
    text = _prepare(text, normalised)
    return char_ngrams(text, normalised=True) + words(
        text, normalised=True, jieba_tokenizer=jieba_tokenizer)


# --- pre-segmented text for whitespace-analysed index fields ---------------------


def _interleaved(run: str) -> str:
    """"abcd" -> "a ab b bc c cd d": each character, then the bigram it starts."""
    if len(run) == 1:
        return run
    return " ".join([f"{c} {c}{d}" for c, d in zip(run, run[1:], strict=False)]) + " " + run[-1]


def positional_chars(text: str, *, normalised: bool = False) -> str:
    """CJK unigrams and bigrams interleaved (c1 c1c2 c2 c2c3 …) so that bigram k of a run
    sits two positions after bigram k-1 and a phrase can be matched with offsets; Latin
    runs whole. Space-separated, as the index takes it."""
    text = _prepare(text, normalised)
    return " ".join([_interleaved(cjk) if cjk else latin
                     for cjk, latin in _RUN_RE.findall(text)])


def positional_char_tokens(text: str, *, normalised: bool = False) -> list[str]:
    return positional_chars(text, normalised=normalised).split()


def mixed_text(text: str) -> str:
    """A field's text as one string of "mixed" tokens for a whitespace-analysed field: the
    positional character n-grams, then the jieba words (what both backends index)."""
    normalised = normalise(text)
    segmented = " ".join(words(normalised, normalised=True))
    return f"{positional_chars(normalised, normalised=True)} {segmented}"


# --- query side: sub-phrases and synonyms -------------------------------------------


def query_keywords(text: str, *, normalised: bool = False) -> list[str]:
    """A query split into its keywords: whitespace, commas and semicolons separate them."""
    text = _prepare(text, normalised)
    return [k for k in re.split(r"[\s,;、，；]+", text) if k]


def sub_phrases(keyword: str, *, normalised: bool = False, min_chars: int = 2) -> list[str]:
    """All contiguous sub-strings of a keyword's CJK runs with at least ``min_chars``
    characters, longest first, plus its Latin runs: the candidates for sub-phrase matching
    ("修正rodrigues参数模型" -> "参数模型", "修正", "参数", "模型", "rodrigues")."""
    found: dict[str, None] = {}
    for kind, run in runs(keyword, normalised=normalised):
        if kind == "latin":
            found[run] = None
            continue
        for size in range(len(run), min_chars - 1, -1):
            for i in range(len(run) - size + 1):
                found[run[i : i + size]] = None
    return sorted(found, key=len, reverse=True)


@dataclass(frozen=True)
class ExpandedTerm:
    text: str
    weight: float
    source: str  # "query" or "synonym"


@lru_cache(maxsize=4)
def load_synonyms(path: str | None = None) -> dict[str, tuple[str, ...]]:
    """Read the synonym file into {normalised term: equivalent terms}.

    Line formats ('#' starts a comment):
      ``a ~ b ~ c``   a group of equivalent terms: each expands to the others.
      ``a => b, c``   one-way: a expands to b and c, not back.
    """
    file = Path(path) if path else search_config_dir() / "synonyms.txt"
    table: dict[str, list[str]] = {}
    for line in _read_lines(file):
        line = line.split(" #", 1)[0]
        if "=>" in line:
            left, right = line.split("=>", 1)
            sources = [normalise(left)]
            targets = [normalise(t) for t in right.split(",") if t.strip()]
            pairs = [(s, t) for s in sources for t in targets if s and t and s != t]
        else:
            group = [normalise(t) for t in line.split("~") if t.strip()]
            pairs = [(s, t) for s in group for t in group if s != t]
        for source, target in pairs:
            table.setdefault(source, [])
            if target not in table[source]:
                table[source].append(target)
    return {k: tuple(v) for k, v in table.items()}


def expand_query(text: str, *, synonym_weight: float = 0.5, normalised: bool = False,
                 synonyms: dict[str, tuple[str, ...]] | None = None) -> list[ExpandedTerm]:
    """The query's keywords (weight 1) plus their synonyms (``synonym_weight``).

    A keyword matches a synonym entry when it equals the entry, or contains it as a
    sub-string (then the synonym replaces that part: "锂电池组" -> "锂离子电池组")."""
    if synonyms is None:  # the configured list: the same query expands the same way
        return list(_expand_with_config(text, synonym_weight, normalised))
    return _expand(text, synonym_weight, normalised, synonyms)


@lru_cache(maxsize=4096)
def _expand_with_config(text: str, synonym_weight: float, normalised: bool
                        ) -> tuple[ExpandedTerm, ...]:
    return tuple(_expand(text, synonym_weight, normalised, load_synonyms()))


def _expand(text: str, synonym_weight: float, normalised: bool,
            table: dict[str, tuple[str, ...]]) -> list[ExpandedTerm]:
    out: dict[str, ExpandedTerm] = {}
    for keyword in query_keywords(text, normalised=normalised):
        out.setdefault(keyword, ExpandedTerm(keyword, 1.0, "query"))
        for variant in _synonym_variants(keyword, table):
            if variant not in out:
                out[variant] = ExpandedTerm(variant, synonym_weight, "synonym")
    return list(out.values())


def _synonym_variants(keyword: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Synonyms of the whole keyword, else of its longest part found in the table: a Latin
    entry must be a whole Latin run of the keyword, a CJK entry any sub-string of it."""
    if keyword in table:
        return list(table[keyword])
    latin = {run for kind, run in runs(keyword, normalised=True) if kind == "latin"}
    for source, cjk in _sources_longest_first(table):
        found = (len(source) >= 2 and source in keyword) if cjk else source in latin
        if found:
            return [keyword.replace(source, target) for target in table[source]]
    return []


_SORTED_SOURCES: dict[int, tuple[dict, list[tuple[str, bool]]]] = {}


def _sources_longest_first(table: dict[str, tuple[str, ...]]) -> list[tuple[str, bool]]:
    """The table's entries, longest first, each with whether it is a CJK term; cached per
    table object."""
    cached = _SORTED_SOURCES.get(id(table))
    if cached is None or cached[0] is not table:
        ordered = sorted(table, key=lambda t: (-len(t), t))
        cached = (table, [(source, _is_cjk_term(source)) for source in ordered])
        if len(_SORTED_SOURCES) > 8:
            _SORTED_SOURCES.clear()
        _SORTED_SOURCES[id(table)] = cached
    return cached[1]


def _is_cjk_term(term: str) -> bool:
    return any(kind == "cjk" for kind, _ in runs(term, normalised=True))


# --- abbreviation mining --------------------------------------------------------------

_ABBR = r"[a-z][a-z0-9\-/&]{1,11}"
_FULL_THEN_ABBR = re.compile(r"([\u4e00-\u9fff]{2,})\s?\(\s?(" + _ABBR + r")\s?\)")
_ABBR_THEN_FULL = re.compile(r"(?<![a-z0-9])(" + _ABBR + r")\s?\(([\u4e00-\u9fff]{3,12})\)")
# Words that start a clause rather than a term: never part of a mined full form.
_LEAD_INS = frozenset([
    "采用", "利用", "使用", "应用", "通过", "基于", "根据", "结合", "运用", "用", "以", "和",
    "与", "及", "或", "在", "对", "的", "了", "由", "经", "即", "如", "为", "将", "把", "被",
    "从", "其", "中", "等", "是", "并", "而", "后", "再", "进行", "建立", "提出", "研究",
    "分析", "测定", "检测", "方法", "法", "一种",
])


def _is_abbreviation(token: str) -> bool:
    letters = sum(ch.isalpha() for ch in token)
    return letters >= 2 and len(token) <= 12 and not token.isdigit()


def _trailing_term(run: str, abbreviation: str, jieba_tokenizer=None) -> str:
    """The words at the end of a CJK run that most likely spell out the abbreviation."""
    tok = jieba_tokenizer or tokenizer()
    parts = list(tok.cut(run))
    want = min(2 * sum(ch.isalpha() for ch in abbreviation), 10)
    term = ""
    for word in reversed(parts):
        if word in _LEAD_INS or len(term) + len(word) > 12:
            break
        term = word + term
        if len(term) >= want:
            break
    return term


def mine_abbreviations(texts: Iterable[str], *, min_full: int = 3,
                       jieba_tokenizer=None) -> dict[str, set[str]]:
    """Abbreviation pairs written out in the texts: "高效液相色谱(hplc)" and
    "hplc(高效液相色谱)" give {"hplc": {"高效液相色谱"}}. Texts should be normalised."""
    pairs: dict[str, set[str]] = {}
    for text in texts:
        for match in _FULL_THEN_ABBR.finditer(text):
            abbr = match.group(2).strip("-/&")
            if _is_abbreviation(abbr):
                full = _trailing_term(match.group(1), abbr, jieba_tokenizer)
                if len(full) >= min_full:
                    pairs.setdefault(abbr, set()).add(full)
        for match in _ABBR_THEN_FULL.finditer(text):
            abbr = match.group(1).strip("-/&")
            if _is_abbreviation(abbr) and len(match.group(2)) >= min_full:
                pairs.setdefault(abbr, set()).add(match.group(2))
    return pairs


def synonym_table(groups: Iterable[Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """A synonym table (as ``load_synonyms`` returns) from groups of equivalent terms."""
    table: dict[str, list[str]] = {}
    for group in groups:
        terms = list(dict.fromkeys(normalise(t) for t in group if t))
        for source in terms:
            for target in terms:
                if source != target and target not in table.setdefault(source, []):
                    table[source].append(target)
    return {k: tuple(v) for k, v in table.items()}


def merge_tables(*tables: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    merged: dict[str, list[str]] = {}
    for table in tables:
        for source, targets in table.items():
            bucket = merged.setdefault(source, [])
            bucket.extend(t for t in targets if t not in bucket)
    return {k: tuple(v) for k, v in merged.items()}
