"""Turn domain and HTTP errors into the JSON error body for the API and pages for the web."""

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from matchhub.core.errors import DomainError, error_body
from matchhub.core.extensions import db

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
         415: "unsupported_media_type", 422: "validation_failed", 429: "rate_limited",
         500: "internal_error"}
MESSAGES = {400: "请求无效", 401: "需要登录或有效的 API 令牌", 403: "无权执行此操作",
            404: "未找到", 405: "不支持该请求方法", 409: "操作与当前状态冲突",
            413: "上传内容过大", 415: "不支持的内容类型", 422: "输入有误", 429: "请求过于频繁",
            500: "服务器内部错误"}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/health"


def _flatten(messages: dict) -> dict[str, list[str]]:
    """webargs nests messages by location ({"json": {"title": [...]}}); drop the location."""
    fields: dict[str, list[str]] = {}
    for location_or_field, value in messages.items():
        if isinstance(value, dict) and location_or_field in {"json", "query", "form", "files"}:
            fields.update(_flatten_field(value))
        else:
            fields.update(_flatten_field({location_or_field: value}))
    return fields


def _flatten_field(messages: dict, prefix: str = "") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in messages.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flatten_field(value, name))
        else:
            out[name] = [str(v) for v in (value if isinstance(value, list) else [value])]
    return out


def handle_http(error: HTTPException):
    code = error.code or 500
    if not wants_json():
        message = MESSAGES.get(code, error.name)
        return render_template("error.html", status=code, message=message), code
    data = getattr(error, "data", None) or {}
    fields = _flatten(data.get("messages") or data.get("errors") or {})
    message = data.get("message") or MESSAGES.get(code, error.name)
    if fields and code == 422:
        message = f"以下字段有误：{'、'.join(fields)}"
    headers = data.get("headers") or {}
    return error_body(CODES.get(code, "error"), message, fields), code, headers


def handle_domain(error: DomainError):
    db.session.rollback()
    if wants_json():
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else {}
        return error.body(), error.status, headers
    return render_template("error.html", status=error.status, message=error.message), error.status


def handle_csrf(error: CSRFError):
    if wants_json():
        return error_body("csrf_failed", "CSRF 校验失败，请刷新页面后重试"), 400
    message = "表单已过期或 CSRF 校验失败，请刷新页面后重试"
    return render_template("error.html", status=400, message=message), 400


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(DomainError, handle_domain)
    app.register_error_handler(HTTPException, handle_http)
