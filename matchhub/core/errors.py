"""Domain errors and the one error body shape: {"error": {"code", "message", "fields"}}."""

from typing import Any


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.fields)


class ValidationFailed(DomainError):
    status = 422
    code = "validation_failed"

    def __init__(self, fields: dict[str, list[str]], message: str | None = None):
        names = "、".join(fields)
        super().__init__(message or f"以下字段有误：{names}", fields)


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class InvalidTransition(DomainError):
    status = 409
    code = "invalid_transition"


class Conflict(DomainError):
    status = 409
    code = "conflict"


def error_body(code: str, message: str, fields: dict | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


class FieldErrors:
    """Collects per-field messages while validating; raises them all at once."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.fields.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationFailed(self.fields)
