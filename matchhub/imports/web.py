"""Web building blocks of import pages and endpoints: run an upload and render its report,
serve a template file, answer an API upload. Each page keeps its own form, permission
check, audit action and template; these helpers hold the steps they share."""

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from flask import Response
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage

from matchhub.core.errors import ValidationFailed
from matchhub.core.extensions import db
from matchhub.imports.columns import ImportSpec
from matchhub.imports.files import UnsupportedFile
from matchhub.imports.report import ImportFailed, ImportReport
from matchhub.imports.templates import BUILDERS, CONTENT_TYPES

Run = Callable[[str, bytes], ImportReport]  # (filename, data) -> report, audited
# (report or None, whether the import was refused, HTTP status) -> the page
Render = Callable[[ImportReport | None, bool, int], Any]


def read_upload(upload: FileStorage) -> tuple[str, bytes]:
    return upload.filename or "", upload.read()


def upload_page(form: FlaskForm, run: Run, render: Render,
                on_headers: Callable[[str, bytes], Any] | None = None) -> Any:
    """A validated upload form: import its file and commit, or roll back and show why.

    A refused import shows its per-row report (422); an unreadable or foreign file puts
    its message under the file field, with the error's status. A file whose headers are
    not the template's goes to ``on_headers`` (the column-mapping step), when given.
    """
    filename, data = read_upload(form.file.data)
    try:
        report = run(filename, data)
    except ImportFailed as exc:
        db.session.rollback()
        if on_headers is not None and exc.report.mapping is not None:
            return on_headers(filename, data)
        return render(exc.report, True, 422)
    except (UnsupportedFile, ValidationFailed) as exc:
        db.session.rollback()
        form.file.errors = [*form.file.errors, *exc.fields.get("file", [exc.message])]
        return render(None, False, exc.status)
    db.session.commit()
    return render(report, False, 200)


def api_import(upload: FileStorage, run: Run) -> dict[str, Any]:
    """An API upload: import and commit; a refusal propagates as its error body."""
    report = run(*read_upload(upload))
    db.session.commit()
    return report.as_dict()


def template_response(spec: ImportSpec, fmt: str, name: str, ascii_name: str) -> Response:
    """The spec's template as a download named ``name`` (``ascii_name`` for old clients)."""
    disposition = f"attachment; filename={ascii_name}; filename*=UTF-8''{quote(name)}"
    return Response(BUILDERS[fmt](spec), content_type=CONTENT_TYPES[fmt],
                    headers={"Content-Disposition": disposition})
