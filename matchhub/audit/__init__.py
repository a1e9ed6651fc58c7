"""The audit log (审计日志): who did what to which record, from where."""

from matchhub.audit.views import bp

__all__ = ["bp"]
