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

# Largest upload accepted (bytes); import files are read whole.
MAX_CONTENT_LENGTH = 8 * 1024 * 1024

# Default listing validity in days when a form leaves it empty.
LISTING_VALIDITY_DAYS = 365

SEARCH_BACKENDS = {
    "default": {"BACKEND": "matchhub.search.backends.null"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Set MATCHHUB_SESSION_COOKIE_SECURE=true behind HTTPS.
SESSION_COOKIE_SECURE = False

WTF_CSRF_TIME_LIMIT = None
