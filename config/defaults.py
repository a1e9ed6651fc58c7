"""Default settings for MatchHub.

Every key may be overridden by an environment variable with the ``MATCHHUB_``
prefix (``MATCHHUB_DATABASE_URL``, ``MATCHHUB_DATA_DIR``, ...). The defaults
alone run the embedded setup: SQLite in the data dir and the embedded search
backend, with no server.
"""

# "development" generates and keeps a secret key in the data dir;
# "production" refuses to start without MATCHHUB_SECRET_KEY.
ENV = "development"

# Where the SQLite database, the search index and the secret key live.
# Empty means ./var under the working directory.
DATA_DIR = ""

# Empty means sqlite:///<DATA_DIR>/matchhub.db
DATABASE_URL = ""

SECRET_KEY = ""

# Items per page in lists (web and API); the API caps per_page at MAX_PAGE_SIZE.
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Bytes of rendered public API list pages each server process keeps until the list
# changes (matchhub/catalog/api/page_cache.py); 0 turns the cache off. A page of 20
# achievements is about 60 KB: 64 MiB hold about a thousand pages.
LIST_CACHE_BYTES = 64 * 1024 * 1024
# Bytes of search API responses each server process keeps while the search index and the
# day stay the same (matchhub/search/web/api.py; backends that cannot tell when their
# results change keep none); 0 turns the cache off. A page of 20 hits is about 20 KB.
SEARCH_CACHE_BYTES = 32 * 1024 * 1024

# Largest request body accepted (bytes); import files are read whole. 32 MiB fits a
# 50,000-row x 25-column contract file as UTF-8 CSV (19 MiB; 7 MiB as XLSX) with room for
# longer texts (bench/import_limits.txt). Evidence and zone documents keep 8 MB each.
MAX_CONTENT_LENGTH = 32 * 1024 * 1024

# Limits on reading an import file (matchhub.imports.limits; README "Importing files").
# A file past any of them is refused at once under the "file" field. Measured on a
# 50,000-row x 25-column contract XLSX (bench/import_limits.txt): 7 MiB, 94 MiB
# uncompressed as openpyxl/pandas write it (inline strings), 9 parts, sheet ratio 13.5,
# read in 72-89 s on this busy 2-core machine (limit: twice that).
# Total uncompressed size of the XLSX parts, read from the zip directory before parsing.
# The contract import's own cap, 100,000 rows in the template's 16 columns, is 132 MiB
# uncompressed (bench/import_memory.py); rows are streamed, so this bounds time, not memory.
IMPORT_MAX_UNCOMPRESSED_BYTES = 160 * 1024 * 1024
# Uncompressed / compressed size of any part above 1 MiB (zip bombs reach ~1000).
IMPORT_MAX_COMPRESSION_RATIO = 100
# Parts (files) in the archive; a workbook has about 10 per sheet and few sheets.
IMPORT_MAX_PARTS = 100
# Sheet rows read, blank rows included (reading stops once this is passed); each kind of
# import also caps its data rows (achievements and needs 5,000, contracts 100,000).
IMPORT_MAX_ROWS = 100_000
# Columns read per row; cells further right are ignored.
IMPORT_MAX_COLUMNS = 200
# Seconds reading one file may take (checked on every read of the compressed bytes and
# every row); gunicorn's timeout does not stop a gthread request.
IMPORT_MAX_SECONDS = 180
# Contract imports run as background jobs (matchhub.imports.worker): "thread" runs each
# job in a thread of the process that took the upload, "inline" in the request itself,
# "queue" leaves it for `matchhub imports work`.
IMPORT_JOB_RUNNER = "thread"
# A running job whose heartbeat (written every 1,000 rows checked) is older than this is
# taken for dead: the next poll or upload marks it failed and removes its staged rows.
# It must exceed the final transaction that writes all staged rows at once.
IMPORT_JOB_STALE_SECONDS = 300

