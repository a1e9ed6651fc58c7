"""Load settings: config/defaults.py, then MATCHHUB_* environment variables, then a test dict."""

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from matchhub.core.config_files import config_dir


class ConfigError(RuntimeError):
    """Raised at startup for a missing or malformed setting."""


def parse_bool(value: Any, key: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{key} must be a boolean (true/false), got {value!r}")


def parse_int(value: Any, key: str, minimum: int = 0) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{key} must be an integer, got {value!r}") from None
    if number < minimum:
        raise ConfigError(f"{key} must be >= {minimum}, got {number}")
    return number


def load_settings(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    app.config.from_pyfile(str(config_dir() / "defaults.py"))
    app.config.from_prefixed_env("MATCHHUB")
    if overrides:
        app.config.update(overrides)
    _normalise(app.config)


def _normalise(config: dict[str, Any]) -> None:
    for key in ("SESSION_COOKIE_SECURE", "TESTING", "SEARCH_INDEX_ON_COMMIT"):
        config[key] = parse_bool(config.get(key, False), key)
    for key in ("PAGE_SIZE", "MAX_PAGE_SIZE", "LISTING_VALIDITY_DAYS", "MAX_CONTENT_LENGTH",
                "IMPORT_JOB_STALE_SECONDS"):
        config[key] = parse_int(config[key], key, minimum=1)
    for key in ("LIST_CACHE_BYTES", "SEARCH_CACHE_BYTES"):
        config[key] = parse_int(config[key], key, minimum=0)
    config["LISTING_MAX_VALIDITY_DAYS"] = parse_int(
        config["LISTING_MAX_VALIDITY_DAYS"], "LISTING_MAX_VALIDITY_DAYS",
        minimum=config["LISTING_VALIDITY_DAYS"])
    if config["IMPORT_JOB_RUNNER"] not in {"thread", "inline", "queue"}:
        raise ConfigError("IMPORT_JOB_RUNNER must be thread, inline or queue, "
                          f"got {config['IMPORT_JOB_RUNNER']!r}")
    if config["ENV"] not in {"development", "production"}:
        raise ConfigError(f"ENV must be development or production, got {config['ENV']!r}")
    data_dir = Path(config["DATA_DIR"] or os.path.join(os.getcwd(), "var")).resolve()
    config["DATA_DIR"] = str(data_dir)
    config["SQLALCHEMY_DATABASE_URI"] = database_url(config, data_dir)
    config["SECRET_KEY"] = secret_key(config, data_dir)


def database_url(config: Mapping[str, Any], data_dir: Path) -> str:
    url = str(config.get("DATABASE_URL") or "")
    if not url:
        data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{data_dir / 'matchhub.db'}"
    if url.startswith("postgresql://"):
        # psycopg 3 is the driver we ship.
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def secret_key(config: Mapping[str, Any], data_dir: Path) -> str:
    key = str(config.get("SECRET_KEY") or "")
    if key:
        return key
    if config["ENV"] == "production":
        raise ConfigError("MATCHHUB_SECRET_KEY must be set when MATCHHUB_ENV=production")
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()
