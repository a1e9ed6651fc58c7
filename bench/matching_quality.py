"""Matching quality on CSL: does the structured score improve nDCG@10 over text alone?

    .venv/bin/python bench/matching_quality.py [--data /work/shared/data/csl]
        [--every 3] [--mode lexical|hybrid] [--model DIR] [--json]

How the benchmark is built (deterministic; every random draw is seeded by a record id):

Achievements. Each of the 1,000 records of records_dev.jsonl becomes an achievement:
title, author keywords and abstract are indexed as title, keywords and body (the embedded
backend with the app's default settings); its 技术领域 is its discipline mapped through
config/discipline_fields.json; its TRL is drawn uniformly from 1..9; its asking price is
面议 with probability 0.2, else log-normal around 50 万元 (median). Region, transfer mode
and publication date are the same for every record: CSL says nothing about them, so the
benchmark does not score those factors.

Needs (queries). Every ``--every``-th record with at least two keywords (333 needs at
``--every 3``) gives one need, written as a problem statement from two keywords sampled
from its author keywords and its discipline: title "寻求<discipline>领域<kw1>、<kw2>相关技术",
keywords [kw1, kw2]. Its field is the source record's field, its required TRL is drawn
from 3..8, its budget ceiling is log-normal around 50 万元. The matching query is built from
the need's title and keywords exactly as the app builds it (matching.candidates.query_for).

Relevance. Topical grade 2 for the source record itself, 1 for another record of the same
discipline (the convention of the qrels of the search benchmark), 0 otherwise; an
achievement whose TRL is below the need's requirement, or whose asking price exceeds the
budget ceiling (面议 counts as within), is not a usable match and gets grade 0. nDCG@10
uses gain 2^g - 1 against the ideal ordering of all graded records.

A second column ignores the maturity and price conditions (topical grades only): it shows
whether the structured score costs topical relevance. Needs without any graded record
are skipped ("judged" counts the rest).

Rankings. Both rankings rerank the same 100 search candidates (the app's candidate
count): "text only" keeps the search order, "combined" orders by the match score with
the weights of config/matching.json; the ablation lines add one factor at a time to text.
"""

import argparse
import json
import random
import statistics
import sys
import tempfile
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from search_specs import register_specs  # noqa: E402

from matchhub.core.config_files import load_json
from matchhub.core.settings import load_settings
from matchhub.matching.candidates import query_for  # noqa: E402
from matchhub.matching.pairs import TextMatch, score_pair  # noqa: E402
from matchhub.matching.profiles import Profile  # noqa: E402
from matchhub.matching.weights import candidate_count, default_weights  # noqa: E402
from matchhub.search.backends.embedded import EmbeddedSearchBackend  # noqa: E402
from matchhub.search.core import analysis, understanding  # noqa: E402
from matchhub.search.core.documents import SearchDocument  # noqa: E402
from matchhub.search.core.query import SearchQuery  # noqa: E402
from matchhub.search.web.benchmark import ndcg, read_jsonl  # noqa: E402

DATA = Path("/work/shared/data/csl")
TOPIC = understanding.topic  # the judge of overlap, whatever the run's query understanding
REGION = "620100"
MODES = frozenset({"transfer"})
# Factors CSL can judge; each ablation keeps text plus the named weights.
ABLATIONS = {"text + field": ("field_same", "field_different"),
             "text + maturity": ("maturity_met", "maturity_short_per_level",
                                 "maturity_short_max"),
             "text + price": ("price_within", "price_over_max")}
STRUCTURED = ("field_same", "field_different", "maturity_met", "maturity_short_per_level",
              "maturity_short_max", "price_within", "price_over_max", "modes_overlap",
              "modes_disjoint", "region_prefecture", "region_province", "fresh", "expiring")


@dataclass(frozen=True)
class Need:
    source: str
    title: str
    keywords: list[str]
    discipline: str
    profile: Profile


def _price(rng: random.Random) -> Decimal:
    return Decimal(int(rng.lognormvariate(13.1, 1.0))).quantize(Decimal("0.01"))


def achievement_profile(record: dict, field: str) -> Profile:
    rng = random.Random(f"achievement:{record['id']}")
    trl = rng.randint(1, 9)
    negotiable = rng.random() < 0.2
    price = None if negotiable else _price(rng)
    return Profile("achievement", field, trl, MODES, price, price, negotiable, REGION)


def need_for(record: dict, field: str) -> Need:
    rng = random.Random(f"need:{record['id']}")
    words = rng.sample(record["keywords"], 2)
    title = f"寻求{record['discipline']}领域{words[0]}、{words[1]}相关技术"
    profile = Profile("need", field, rng.randint(3, 8), MODES, None, _price(rng), False,
                      REGION)
    return Need(record["id"], title, words, record["discipline"], profile)


def usable(need: Profile, achievement: Profile) -> bool:
    affordable = achievement.negotiable or achievement.price_high <= need.price_high
    return achievement.trl >= need.trl and affordable


def grades_for(need: Need, records: list[dict], profiles: dict[str, Profile],
               topical_only: bool = False) -> dict:
    grades = {}
    for record in records:
        topical = 2 if record["id"] == need.source else int(
            record["discipline"] == need.discipline)
        if topical and (topical_only or usable(need.profile, profiles[record["id"]])):
            grades[record["id"]] = topical
    return grades


def build_index(directory: str, records: list[dict], mode_settings: dict) -> tuple:
    backend = EmbeddedSearchBackend({**mode_settings, "PATH": directory})
    documents = [SearchDocument("achievement", i, {"title": r["title"],
                                                   "keywords": " ".join(r["keywords"]),
                                                   "body": r["abstract"]}, {}, [])
                 for i, r in enumerate(records, start=1)]
    backend.add_bulk(documents)
    return backend, [r["id"] for r in records]