# The time zone of "today" and of times shown to people (IANA name).
TIME_ZONE = "Asia/Shanghai"

# Default listing validity in days when a form leaves it empty.
LISTING_VALIDITY_DAYS = 365
# Furthest end date a listing (valid_until, deadline, a renewal) may have, in days from
# today: five years. A listing must be re-confirmed by renewal at least that often, so the
# catalogue does not fill with offers nobody stands behind; a typo such as 9999-12-31 or
# 2205 is refused rather than kept for ever.
LISTING_MAX_VALIDITY_DAYS = 1826

# What a match is (totals, tabs, facets; bench/search_precision.md), the same in both search
# backends (matchhub/search/core/membership.py): "relative", the documents scoring at least
# RELATIVE_CUT times the best score for each of the query's specific topic words (to the
# power RELATIVE_CUT_POWER, at most RELATIVE_CUT_MAX of it), provided one of the best
# matches by "either": it holds WORD_MATCH of the query's specific topic words (at least
# WORD_MATCH_MIN of them; a word in config/search/generic_words.txt, or in more than
# GENERIC_DF_SHARE of the documents, is not specific), or MIN_SHOULD_MATCH of its
# character tokens. "either", "words" or "tokens" use those rules alone. A query naming no
# specific topic word matches nothing (the page offers the nearest results).
_match_rule = {
    "MEMBERSHIP": "relative",
    "RELATIVE_CUT": 0.125,
    "RELATIVE_CUT_POWER": 1.0,
    "RELATIVE_CUT_MAX": 0.6,
    "WORD_MATCH": 0.34,
    "WORD_MATCH_MIN": 2,
    "MIN_SHOULD_MATCH": 0.5,
}

