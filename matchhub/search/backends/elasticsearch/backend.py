"""The Elasticsearch backend: the same interface and contract as the embedded one.

Documents are analysed here (the shared jieba pipeline) and indexed pre-segmented; see
``mapping``. Queries are built from parsed, pre-analysed text (``query``), filters are
``bool.filter`` clauses (``filters``), semantic search is a kNN query on a ``dense_vector``
field whose vectors the shared embedder computes, and hybrid results are fused by
reciprocal rank fusion: by the server's ``rrf`` retriever where it has one, else here
(``matchhub.search.backends.hybrid``) over one msearch. The client is imported lazily.

As in the embedded backend, relevance rankings with text are neighbour-smoothed: the top
hits are fetched with their stored term profiles and re-ordered here
(``results.smoothed_page``, ``matchhub.search.core.neighbours``) before the page is cut; the
lexical candidates of client-side fusion too, not the server's ``rrf`` retriever. And in
large indexes very frequent query tokens are pruned (``frequencies``,
``analysed.ranking_tokens``). Both paths are written against the client's API and
unit-tested over request and response dicts; they have not run against a server here.
"""

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from more_itertools import chunked

from matchhub.core.settings import ConfigError, parse_bool
from matchhub.search.backends import hybrid
from matchhub.search.backends.base import BaseSearchBackend, Page
from matchhub.search.backends.elasticsearch import bodies, frequencies, results
from matchhub.search.backends.elasticsearch import server as srv
from matchhub.search.backends.elasticsearch.filters import filter_clauses
from matchhub.search.backends.elasticsearch.index import (
    ElasticsearchRebuild,
    IndexingError,
    failures,
    new_index_name,
)
from matchhub.search.backends.elasticsearch.mapping import (
    CHECKSUM_FIELD,
    VECTOR_FIELD,
    index_body,
    missing_fields,
)
from matchhub.search.backends.elasticsearch.query import (
    TextSettings,
    highlight_request,
    ranking_query,
    text_query,
)
from matchhub.search.backends.elasticsearch.source import analyser, index_action, with_vector
from matchhub.search.backends.embedder import EmbedderStatus, load_embedder
from matchhub.search.backends.hybrid import FusionSettings
from matchhub.search.core import analysis
from matchhub.search.core.analysed import AnalysedQuery, analyse, membership_groups
from matchhub.search.core.documents import SearchDocument, doc_key, document_text
from matchhub.search.core.membership import MembershipRule
from matchhub.search.core.neighbours import NeighbourSmoothing
from matchhub.search.core.query import ParsedText, SearchQuery
from matchhub.search.core.registry import field_boosts

CHUNK = 500  # documents analysed and embedded per step of a bulk load
BULK_RETRIES = 3  # retries of documents the server rejected with 429 (too busy)