def texts_of(record: dict) -> dict[str, str]:
    return {"title": record["title"], "keywords": " ".join(record["keywords"]),
            "body": record["abstract"]}


def generic_only(need: Need, record: dict) -> bool:
    """The candidate shares no specific topic word of the need (its overlap with the need
    is generic words or characters only)."""
    words = understanding.specific_words(TOPIC(query_for(need).plain).words)
    text = analysis.normalise(" ".join(texts_of(record).values()))
    return not any(word in text for word in words)


def rankings(backend, ids: list[str], need: Need, profiles: dict, mode: str,
             weights_by_name: dict, by_id: dict | None = None) -> dict[str, list[str]]:
    """``by_id`` (records by id): leave out candidates whose overlap is generic only, as
    the app does (matching.services.shares_topic)."""
    query = SearchQuery(query_for(need), ("achievement",), limit=candidate_count(), mode=mode,
                        with_total=False)
    hits = backend.run(query).hits
    if by_id is not None:
        hits = [h for h in hits if not generic_only(need, by_id[ids[h.item_id - 1]])]
    best = max((h.score for h in hits), default=0.0) or 1.0
    found = {"text only": [ids[h.item_id - 1] for h in hits]}
    for name, weights in weights_by_name.items():
        scored = []
        for h in hits:
            achievement = profiles[ids[h.item_id - 1]]
            result = score_pair(need.profile, achievement, TextMatch(h.score / best),
                                achievement, None, weights)
            scored.append((-result.score, h.lexical_rank or 0, ids[h.item_id - 1]))
        found[name] = [doc for _, _, doc in sorted(scored)]
    return found


def weight_sets() -> dict:
    full = default_weights()
    nothing = dict.fromkeys(STRUCTURED, 0.0)
    sets = {"combined (all factors)": full}
    for name, kept in ABLATIONS.items():
        sets[name] = replace(full, **{k: v for k, v in nothing.items() if k not in kept})
    return sets


def main() -> None:
    register_specs()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--every", type=int, default=3)
    parser.add_argument("--mode", choices=("lexical", "hybrid"), default="lexical")
    parser.add_argument("--model", default="", help="sentence-transformers model for hybrid")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--before", action="store_true",
                        help="as before issue 18: query as typed, no topic filter")
    args = parser.parse_args()
    records = read_jsonl(args.data / "records_dev.jsonl")
    fields = load_json("discipline_fields.json")["disciplines"]
    profiles = {r["id"]: achievement_profile(r, fields[r["discipline"]]) for r in records}
    needs = [need_for(r, fields[r["discipline"]]) for i, r in enumerate(records)
             if i % args.every == 0 and len(r["keywords"]) >= 2]
    report = evaluate(args, records, profiles, needs)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return
    print(f"needs: {report['needs']}  judged: {report['queries']}  mode: {report['mode']}  "
          f"candidates: {report['candidates']}")
    print(f"  {'ranking':<24} {'nDCG@10':>8} {'topical nDCG@10':>16} {'generic-only top5':>18}")
    for name, value in report["ndcg@10"].items():
        print(f"  {name:<24} {value:>8.4f} {report['topical_ndcg@10'][name]:>16.4f} "
              f"{report['generic_only_top5'][name]:>18.4f}")


def evaluate(args, records, profiles, needs) -> dict:
    from flask import Flask

    app = Flask("bench")
    load_settings(app, {"SECRET_KEY": "bench", "DATA_DIR": tempfile.gettempdir()})
    settings = {k: v for k, v in app.config["SEARCH_BACKENDS"]["default"].items()
                if k not in {"BACKEND", "PATH"}}
    settings["EMBEDDING_MODEL"] = args.model
    totals: dict[str, list[float]] = {}
    topical_totals: dict[str, list[float]] = {}
    generic: dict[str, list[float]] = {}
    by_id = None if args.before else {r["id"]: r for r in records}
    if args.before:  # today's query: the keywords as typed
        understanding.topic = lambda text: understanding.Topic(
            tuple(analysis.query_keywords(text)), tuple(analysis.words(text)))
    with tempfile.TemporaryDirectory(prefix="matchhub-matching-bench-") as directory:
        backend, ids = build_index(directory, records, settings)
        if args.mode == "hybrid" and not backend.semantic.available:
            raise SystemExit(f"semantic search unavailable: "
                             f"{backend.semantic.embedder_status.reason}")
        sets = weight_sets()
        for need in needs:
            grades = grades_for(need, records, profiles)
            if not grades:
                continue
            topical = grades_for(need, records, profiles, topical_only=True)
            records_by_id = {r["id"]: r for r in records}
            for name, ranked in rankings(backend, ids, need, profiles, args.mode, sets,
                                         by_id).items():
                totals.setdefault(name, []).append(ndcg(ranked, grades))
                topical_totals.setdefault(name, []).append(ndcg(ranked, topical))
                generic.setdefault(name, []).extend(
                    float(generic_only(need, records_by_id[d])) for d in ranked[:5])
    return {"needs": len(needs), "queries": len(next(iter(totals.values()))),
            "mode": args.mode, "candidates": candidate_count(),
            "ndcg@10": {name: round(statistics.fmean(v), 4) for name, v in totals.items()},
            "topical_ndcg@10": {name: round(statistics.fmean(v), 4)
                                for name, v in topical_totals.items()},
            "generic_only_top5": {name: round(statistics.fmean(v or [0.0]), 4)
                                  for name, v in generic.items()}}


if __name__ == "__main__":
    main()
