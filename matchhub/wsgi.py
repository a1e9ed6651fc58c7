"""WSGI entry point for gunicorn: ``gunicorn -c config/gunicorn.conf.py matchhub.wsgi:app``."""

from matchhub import create_app

app = create_app()