def redact(url: str) -> str:
    """The URL without user name and password, for status pages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))


def _fusion(params: dict[str, Any]) -> FusionSettings:
    return FusionSettings(
        method=str(params.get("FUSION", "rrf")),
        rrf_k=int(params.get("RRF_K", 60)),
        semantic_weight=float(params.get("SEMANTIC_WEIGHT", 0.5)),
        lexical_candidates=int(params.get("LEXICAL_CANDIDATES", 200)),
        semantic_candidates=int(params.get("SEMANTIC_CANDIDATES", 100)),
    )


def _text_settings(params: dict[str, Any]) -> TextSettings:
    ik = parse_bool(params.get("IK_SUBFIELD", False), "IK_SUBFIELD")
    return TextSettings(
        boosts=dict(params.get("FIELD_BOOSTS") or field_boosts()),
        synonym_weight=float(params.get("SYNONYM_WEIGHT", 1.0)),
        ik_boost=float(params.get("IK_BOOST", 1.0)) if ik else 0.0,
        max_df_ratio=float(params.get("MAX_DF_RATIO", 0.2)),
        prune_from=int(params.get("PRUNE_FROM_DOCUMENTS", 10_000)),
        rule=MembershipRule.from_params(params),
    )


class ElasticsearchSearchBackend(BaseSearchBackend):
    name = "elasticsearch"
    # After-commit indexing logs Elasticsearch failures instead of failing the request;
    # the indexer's outbox and verify pass repair the index.
    swallow_errors = True

    def __init__(self, params: dict[str, Any]):
        super().__init__(params)
        self.url = str(params.get("URL") or "")
        if not self.url:
            raise ConfigError("the elasticsearch search backend needs a URL (MATCHHUB_ES_URL)")
        self.alias = str(params.get("INDEX") or "matchhub")
        self.text = _text_settings(params)
        self.fusion = _fusion(params)
        self.server_fusion = str(params.get("SERVER_FUSION", "auto"))
        self.highlight = parse_bool(params.get("HIGHLIGHT", True), "HIGHLIGHT")
        self.num_candidates = int(params.get("NUM_CANDIDATES", 200))
        self.smoothing = NeighbourSmoothing.from_params(params.get("NEIGHBOUR_SMOOTHING"))
        self._frequencies = frequencies.ShareCache()  # token shares, document count
        self._client = None
        self.server: srv.ServerInfo | None = None
        self._lock = threading.Lock()
        self._index_ready = False
        self._vector_dims: int | None = None
        self._embedder: EmbedderStatus | None = None

    @classmethod
    def enabled(cls) -> bool:
        try:
            import elasticsearch  # noqa: F401
        except ImportError:
            return False
        return True

    # --- connection and index --------------------------------------------------------

    @property
    def client(self):
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = self._connect()
        return self._client

    def _connect(self):
        from elasticsearch import Elasticsearch, __versionstr__

        options: dict[str, Any] = {"request_timeout": float(self.params.get("TIMEOUT", 10))}
        if self.params.get("API_KEY"):
            options["api_key"] = str(self.params["API_KEY"])
        if self.params.get("CA_CERTS"):
            options["ca_certs"] = str(self.params["CA_CERTS"])
        client = Elasticsearch(self.url, **options)
        server = srv.read_server(client)
        problem = srv.client_problem(srv.parse_version(__versionstr__), server)
        if problem:
            raise srv.UnsupportedServerError(problem)
        self.server = server
        return client

    def live_indices(self) -> tuple[list[str], bool]:
        """The indices behind the alias, and whether a concrete index holds its name."""
        client = self.client
        if client.indices.exists_alias(name=self.alias):
            return sorted(client.indices.get_alias(name=self.alias).body), False
        return [], bool(client.indices.exists(index=self.alias))

    def create_index(self, name: str) -> bool:
        """Create an index version; True when it has the vector field."""
        dims = self._wanted_vector_dims()
        body = index_body(self.params, dims)
        self.client.indices.create(index=name, settings=body["settings"],
                                   mappings=body["mappings"])
        return dims is not None

    def _ensure_index(self) -> None:
        """Create the first index version and its alias when there is none."""
        if self._index_ready:
            return
        live, alias_is_index = self.live_indices()
        if not live and not alias_is_index:
            name = new_index_name(self.alias)
            self.create_index(name)
            try:
                self.client.indices.update_aliases(actions=[
                    {"add": {"index": name, "alias": self.alias, "is_write_index": True}}])
            except Exception:  # another process made the alias first: keep theirs
                self.client.options(ignore_status=404).indices.delete(index=name)
                if not self.live_indices()[0]:
                    raise
        properties = self._read_properties()
        missing = missing_fields(properties)
        if missing:  # an index made before a field was declared (the profile, say)
            self.client.indices.put_mapping(index=self.alias, properties=missing)
        vector = properties.get(VECTOR_FIELD)
        self._vector_dims = int(vector["dims"]) if vector else None
        self._index_ready = True

    def forget_index(self) -> None:
        """Re-read the live index (after a rebuild moved the alias)."""
        self._index_ready = False
        self._frequencies.clear()

    def _read_properties(self) -> dict[str, Any]:
        """The live index's top-level mapped fields."""
        mappings = self.client.indices.get_mapping(index=self.alias).body
        for index in mappings.values():
            return dict(index["mappings"].get("properties", {}))
        return {}

    # --- semantic --------------------------------------------------------------------

    @property
    def embedder_status(self) -> EmbedderStatus:
        if self._embedder is None:
            self._embedder = load_embedder(str(self.params.get("EMBEDDING_MODEL") or ""),
                                           self.params.get("EMBEDDING_CACHE_DIR") or None,
                                           self.params.get("EMBEDDING_QUERY_PREFIX"))
        return self._embedder

    def _wanted_vector_dims(self) -> int | None:
        status = self.embedder_status
        return status.embedder.dim if status.ok else None

    def _semantic_problem(self) -> str | None:
        """None when kNN can run; "" when no model is configured (stay quiet); else why."""
        status = self.embedder_status
        if not status.ok:
            return status.reason if status.state == "error" else ""
        if self._vector_dims != status.embedder.dim:
            return ("索引中没有该模型的向量，请重建索引 / the index holds no vectors for this "
                    "model: rebuild it")
        return None

    def _vectors(self, documents: list[SearchDocument]):
        return self.embedder_status.embedder.encode_documents(
            [document_text(d) for d in documents])

    # --- writing ---------------------------------------------------------------------

    def write(self, documents: Iterable[SearchDocument], index: str, workers: int = 1,
              vectors: bool = False) -> None:
        """Bulk-index into ``index``; failed documents are collected and raised at the end
        (IndexingError), after every other document was sent."""
        from elasticsearch import helpers

        actions = self._actions(documents, index, workers, vectors)
        outcome = helpers.streaming_bulk(self.client, actions, chunk_size=CHUNK,
                                         raise_on_error=False, raise_on_exception=False,
                                         max_retries=BULK_RETRIES)
        errors = failures(outcome)
        if errors:
            raise IndexingError(errors)

    def _actions(self, documents, index: str, workers: int, vectors: bool) -> Iterator[dict]:
        with analyser(workers) as analyse:
            for chunk in chunked(documents, CHUNK):
                sources = analyse(chunk)
                if vectors:
                    sources = [with_vector(s, v) for s, v in
                               zip(sources, self._vectors(chunk), strict=True)]
                yield from (index_action(index, source) for source in sources)

    def add_bulk(self, documents: Iterable[SearchDocument], workers: int = 1) -> None:
        self._ensure_index()
        self.write(documents, self.alias, workers, vectors=self._semantic_problem() is None)

    def delete(self, item_type: str, item_id: int) -> None:
        self._ensure_index()
        self.client.options(ignore_status=404).delete(index=self.alias,
                                                      id=doc_key(item_type, item_id))

    def count(self) -> int:
        self._ensure_index()
        return int(self.client.count(index=self.alias)["count"])

    def refresh_indexes(self) -> None:
        self._ensure_index()
        self.client.indices.refresh(index=self.alias)

    def reset_indexes(self) -> None:
        self._ensure_index()
        self.client.delete_by_query(index=self.alias, query={"match_all": {}}, refresh=True,
                                    conflicts="proceed")

    def begin_rebuild(self) -> ElasticsearchRebuild:
        return ElasticsearchRebuild(self)

    def indexed_checksums(self) -> dict[tuple[str, int], str]:
        from elasticsearch import helpers

        self._ensure_index()
        body = {"query": {"match_all": {}}, "_source": [CHECKSUM_FIELD]}
        return {results.split_key(raw["_id"]): str(raw["_source"].get(CHECKSUM_FIELD, ""))
                for raw in helpers.scan(self.client, index=self.alias, query=body)}

    # --- searching -------------------------------------------------------------------

    def _search(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.client.search(index=self.alias, body=body).body

    def run(self, query: SearchQuery) -> Page:
        self._ensure_index()
        if query.text.empty or query.sort != "relevance" or query.mode == "lexical":
            return self._run_lexical(query)
        problem = self._semantic_problem()
        if problem is not None:
            page = self._run_lexical(query)
            if problem:  # configured but unusable: say so; not configured: quiet
                page.notes.append(f"语义检索暂不可用，仅按关键词检索：{problem}")
            return page
        vector = self.embedder_status.embedder.encode_queries([query.text.positive_text])[0]
        if query.mode == "semantic":
            return self._run_semantic(query, vector)
        return self._run_hybrid(query, vector)

    def _run_lexical(self, query: SearchQuery) -> Page:
        text, min_score = self._text_and_cut(query)
        body, window = self._lexical_request(query, text)
        if min_score is not None:  # scored even when sorted by a field
            body.update(min_score=min_score, track_scores=True)
        response = self._search(body)
        if window is not None:  # the smoothed ranking's page, with its own highlights
            response = results.smoothed_page(response, query.offset, query.limit,
                                             self.smoothing)
        return Page(results.hits(response, query.offset), results.total(response),
                    results.facets(response, query.facets),
                    highlights=results.highlights(response))

    def _lexical_request(self, query: SearchQuery,
                         text: dict[str, Any]) -> tuple[dict[str, Any], int | None]:
        """The lexical search body and its smoothing window (None: the plain page, the
        request as it was before smoothing). Builds, sends nothing."""
        highlight = None
        if self.highlight:
            highlight = highlight_request(query.text, tuple(self.text.boosts))
        window = bodies.smoothing_window(query, self.smoothing)
        body = bodies.lexical_body(query, text, filter_clauses(query), highlight, window)
        return body, window

    def _text_query(self, parsed: ParsedText) -> dict[str, Any]:
        """The text query, without the very frequent tokens in a large index."""
        analysed = analyse(parsed, self.text.synonym_weight)
        return text_query(parsed, self.text, analysed, self._shares_of(analysed))

    def _shares_of(self, analysed: AnalysedQuery) -> Callable[[str], float] | None:
        shares = self._token_shares([t.token for t in analysed.tokens])
        return None if shares is None else shares.__getitem__

    def _text_and_cut(self, query: SearchQuery) -> tuple[dict[str, Any], float | None]:
        """(text query, min_score): under "relative" membership, as in the embedded
        backend, the ranking form and the share of the best score among the query's item
        types (``MembershipRule.cut``; generic words by the list only) that members must
        reach, when one of those matches by the "either" rule; else (and without text)
        the text query, with no cut (then matching nothing among them under "relative")."""
        if self.text.rule.kind != "relative" or query.text.empty:
            return self._text_query(query.text), None
        analysed = analyse(query.text, self.text.synonym_weight)
        shares = self._shares_of(analysed)
        members = text_query(query.text, self.text, analysed, shares)
        ranking = ranking_query(query.text, self.text, analysed, shares)
        types = filter_clauses(replace(query, filters=[]))
        gate = {"query": bodies.filtered(members, types), "size": 0, "track_total_hits": 1}
        best = {"query": bodies.filtered(ranking, types), "size": 1, "_source": False,
                "track_total_hits": False}
        answer = self.client.msearch(index=self.alias, body=bodies.msearch_lines([gate, best]))
        gated, top = results.msearch_responses(answer.body)[:2]
        if not results.total(gated) or not top["hits"]["hits"]:
            return members, None
        share = self.text.rule.cut(len(membership_groups(analysed, None, 1.0)))
        return ranking, share * float(top["hits"]["hits"][0]["_score"])

    def _token_shares(self, tokens: list[str]) -> dict[str, float] | None:
        """Each token's share of documents (``frequencies``), or None where no pruning
        applies: pruning off, no tokens, or fewer than PRUNE_FROM_DOCUMENTS documents.
        Cached: a query whose tokens were all seen lately sends no extra request."""
        if self.text.max_df_ratio >= 1.0 or not tokens:
            return None
        documents = self._frequencies.cached((self.alias, "count"), self.count)
        if documents < self.text.prune_from:
            return None
        return frequencies.token_shares(tokens, self._frequencies, self.alias,
                                        self._fetch_shares)

    def _fetch_shares(self, tokens: list[str]) -> dict[str, float]:
        request = frequencies.termvectors_request(tokens, tuple(self.text.boosts))
        return frequencies.shares(self.client.termvectors(index=self.alias, **request).body,
                                  tokens)

    def _knn(self, query: SearchQuery, vector, k: int) -> dict[str, Any]:
        """The k nearest documents that pass the filters (as many as the embedded backend
        considers: SEMANTIC_CANDIDATES)."""
        return bodies.knn_clause(vector, k, filter_clauses(query), self.num_candidates)

    def _run_semantic(self, query: SearchQuery, vector) -> Page:
        knn = self._knn(query, vector, self.fusion.semantic_candidates)
        response = self._search(bodies.semantic_body(query, knn))
        return Page(results.hits(response, query.offset, rank="semantic"),
                    results.total(response), results.facets(response, query.facets))

    def _run_hybrid(self, query: SearchQuery, vector) -> Page:
        text, min_score = self._text_and_cut(query)
        knn = self._knn(query, vector, self.fusion.semantic_candidates)
        # The server's rrf retriever has no place for the relative cut: fused here then.
        server_fusion = min_score is None and srv.use_server_fusion(
            self.server_fusion, self.server, self.fusion.method, self.fusion.semantic_weight)
        if server_fusion:
            body = bodies.rrf_body(query, text, filter_clauses(query), knn,
                                   self.fusion.lexical_candidates, self.fusion.rrf_k)
            response = self._search(body)
            return Page(results.hits(response, query.offset, rank=None),
                        results.total(response), results.facets(response, query.facets))
        searches = bodies.hybrid_searches(query, text, filter_clauses(query), knn,
                                          self.fusion.lexical_candidates, self.smoothing,
                                          min_score)
        answer = self.client.msearch(index=self.alias, body=bodies.msearch_lines(searches))
        lexical, semantic, union = results.msearch_responses(answer.body)
        # the lexical candidates as the embedded backend ranks them: smoothed at the top
        size = bodies.lexical_candidates_size(query, self.fusion.lexical_candidates)
        lexical = results.smoothed_page(lexical, 0, size, self.smoothing)
        fused = hybrid.fuse(results.ranked_keys(lexical), results.ranked_keys(semantic),
                            self.fusion)
        return Page(fused[query.offset : query.offset + query.limit], results.total(union),
                    results.facets(union, query.facets))

    def generation(self) -> None:
        """None: other processes and the server's refresh change results at any time,
        and asking the server what changed would cost a request; nothing is cached."""
        return None

    def suggest(self, prefix: str, item_types: Sequence[str], limit: int = 8) -> list[str]:
        prefix = analysis.normalise(prefix)
        if not prefix:
            return []
        self._ensure_index()
        return results.suggestions(self._search(bodies.suggest_body(prefix, list(item_types),
                                                                     limit)))

    # --- status ----------------------------------------------------------------------

    def status(self) -> dict[str, Any]:
        """Server, index and model state; never raises (a down server is ok: False)."""
        report: dict[str, Any] = {"backend": self.name, "url": redact(self.url),
                                  "index": self.alias}
        try:
            self._ensure_index()
            report.update(self._live_status())
        except Exception as exc:  # the status page must show why, not fail
            report.update(ok=False, error=f"{type(exc).__name__}: {exc}"[:400])
        return report

    def _live_status(self) -> dict[str, Any]:
        from elasticsearch import __versionstr__

        server = self.server
        return {
            "ok": True, "documents": self.count(),
            "version": ", ".join(self.live_indices()[0]),  # the index behind the alias
            "server_version": server.version_text, "licence": server.licence,
            "client_version": __versionstr__,
            "server_fusion": srv.use_server_fusion(self.server_fusion, server,
                                                   self.fusion.method,
                                                   self.fusion.semantic_weight),
            "semantic": self._semantic_status(),
        }

    def _semantic_status(self) -> dict[str, Any]:
        """The model as far as known; loading it is left to the first query."""
        if self._embedder is None:
            model = str(self.params.get("EMBEDDING_MODEL") or "")
            return {"ok": not model, "state": "not loaded" if model else "disabled",
                    "model": model, "vector_dims": self._vector_dims}
        report = self._embedder.as_dict()
        report["vector_dims"] = self._vector_dims
        return report


SearchBackend = ElasticsearchSearchBackend