SEARCH_BACKENDS = {
    "default": {
        "BACKEND": "matchhub.search.backends.embedded",
        # Index directory; empty means <DATA_DIR>/search.
        # "PATH": "",
        # Field weights of the lexical ranking come from the index specs' boosts
        # (SearchField(boost=...) in each feature's search.py): a field's tokens are indexed
        # that many times in the one text field (BM25F-style; README "Search"). A
        # FIELD_REPEATS setting here must equal them: startup refuses one that does not.
        **_match_rule,
        # A topic word in more than this share of the documents is not specific (the
        # Elasticsearch backend knows generic words by the list only).
        "GENERIC_DF_SHARE": 0.1,
        # Ranking and matching ignore query tokens found in more than this share of
        # documents (as Elasticsearch's common-terms query did): it costs no relevance, at
        # 10^6 documents it cuts the longest posting lists, and a frequent character no
        # longer makes most of the catalogue count as a match in totals and facets.
        # Figures for this and the settings below: bench/search_settings.txt.
        "MAX_DF_RATIO": 0.2,
        # ... in indexes of at least this many documents.
        "PRUNE_FROM_DOCUMENTS": 10000,
        # There, too, ranking takes two stages: candidates ranked by the tokens in at most
        # this share of documents, then re-scored exactly by all ranking tokens (1.0: one
        # stage); it halves the slowest queries in large indexes.
        "CANDIDATE_DF_RATIO": 0.05,
        # Weight of query expansions from config/search/synonyms.txt.
        "SYNONYM_WEIGHT": 1.0,
        # Neighbour smoothing of the lexical ranking (matchhub.search.core.neighbours): the top
        # POOL hits also score by the similarity-weighted mean score of their NEIGHBOURS
        # most similar hits among the top SOURCES, times WEIGHT (0: off). Off: tuned on one
        # half of dev and read on the other, it won beyond noise on neither MRR@10 nor on
        # most Recall@10 figures, and it costs several milliseconds a query
        # (bench/search_precision.md).
        "NEIGHBOUR_SMOOTHING": {"WEIGHT": 0, "POOL": 100, "SOURCES": 20, "NEIGHBOURS": 5},
        # Semantic search: a sentence-transformers model (hub name such as
        # "BAAI/bge-small-zh-v1.5", already in the local cache, or a local directory).
        # Empty: lexical only. Overridden by MATCHHUB_EMBEDDING_MODEL.
        "EMBEDDING_MODEL": "",
        # Query instruction for bge-zh models; None uses the model's own prompt, if any.
        "EMBEDDING_QUERY_PREFIX": None,
        "EMBEDDING_CACHE_DIR": "",
        # Exact vector search up to this many vectors, HNSW (usearch) above.
        "VECTOR_EXACT_THRESHOLD": 20000,
        # Fusion of lexical and semantic rankings: "rrf" (reciprocal rank fusion) or
        # "weighted" (min-max normalised scores, SEMANTIC_WEIGHT on the semantic side).
        "FUSION": "rrf",
        "RRF_K": 60,
        "SEMANTIC_WEIGHT": 0.5,
        "LEXICAL_CANDIDATES": 200,
        "SEMANTIC_CANDIDATES": 100,
    },
    # Elasticsearch 8.x or 9.x (README "Elasticsearch"). MATCHHUB_ES_URL makes it the
    # default backend; these are its settings either way.
    "elasticsearch": {
        "BACKEND": "matchhub.search.backends.elasticsearch",
        # Server URL (credentials may go in it); empty here, set by MATCHHUB_ES_URL.
        "URL": "",
        # Alias that searches and writes use; index versions are <INDEX>_<random>.
        "INDEX": "matchhub",
        "API_KEY": "",
        "CA_CERTS": "",
        "TIMEOUT": 10,
        # Override config/search/elasticsearch/settings.json at index creation; None keeps it.
        "SHARDS": None,
        "REPLICAS": None,
        # Field boosts; None uses the boosts declared in the index specs.
        "FIELD_BOOSTS": None,
        **_match_rule,
        "SYNONYM_WEIGHT": 1.0,
        # As in the embedded backend: in indexes of at least PRUNE_FROM_DOCUMENTS documents,
        # query tokens in more than MAX_DF_RATIO of them neither rank nor count towards the
        # match (document frequencies from the term vectors API, cached for a minute).
        "MAX_DF_RATIO": 0.2,
        "PRUNE_FROM_DOCUMENTS": 10000,
        # Neighbour smoothing as in the embedded backend: relevance pages fetch the top
        # POOL hits with their stored profiles and re-order them here (0: off, and the
        # request is the plain page). Off, as in the embedded backend.
        "NEIGHBOUR_SMOOTHING": {"WEIGHT": 0, "POOL": 100, "SOURCES": 20, "NEIGHBOURS": 5},
        # With the IK plugin installed: add an ik_max_word sub-field of each original text
        # (takes effect at the next rebuild) and score the query's words on it too.
        "IK_SUBFIELD": False,
        "IK_BOOST": 1.0,
        # Highlighted fragments in search pages' backend results.
        "HIGHLIGHT": True,
        # Semantic search: the same model settings as the embedded backend (vectors are
        # computed here and stored in a dense_vector field, cosine, HNSW).
        "EMBEDDING_MODEL": "",
        "EMBEDDING_QUERY_PREFIX": None,
        "EMBEDDING_CACHE_DIR": "",
        # kNN candidates examined per shard (at least the number of neighbours wanted).
        "NUM_CANDIDATES": 200,
        # Hybrid fusion: "auto" uses the server's rrf retriever where it has one (8.16+
        # with an Enterprise or trial licence, plain RRF with SEMANTIC_WEIGHT 0.5),
        # "server" always, "client" fuses here (matchhub.search.backends.hybrid) over one msearch.
        "SERVER_FUSION": "auto",
        "FUSION": "rrf",
        "RRF_K": 60,
        "SEMANTIC_WEIGHT": 0.5,
        "LEXICAL_CANDIDATES": 200,
        "SEMANTIC_CANDIDATES": 100,
    },
}

# Elasticsearch URL (MATCHHUB_ES_URL): when set, the "elasticsearch" entry above is the
# default search backend, with this URL.
ES_URL = ""

