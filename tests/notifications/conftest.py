from tests.notifications.helpers import smtp_sink  # noqa: F401
