"""Cookie flags and the reverse proxy in front of the app.

The session cookie's flags come from config/defaults.py (HttpOnly, SameSite=Lax, Secure
with MATCHHUB_SESSION_COOKIE_SECURE); Flask-Login's remember-me cookie gets the same.
Behind a proxy, MATCHHUB_PROXY_FIX_HOPS trusts that many X-Forwarded-For/-Proto/-Host
hops, so client addresses (rate limits) and https URLs are the real ones.
"""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from matchhub.core.settings import parse_int


def init_app(app: Flask) -> None:
    config = app.config
    config["REMEMBER_COOKIE_HTTPONLY"] = config["SESSION_COOKIE_HTTPONLY"]
    config["REMEMBER_COOKIE_SAMESITE"] = config["SESSION_COOKIE_SAMESITE"]
    config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]
    hops = parse_int(config["PROXY_FIX_HOPS"], "PROXY_FIX_HOPS")
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