# MATCHHUB_EMBEDDING_MODEL overrides the default backend's EMBEDDING_MODEL.
EMBEDDING_MODEL = ""

# Index changed rows right after each commit (the indexer's outbox also covers crashes).
SEARCH_INDEX_ON_COMMIT = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Set MATCHHUB_SESSION_COOKIE_SECURE=true behind HTTPS. The remember-me cookie follows.
SESSION_COOKIE_SECURE = False
# Reverse proxies in front of the app whose X-Forwarded-* headers are trusted (0: none).
PROXY_FIX_HOPS = 0

WTF_CSRF_TIME_LIMIT = None

# Subscriptions and push (精准推送): `matchhub notify run` (cron, e.g. hourly) collects the
# matches of new publications, reminds owners of expiring listings, builds at most one
# digest a day per subscription and sends the email outbox (README "Subscriptions").
# Links in notifications and emails start with this URL (the site as users reach it).
PUBLIC_URL = "http://127.0.0.1:5000"
# Default match threshold of a new subscription, 0..1: for a saved search the share of
# the query's terms a new item contains; for an own need or achievement the matching score.
NOTIFY_THRESHOLD = 0.5
# Owners are reminded once this many days (or fewer) before a listing's end date.
NOTIFY_REMINDER_DAYS = 7
# Items listed in one digest email; more are counted.
NOTIFY_DIGEST_ITEMS = 20
# The scheduler (`matchhub scheduler`, started by `serve` and `demo` unless
# MATCHHUB_SCHEDULER=0) runs the daily routines once a day from this local hour (0..23).
ROUTINES_HOUR = 6
# Outgoing mail. An empty SMTP_HOST keeps emails pending in the outbox.
SMTP_HOST = ""
SMTP_PORT = 25
SMTP_USER = ""
SMTP_PASSWORD = ""
SMTP_FROM = "MatchHub <noreply@localhost>"
SMTP_STARTTLS = False
SMTP_TIMEOUT = 10
# Attempts per email before it is marked failed; retries wait 2, 4, 8 ... minutes.
SMTP_MAX_ATTEMPTS = 5
# The indexer (``python -m indexer run``): outbox rows applied per batch, the pause when
# there is nothing to do, retries with exponential backoff (base doubled per attempt, up
# to the maximum) and the attempt after which a change is dead-lettered.
INDEXER_BATCH_SIZE = 500
INDEXER_POLL_MS = 1000
INDEXER_RETRY_BASE_MS = 2000
INDEXER_RETRY_MAX_MS = 600000
INDEXER_MAX_ATTEMPTS = 8
# ``indexer rebuild``: rows per bulk load and analysis processes (0: one per CPU).
INDEXER_REBUILD_BATCH = 1000
INDEXER_REBUILD_WORKERS = 0
# Pause after each batch, in milliseconds (crash tests and demonstrations only).
INDEXER_BATCH_PAUSE_MS = 0
# "Keep me signed in" lasts this many days (a fortnight: convenient, yet a cookie left on
# a shared computer does not outlive its use); "sign out everywhere" ends it sooner.
REMEMBER_DAYS = 14
# Redis (MATCHHUB_REDIS_URL, e.g. redis://127.0.0.1:6379/0): rate-limit counters shared by
# all workers of all servers. Empty: a SQLite file in the data dir, shared by the workers of
# this server.
REDIS_URL = ""
# Rate limits per client address ("N per second|minute|hour|day", several joined by ";").
# Sign-in attempts (POST /login) and all JSON API requests together.
RATELIMIT_ENABLED = True
LOGIN_RATE_LIMIT = "10 per minute;100 per day"
API_RATE_LIMIT = "300 per minute"
RATELIMIT_HEADERS_ENABLED = True
# A counter store that does not answer lets requests through (logged) rather than fail them.
RATELIMIT_SWALLOW_ERRORS = True
