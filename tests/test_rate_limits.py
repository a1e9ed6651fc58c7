"""Rate limits on sign-in and the API, in an app of their own with the limits switched on."""

import os
import uuid

import pytest

from matchhub import create_app
from matchhub.core.extensions import db
from matchhub.core.ratelimits import get_limiter
from tests.factories import PASSWORD, UserFactory

REDIS_ENV = "MATCHHUB_TEST_REDIS_URL"


@pytest.fixture
def limited(database_url, tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "limits",
                      "DATA_DIR": str(tmp_path), "WTF_CSRF_ENABLED": False, "ES_URL": "",
                      "RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute",
                      "API_RATE_LIMIT": "5 per minute"})
    yield app
    with app.app_context():
        db.engine.dispose()


def test_api_over_its_limit_is_429_with_the_error_body(limited):
    client = limited.test_client()
    for _ in range(5):
        assert client.get("/api/v1/vocabularies").status_code == 200
    response = client.get("/api/v1/organisations")  # one budget for the whole API
    assert response.status_code == 429
    assert response.get_json() == {"error": {"code": "rate_limited", "message": "请求过于频繁",
                                             "fields": {}}}
    assert int(response.headers["Retry-After"]) > 0
    assert client.get("/search").status_code == 200  # pages are not counted


@pytest.mark.commits
def test_login_attempts_over_the_limit_get_a_page(limited, db_session):
    user = UserFactory()
    db_session.commit()
    client = limited.test_client()
    wrong = {"email": user.email, "password": "wrong password"}
    for _ in range(3):
        assert client.post("/login", data=wrong).status_code == 422
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "请求过于频繁" in response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    assert client.get("/login").status_code == 200  # showing the form is not an attempt


@pytest.mark.commits
@pytest.mark.parametrize("path", ["/password/forgot", "/register"])
def test_forms_that_send_email_are_limited_like_sign_in(limited, path):
    client = limited.test_client()
    for _ in range(3):
        assert client.post(path, data={"email": "someone@example.org"}).status_code != 429
    assert client.post(path, data={"email": "someone@example.org"}).status_code == 429
    assert client.get(path).status_code == 200


def test_limits_are_off_in_the_test_app_and_storage_follows_redis_url(app, database_url,
                                                                       tmp_path):
    assert get_limiter(app).enabled is False
    assert app.config["RATELIMIT_STORAGE_URI"].startswith("matchhub-sqlite://")
    other = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "x", "ES_URL": "",
                        "DATA_DIR": str(tmp_path), "REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert other.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"


@pytest.mark.skipif(not os.environ.get(REDIS_ENV), reason=f"{REDIS_ENV} not set")
def test_redis_counters_are_shared_between_workers(database_url, tmp_path):
    import redis

    prefix = f"matchhub-test-{uuid.uuid4().hex[:8]}"
    config = {"DATABASE_URL": database_url, "SECRET_KEY": "x", "ES_URL": "",
              "DATA_DIR": str(tmp_path), "REDIS_URL": os.environ[REDIS_ENV],
              "RATELIMIT_KEY_PREFIX": prefix, "API_RATE_LIMIT": "2 per minute"}
    first, second = create_app(config), create_app(config)  # two gunicorn workers, say
    try:
        assert first.test_client().get("/api/v1/vocabularies").status_code == 200
        assert second.test_client().get("/api/v1/vocabularies").status_code == 200
        assert first.test_client().get("/api/v1/vocabularies").status_code == 429
    finally:
        client = redis.Redis.from_url(os.environ[REDIS_ENV])
        for key in client.scan_iter(f"*{prefix}*"):
            client.delete(key)


def test_without_redis_workers_of_one_server_share_the_counters(database_url, tmp_path):
    """Two apps on one data dir (two gunicorn workers, say) count against one budget."""
    config = {"DATABASE_URL": database_url, "SECRET_KEY": "x", "ES_URL": "",
              "DATA_DIR": str(tmp_path), "API_RATE_LIMIT": "2 per minute"}
    first, second = create_app(config), create_app(config)
    assert first.test_client().get("/api/v1/vocabularies").status_code == 200
    assert second.test_client().get("/api/v1/vocabularies").status_code == 200
    assert first.test_client().get("/api/v1/vocabularies").status_code == 429
    assert second.test_client().get("/api/v1/vocabularies").status_code == 429
    other = create_app({**config, "DATA_DIR": str(tmp_path / "elsewhere")})
    assert other.test_client().get("/api/v1/vocabularies").status_code == 200
