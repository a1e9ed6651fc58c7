"""``matchhub serve``: gunicorn settings, and an app that leaves the index to each worker."""

import multiprocessing
import runpy

from matchhub import create_app
from matchhub.core.config_files import config_dir


def test_gunicorn_settings_size_workers_from_the_cpus(monkeypatch):
    monkeypatch.delenv("MATCHHUB_WORKERS", raising=False)
    settings = runpy.run_path(str(config_dir() / "gunicorn.conf.py"))
    assert settings["workers"] == max(2, multiprocessing.cpu_count())
    assert settings["timeout"] > 0 and settings["accesslog"] == "-"


def test_the_app_leaves_the_index_closed_for_each_worker_to_open(fast_dir):
    """gunicorn loads the app in its master and forks: nothing may open the index there."""
    app = create_app({"DATA_DIR": str(fast_dir / "serve"), "SECRET_KEY": "serve",
                      "DATABASE_URL": f"sqlite:///{fast_dir / 'serve.db'}"})
    backend = app.extensions["matchhub_search"]["default"]
    assert backend._store is None and backend._version is None
