"""The embedded search backend: a tantivy index on disk (plus vectors), no server."""

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import tantivy

from matchhub.search.backends import hybrid
from matchhub.search.backends.base import BaseRebuild, BaseSearchBackend, Hit, Page
from matchhub.search.backends.embedded import filters as flt
from matchhub.search.backends.embedded import lexical
from matchhub.search.backends.embedded.lexical import NOTHING, LexicalWeights
from matchhub.search.backends.embedded.rebuild import EmbeddedRebuild, indexed_checksums
from matchhub.search.backends.embedded.schema import SUGGEST_FIELD, TEXT_FIELD
from matchhub.search.backends.embedded.semantic import SemanticIndex
from matchhub.search.backends.embedded.store import (
    BULK_WRITER_HEAP,
    WRITER_HEAP,
    LexicalStore,
    VersionRetired,
    current_version,
    pointer_mark,
)
from matchhub.search.backends.embedded.tokens import analysed_stream, to_tantivy
from matchhub.search.backends.hybrid import FusionSettings
from matchhub.search.core import analysis
from matchhub.search.core.analysed import analyse
from matchhub.search.core.documents import SearchDocument, doc_key, int_key, split_int_key
from matchhub.search.core.membership import MembershipRule
from matchhub.search.core.neighbours import NeighbourSmoothing
from matchhub.search.core.query import AnyOf, SearchQuery
from matchhub.search.core.registry import field_repeats

Occur = tantivy.Occur
MIN_CANDIDATES = 30  # ranked candidates checked for membership per page
# Top hits of a query filtered by item type alone run unfiltered (see _top) when the
# types hold at least this share of the index, fetching that many more hits plus a few.
UNFILTERED_TYPE_SHARE = 0.6
UNFILTERED_EXTRA = 10
KEY_DISJUNCTION_MAX = 256  # keys looked up as single term queries (see _key_set)
ABOVE_FIRST_FETCH = 512  # hits first fetched for a relative cut (see _above)
GATE_CANDIDATES = 30  # best hits checked for a close match (see _matched)


