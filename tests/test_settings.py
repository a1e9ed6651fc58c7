import pytest

from matchhub import create_app
from matchhub.core.settings import ConfigError, parse_bool, parse_int


def test_production_without_secret_refuses_to_start(tmp_path):
    with pytest.raises(ConfigError, match="MATCHHUB_SECRET_KEY"):
        create_app({"ENV": "production", "DATA_DIR": str(tmp_path), "SECRET_KEY": ""})


def test_development_secret_is_generated_once_and_kept(tmp_path):
    first = create_app({"DATA_DIR": str(tmp_path)}).config["SECRET_KEY"]
    second = create_app({"DATA_DIR": str(tmp_path)}).config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_environment_overrides_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHHUB_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MATCHHUB_PAGE_SIZE", "7")
    app = create_app()
    assert app.config["PAGE_SIZE"] == 7
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'matchhub.db'}"


def test_bad_values_are_startup_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCHHUB_PAGE_SIZE", "many")
    with pytest.raises(ConfigError, match="PAGE_SIZE"):
        create_app({"DATA_DIR": str(tmp_path)})


def test_strict_parsers():
    assert parse_bool("yes", "X") is True and parse_bool("0", "X") is False
    with pytest.raises(ConfigError):
        parse_bool("maybe", "X")
    with pytest.raises(ConfigError):
        parse_int("0", "X", minimum=1)


def test_postgres_url_uses_psycopg3(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path),
                      "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/x"})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")


def test_unknown_search_backend_fails_at_startup(tmp_path):
    from matchhub.search import InvalidSearchBackendError

    with pytest.raises(InvalidSearchBackendError):
        create_app({"DATA_DIR": str(tmp_path),
                    "SEARCH_BACKENDS": {"default": {"BACKEND": "matchhub.search.backends.nope"}}})
