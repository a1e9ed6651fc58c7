"""Cookie flags, security headers and the reverse proxy in front of the app.

The session cookie's flags come from config/defaults.py (HttpOnly, SameSite=Lax, Secure
with MATCHHUB_SESSION_COOKIE_SECURE); Flask-Login's remember-me cookie gets the same.
Every response carries a Content-Security-Policy that allows scripts, styles and images
from the site itself only (templates hold no inline script, handler or style attribute;
the dashboards' chart data travel in a non-executed application/json block), refuses
framing, and stops browsers from sniffing a content type other than the one served.
Behind a proxy, MATCHHUB_PROXY_FIX_HOPS trusts that many X-Forwarded-For/-Proto/-Host
hops, so client addresses (rate limits) and https URLs are the real ones.
"""

from flask import Flask, Response
from werkzeug.middleware.proxy_fix import ProxyFix

from matchhub.core.settings import parse_int

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def security_headers(response: Response) -> Response:
    """Set the headers a response has not set itself."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    config = app.config
    config["REMEMBER_COOKIE_HTTPONLY"] = config["SESSION_COOKIE_HTTPONLY"]
    config["REMEMBER_COOKIE_SAMESITE"] = config["SESSION_COOKIE_SAMESITE"]
    config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]
    app.after_request(security_headers)
    hops = parse_int(config["PROXY_FIX_HOPS"], "PROXY_FIX_HOPS")
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