class EmbeddedSearchBackend(BaseSearchBackend):
    name = "embedded"

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        self.root = Path(params["PATH"])
        self.weights = LexicalWeights(
            field_repeats=dict(params.get("FIELD_REPEATS") or field_repeats()),
            max_df_ratio=float(params.get("MAX_DF_RATIO", 0.2)),
            prune_from=int(params.get("PRUNE_FROM_DOCUMENTS", 10_000)),
            candidate_df_ratio=float(params.get("CANDIDATE_DF_RATIO", 0.05)),
            rule=MembershipRule.from_params(params),
            generic_df_share=float(params.get("GENERIC_DF_SHARE", 1.0)),
        )
        self.synonym_weight = float(params.get("SYNONYM_WEIGHT", 1.0))
        self.smoothing = NeighbourSmoothing.from_params(params.get("NEIGHBOUR_SMOOTHING"))
        self.fusion = FusionSettings(
            method=str(params.get("FUSION", "rrf")),
            rrf_k=int(params.get("RRF_K", 60)),
            semantic_weight=float(params.get("SEMANTIC_WEIGHT", 0.5)),
            lexical_candidates=int(params.get("LEXICAL_CANDIDATES", 200)),
            semantic_candidates=int(params.get("SEMANTIC_CANDIDATES", 100)),
        )
        self._store: LexicalStore | None = None
        self._semantic: SemanticIndex | None = None
        self._version: str | None = None
        self._pointer: tuple[tuple[int, int] | None, str] | None = None

    # --- storage ---------------------------------------------------------------------

    def _open_version(self) -> tuple[LexicalStore, SemanticIndex]:
        """The live version, reopened when a rebuild has published a new one (in every
        process: web workers pick up a rebuild without a restart)."""
        version = self._live_version()
        if self._store is None or version != self._version:
            self._store = LexicalStore(self.root / version)
            self._semantic = SemanticIndex(self.root / version / "vectors", self.params)
            self._version = version
        return self._store, self._semantic

    def _live_version(self) -> str:
        """The pointer's version, read again only when the pointer was rewritten (a search
        asks for the store several times)."""
        mark = pointer_mark(self.root)
        if mark is None or self._pointer is None or self._pointer[0] != mark:
            self._pointer = (mark, current_version(self.root))
        return self._pointer[1]

    @property
    def store(self) -> LexicalStore:
        return self._open_version()[0]

    @property
    def semantic(self) -> SemanticIndex:
        return self._open_version()[1]

    def _write(self, change: Callable[[LexicalStore, SemanticIndex], None]) -> None:
        """Apply ``change`` to the live version; again to the new one if a rebuild swapped
        versions while this process waited for the write lock."""
        try:
            change(*self._open_version())
        except VersionRetired:
            change(*self._open_version())

    def status(self) -> dict[str, Any]:
        """Cheap: the embedding model (if any) loads in the background, not here."""
        return {"backend": self.name, "ok": True, "documents": self.count(),
                "path": str(self.root), "version": self._version,
                "semantic": self.semantic.status()}

    def generation(self) -> tuple:
        """The live version, its last commit (from any process) and the state of the
        embedding model."""
        store, semantic = self._open_version()
        return self._version, store.opstamp(), semantic.embedder_status.state

    def add_bulk(self, documents: Iterable[SearchDocument], workers: int = 1) -> None:
        """Add or replace documents in one commit; ``workers`` > 1 analyses them in that
        many processes (bulk loads and rebuilds)."""
        documents = list(documents)
        bulk = len(documents) >= 1000  # smaller batches are analysed in this process
        heap, threads = (BULK_WRITER_HEAP, max(1, workers)) if bulk else (WRITER_HEAP, 1)

        def change(store: LexicalStore, semantic: SemanticIndex) -> None:
            # The analysis workers fork before the writer starts its threads (a fork
            # copies no threads, but does copy whatever locks they hold).
            with analysed_stream(documents, self.weights.field_repeats, workers) as analysed, \
                    store.writer(threads=threads, heap=heap) as writer:
                # Deleting by key first is needless on an empty index (a first load),
                # unless the batch itself holds a key twice (the last one wins).
                replace = store.searcher().num_docs > 0 or len(
                    {d.key for d in documents}) < len(documents)
                for item in analysed:
                    if replace:
                        writer.delete_documents_by_term("key", item["key"])
                    writer.add_document(to_tantivy(item))
                semantic.add(documents)

        self._write(change)

    def delete(self, item_type: str, item_id: int) -> None:
        def change(store: LexicalStore, semantic: SemanticIndex) -> None:
            with store.writer() as writer:
                writer.delete_documents_by_term("key", doc_key(item_type, item_id))
                semantic.remove([int_key(item_type, item_id)])

        self._write(change)

    def count(self) -> int:
        return self.store.searcher().num_docs

    def reset_indexes(self) -> None:
        def change(store: LexicalStore, semantic: SemanticIndex) -> None:
            with store.writer() as writer:
                writer.delete_all_documents()
                semantic.clear()

        self._write(change)

    def begin_rebuild(self) -> BaseRebuild:
        return EmbeddedRebuild(self.root, self.params, self.weights.field_repeats)

    def indexed_checksums(self) -> dict[tuple[str, int], str]:
        return indexed_checksums(self.store.searcher())

    # --- querying --------------------------------------------------------------------

    def _plan(self, query: SearchQuery) -> lexical.LexicalPlan:
        """The lexical part without filters, analysed once per query."""
        analysed = analyse(query.text, self.synonym_weight)
        return lexical.plan(self.store.schema, analysed, self.weights, self._doc_share(),
                            self._word_share())

    def _filtered(self, query: SearchQuery, match: tantivy.Query) -> tantivy.Query:
        wanted = [AnyOf("item_type", tuple(query.item_types)), *query.filters]
        clauses = [(Occur.Must, match), *flt.filters_clauses(self.store.schema, wanted)]
        return tantivy.Query.boolean_query(clauses)

    def _doc_share(self):
        """Share of documents holding a token, for pruning; None in small indexes."""
        searcher = self.store.searcher()
        total = searcher.num_docs
        if total < self.weights.prune_from:
            return None
        return lambda token: searcher.doc_freq(TEXT_FIELD, token) / total

    def _word_share(self):
        """Share of documents holding a (jieba) word, at any index size."""
        searcher = self.store.searcher()
        total = max(1, searcher.num_docs)
        return lambda word: searcher.doc_freq(TEXT_FIELD, word) / total

    def build_query(self, query: SearchQuery, membership: bool = True) -> tantivy.Query:
        plan = self._plan(query)
        if not membership:
            return self._filtered(query, plan.ranking)
        return self._matched(self.store.searcher(), query, plan)[0]

    def _matched(self, searcher, query: SearchQuery,
                 plan: lexical.LexicalPlan) -> tuple[tantivy.Query, list | None]:
        """The matched set under the query's filters, as a query; under "relative"
        membership also its hits, best first (else None).

        "relative": the documents scoring at least a share of the best score
        (``MembershipRule.cut``) among the query's item types (filters aside, so that
        a facet's count is what choosing it shows), when one of the best GATE_CANDIDATES
        of those that reach the cut matches by the "either" rule; none when none does
        (nothing matches closely).
        """
        members = self._filtered(query, plan.members)
        if self.weights.rule.kind != "relative" or query.text.empty:
            return members, None
        best = self._top(searcher, replace(query, filters=[]), plan.ranking, GATE_CANDIDATES)
        if not best:
            return NOTHING, []
        threshold = self.weights.rule.cut(plan.topic_words) * best[0][0]
        near = self._keys(searcher, [address for score, address in best if score >= threshold])
        if not self._keys_matching(searcher, plan.members, near):
            return NOTHING, []
        hits = self._above(searcher, query, plan.ranking, threshold)
        return self._key_set(self._keys(searcher, [address for _, address in hits])), hits

    def _above(self, searcher, query: SearchQuery, ranking: tantivy.Query,
               threshold: float) -> list:
        """The hits of ``ranking`` under the query's filters scoring at least
        ``threshold``, best first: the top hits, fetched eight times as many until the
        last falls below it."""
        limit = ABOVE_FIRST_FETCH
        while True:
            hits = self._top(searcher, query, ranking, limit)
            if len(hits) < limit or hits[-1][0] < threshold:
                return [hit for hit in hits if hit[0] >= threshold]
            limit *= 8

    def run(self, query: SearchQuery) -> Page:
        if query.text.empty or query.sort != "relevance" or query.mode == "lexical":
            return self._run_lexical(query)
        if not self.semantic.available:
            page = self._run_lexical(query)
            status = self.semantic.embedder_status
            if status.state == "error":  # configured but broken: say so; unconfigured: quiet
                page.notes.append(f"语义检索暂不可用，仅按关键词检索：{status.reason}")
            return page
        return self._run_with_semantic(query)

    def _run_lexical(self, query: SearchQuery) -> Page:
        searcher = self.store.searcher()
        plan = self._plan(query)
        if self._sort_for(query) is None and not query.with_total and not query.facets:
            members, above = None, None  # the set is not wanted
        else:
            members, above = self._matched(searcher, query, plan)
        if not query.limit:  # counts and facets only
            found = []
        elif above is not None and self._sort_for(query) is None:
            found = lexical.smoothed(searcher, above, query.limit, query.offset,
                                     self.smoothing)
        elif self._sort_for(query) is None and not query.with_total:
            # Top hits only (matching, benchmarks): the ranking query alone.
            found = self._ranked(searcher, query, plan, query.limit, query.offset)
        elif self._sort_for(query) is None:
            found = self._ranked_members(searcher, query, plan, members)
        else:
            found = self._sorted(searcher, members, query)
        keys = self._int_keys(searcher, [address for _, address in found])
        hits = [self._hit(key, score, query.offset + rank)
                for rank, ((score, _), key) in enumerate(zip(found, keys, strict=True), start=1)]
        if members is None:
            return Page(hits, None)
        return Page(hits, *self._total_and_facets(searcher, members, query))

    def _ranked_members(self, searcher, query: SearchQuery, plan: lexical.LexicalPlan,
                        members) -> list:
        """Rank with the fast plain-OR query, keep the candidates that are members; fall back
        to ranking the members directly when too few of the candidates are."""
        wanted = query.offset + query.limit
        fetch = max(3 * wanted, MIN_CANDIDATES)
        ranked = self._ranked(searcher, query, plan, fetch)
        keys = self._keys(searcher, [address for _, address in ranked])
        member_keys = self._members_among(searcher, plan, keys)
        kept = [hit for hit, key in zip(ranked, keys, strict=True) if key in member_keys]
        if len(kept) < wanted and len(ranked) == fetch:
            among = lexical.rescoring_query(plan.ranking, members)
            return searcher.search(among, limit=query.limit, offset=query.offset,
                                   count=False).hits
        return kept[query.offset : wanted]

    def _members_among(self, searcher, plan: lexical.LexicalPlan, keys: list[str]) -> set[str]:
        """Those of ``keys`` (documents that already pass the filters and the phrase
        constraints) that hold enough of the counted tokens."""
        if plan.by_words:
            return self._keys_matching(searcher, plan.members, keys)
        if not plan.needed:
            return set(keys)
        counted = lexical.matched_count_query(self.store.schema, plan, self._key_set(keys))
        hits = searcher.search(counted, limit=max(1, len(keys)), count=False).hits
        enough = [address for score, address in hits if score >= plan.needed - 0.5]
        return set(self._keys(searcher, enough))

    def _total_and_facets(self, searcher, tq, query: SearchQuery) -> tuple:
        """(total or None, facet counts) of ``tq``, in one pass over its matches when both
        are wanted."""
        total = None
        if not query.facets:
            if query.with_total:
                total = searcher.search(tq, limit=1, count=True).count
            return total, {}
        request = flt.facet_request(query.facets)
        if query.with_total:
            request[flt.TOTAL_AGGREGATION] = flt.total_request()
        result = searcher.aggregate(tq, request)
        if query.with_total:
            total = flt.total_of(result.pop(flt.TOTAL_AGGREGATION))
        return total, flt.facet_counts(result)

    def _run_with_semantic(self, query: SearchQuery) -> Page:
        searcher = self.store.searcher()
        near = self.semantic.nearest(query.text.positive_text, self.fusion.semantic_candidates)
        keys = [doc_key(*split_int_key(k)) for k, _ in near]
        in_set = self._key_set(keys)
        allowed = self._keys_matching(searcher, self._filtered(query, tantivy.Query.all_query()),
                                      keys)
        semantic = [(k, s) for (k, s), key in zip(near, keys, strict=True) if key in allowed]
        if query.mode == "semantic":
            hits = hybrid.semantic_only(semantic)
            union = self._filtered(query, in_set)
        else:
            plan = self._plan(query)
            union, above = self._matched(searcher, query, plan)  # semantic-only: not counted
            candidates = self._lexical_candidates(searcher, query, plan, above)
            hits = hybrid.fuse(candidates, semantic, self.fusion)
        window = hits[query.offset : query.offset + query.limit]
        return Page(window, *self._total_and_facets(searcher, union, query))

    def _lexical_candidates(self, searcher, query: SearchQuery, plan: lexical.LexicalPlan,
                            above: list | None) -> list[tuple[int, float]]:
        """The lexical side of the fusion: the matched set's best hits where membership
        is "relative" (``above``), else the best of the ranking."""
        limit = max(self.fusion.lexical_candidates, query.offset + query.limit)
        if above is not None:
            hits = lexical.smoothed(searcher, above, limit, 0, self.smoothing)
        else:
            hits = self._ranked(searcher, query, plan, limit)
        keys = self._int_keys(searcher, [address for _, address in hits])
        return [(key, float(score)) for (score, _), key in zip(hits, keys, strict=True)]

    def _ranked(self, searcher, query: SearchQuery, plan: lexical.LexicalPlan, limit: int,
                offset: int = 0) -> list:
        """Hits of the ranking form (not membership), neighbour-smoothed at the top; with a
        first stage, its candidates re-scored exactly by the whole ranking form."""
        wanted = offset + limit
        if self.smoothing.enabled:
            wanted = max(self.smoothing.pool, wanted)
        if plan.candidates is None:
            hits = self._top(searcher, query, plan.ranking, wanted)
        else:
            first = self._top(searcher, query, plan.candidates, wanted)
            among = self._key_set(self._keys(searcher, [address for _, address in first]))
            hits = searcher.search(lexical.rescoring_query(plan.ranking, among),
                                   limit=max(1, len(first)), count=False).hits
        return lexical.smoothed(searcher, hits, limit, offset, self.smoothing)

    def _top(self, searcher, query: SearchQuery, text: tantivy.Query, limit: int) -> list:
        """The best ``limit`` hits of ``text`` under the query's filters. When the filter
        is only the item types and they hold most of the index, ``text`` runs unfiltered
        and the hits of other types are dropped: a filter clause costs tantivy its block-max
        WAND pruning (it then scores every match), and dropping them gives the same hits
        as long as enough remain (else the filtered query runs)."""
        share = self._type_share(searcher, query)
        if share >= UNFILTERED_TYPE_SHARE:
            fetch = math.ceil(limit / share) + UNFILTERED_EXTRA
            hits = searcher.search(text, limit=fetch, count=False).hits
            keys = self._int_keys(searcher, [address for _, address in hits])
            kept = [hit for hit, key in zip(hits, keys, strict=True)
                    if split_int_key(key)[0] in query.item_types]
            if len(kept) >= limit or len(hits) < fetch:  # enough, or every match seen
                return kept[:limit]
        return searcher.search(self._filtered(query, text), limit=limit, count=False).hits

    @staticmethod
    def _type_share(searcher, query: SearchQuery) -> float:
        """The share of the index the query's item types hold; 0 when it filters more."""
        if query.filters or not searcher.num_docs:
            return 0.0
        held = sum(searcher.doc_freq("item_type", t) for t in set(query.item_types))
        return min(1.0, held / searcher.num_docs)

    def _key_set(self, keys: list[str]) -> tantivy.Query:
        """The documents of ``keys``: up to a few hundred, a disjunction of term queries
        (cheaper than a term set, which builds a bitset per segment), beyond that a term
        set (figures: bench/search_settings.txt)."""
        if not keys:
            return tantivy.Query.empty_query()
        schema = self.store.schema
        if len(keys) > KEY_DISJUNCTION_MAX:
            return tantivy.Query.term_set_query(schema, "key", keys)
        return tantivy.Query.boolean_query(
            [(Occur.Should, tantivy.Query.term_query(schema, "key", key)) for key in keys])

    def _keys_matching(self, searcher, tq, keys: list[str]) -> set[str]:
        """Those of ``keys`` whose documents also match ``tq``."""
        if not keys:
            return set()
        both = tantivy.Query.boolean_query([(Occur.Must, tq), (Occur.Must, self._key_set(keys))])
        hits = searcher.search(both, limit=len(keys), count=False).hits
        return set(self._keys(searcher, [address for _, address in hits]))

    @staticmethod
    def _int_keys(searcher, addresses: list) -> list[int]:
        """The documents' packed (type, id) keys, read from the fast-field column."""
        return searcher.fast_field_values("int_key", addresses) if addresses else []

    @classmethod
    def _keys(cls, searcher, addresses: list) -> list[str]:
        return [doc_key(*split_int_key(k)) for k in cls._int_keys(searcher, addresses)]

    @staticmethod
    def _sort_for(query: SearchQuery):
        """(fast field, order), or None to rank by score; browsing without text is newest first."""
        if query.sort == "relevance":
            return flt.SORT_FIELDS["newest"] if query.text.empty else None
        return flt.SORT_FIELDS[query.sort]

    def _sorted(self, searcher, tq, query: SearchQuery) -> list:
        """A page of ``tq`` in a field's order (the total is counted with the facets)."""
        field, order = self._sort_for(query)
        return searcher.search(tq, limit=query.limit, offset=query.offset, count=False,
                               order_by_field=field, order=order).hits

    @staticmethod
    def _hit(key: int, score, rank: int) -> Hit:
        item_type, item_id = split_int_key(key)
        value = float(score) if isinstance(score, float) else 0.0
        return Hit(item_type, item_id, value, lexical_rank=rank)

    def suggest(self, prefix: str, item_types: Sequence[str], limit: int = 8) -> list[str]:
        prefix = analysis.normalise(prefix)
        if not prefix:
            return []
        searcher = self.store.searcher()
        only = flt.filter_query(self.store.schema, AnyOf("item_type", tuple(item_types)))
        terms = searcher.terms_with_prefix(SUGGEST_FIELD, prefix, filter_query=only,
                                           limit=limit)
        return [term for term, count in terms if count > 0]


SearchBackend = EmbeddedSearchBackend
