"""NOTIFY_* and SMTP_* settings are parsed strictly."""

import pytest

from matchhub.core.settings import ConfigError
from matchhub.notifications.settings import normalise

VALID = {"NOTIFY_THRESHOLD": "0.4", "NOTIFY_REMINDER_DAYS": "7", "NOTIFY_DIGEST_ITEMS": 20,
         "SMTP_PORT": "2525", "SMTP_TIMEOUT": 10, "SMTP_MAX_ATTEMPTS": 5,
         "SMTP_STARTTLS": "false", "SMTP_HOST": "mail.example.org", "SMTP_USER": "",
         "SMTP_PASSWORD": "", "SMTP_FROM": "MatchHub <noreply@example.org>",
         "PUBLIC_URL": "https://matchhub.example.org"}


def test_valid_settings_are_parsed():
    config = dict(VALID)
    normalise(config)
    assert (config["NOTIFY_THRESHOLD"], config["SMTP_PORT"], config["SMTP_STARTTLS"]) == (
        0.4, 2525, False)


@pytest.mark.parametrize("key, value", [("NOTIFY_THRESHOLD", "1.5"), ("SMTP_PORT", "smtp"),
                                        ("SMTP_STARTTLS", "maybe"), ("SMTP_FROM", ""),
                                        ("PUBLIC_URL", "matchhub.example.org"),
                                        ("NOTIFY_REMINDER_DAYS", "0")])
def test_bad_settings_fail_naming_the_key(key, value):
    with pytest.raises(ConfigError, match=key):
        normalise({**VALID, key: value})
