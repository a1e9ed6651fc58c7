"""The notification and SMTP settings, checked strictly when the app starts."""

from dataclasses import dataclass
from typing import Any

from matchhub.core.settings import ConfigError, parse_bool, parse_int


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    from_addr: str
    starttls: bool
    timeout: int
    max_attempts: int


def parse_threshold(value: Any, key: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{key} must be a number in 0..1, got {value!r}") from None
    if isinstance(value, bool) or not 0.0 <= number <= 1.0:
        raise ConfigError(f"{key} must be a number in 0..1, got {value!r}")
    return number


def normalise(config: dict[str, Any]) -> None:
    """Parse the NOTIFY_* and SMTP_* settings in place (environment values arrive as text)."""
    config["NOTIFY_THRESHOLD"] = parse_threshold(config["NOTIFY_THRESHOLD"], "NOTIFY_THRESHOLD")
    for key in ("NOTIFY_REMINDER_DAYS", "NOTIFY_DIGEST_ITEMS", "SMTP_PORT", "SMTP_TIMEOUT",
                "SMTP_MAX_ATTEMPTS"):
        config[key] = parse_int(config[key], key, minimum=1)
    config["SMTP_STARTTLS"] = parse_bool(config["SMTP_STARTTLS"], "SMTP_STARTTLS")
    for key in ("SMTP_HOST", "SMTP_USER", "SMTP_PASSWORD", "SMTP_FROM", "PUBLIC_URL"):
        config[key] = str(config[key] or "")
    if not config["SMTP_FROM"]:
        raise ConfigError("SMTP_FROM must name the sender address")
    if not config["PUBLIC_URL"].startswith(("http://", "https://")):
        raise ConfigError(f"PUBLIC_URL must start with http:// or https://, "
                          f"got {config['PUBLIC_URL']!r}")


def smtp_settings(config: dict[str, Any]) -> SmtpSettings:
    return SmtpSettings(config["SMTP_HOST"], config["SMTP_PORT"], config["SMTP_USER"],
                        config["SMTP_PASSWORD"], config["SMTP_FROM"], config["SMTP_STARTTLS"],
                        config["SMTP_TIMEOUT"], config["SMTP_MAX_ATTEMPTS"])
