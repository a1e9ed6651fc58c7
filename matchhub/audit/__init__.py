"""The audit log (审计日志): who did what to which record, from where. Other packages record
entries through ``audit.services.record``; platform administrators read them at /admin/audit."""

from flask import Flask


def init_app(app: Flask) -> None:
    from matchhub.audit.views import bp

    app.register_blueprint(bp)
