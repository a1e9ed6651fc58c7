"""Times people read are in the configured zone; the favicon is served."""

import datetime as dt

from matchhub.core.template_filters import local_time


def test_stored_utc_times_show_in_the_configured_zone(app, monkeypatch):
    stored = dt.datetime(2025, 6, 30, 17, 30)  # naive: UTC, as the database keeps it
    assert local_time(stored) == "2025-07-01 01:30"
    assert local_time(stored.replace(tzinfo=dt.UTC), "%Y-%m-%d %H:%M:%S") == "2025-07-01 01:30:00"
    monkeypatch.setitem(app.config, "TIME_ZONE", "Europe/Berlin")
    assert local_time(stored) == "2025-06-30 19:30"
    assert local_time(None) == "—"


def test_pages_link_the_favicon_and_the_old_address_leads_to_it(client):
    page = client.get("/").get_data(as_text=True)
    assert 'rel="icon"' in page and "img/favicon.svg" in page
    old = client.get("/favicon.ico")
    assert old.status_code == 301 and old.headers["Location"].endswith("/static/img/favicon.svg")
    icon = client.get("/static/img/favicon.svg")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
