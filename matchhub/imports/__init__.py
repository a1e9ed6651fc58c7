"""The one import engine: CSV/XLSX files of rows with Chinese headers, imported all or none.

A feature declares an ImportSpec (columns with aliases and converters, required columns,
template notes) and a row writer (BaseRowWriter: permission, what one row becomes); the
engine does the rest, the same way for every feature:

- ``files``: read CSV (UTF-8, UTF-8 BOM, GBK/GB18030) or XLSX into a header row and rows
  numbered as a spreadsheet shows them (header = 1), blank rows skipped.
- ``columns``: Column, ImportSpec and header normalisation.
- ``mapping``: match_headers turns the header row into a Mapping (file column -> Column)
  with the header errors; Mapping.read converts one row into input values.
- ``values``: the converters (text, lists, money in 元 or 万元, flags, dates, TRL).
- ``engine``: import_file / run_import / write_rows, all rows inside one SAVEPOINT.
- ``report``: ImportReport, RowError and ImportFailed (the per-row, per-column report).
- ``templates``: CSV and XLSX templates from a spec.
- ``schemas``: the shared API shapes (upload, row error, refusal body).
- ``staging``: the streaming path for large files (rows checked in chunks, kept only as
  JSON values in a stage, inserted in bulk by one final transaction).
- ``models``, ``jobs``, ``worker``, ``commands``: background import jobs (ImportJob, the
  staging table, heartbeat and stale-job reaping; thread, inline or queue runners;
  ``matchhub imports work``).
- ``web`` (web layer): the upload-page, API and template-download helpers.

Column mapping: run_import is ``match_headers`` then ``write_rows``. A step that lets the
user match needed fields to the columns of a file with unknown headers goes between the
two: show the Mapping that match_headers suggests (from headers and aliases) with a
preview of Mapping.read on the first rows, let the user re-assign ``Mapping.columns``
(and clear ``Mapping.errors`` it resolves), then call write_rows with the edited Mapping.

Non-web modules import only matchhub.core, audit and accounts; features (catalog,
contracts) import this package, never the reverse.
"""

from flask import Flask

from matchhub.imports.columns import Column, ImportSpec
from matchhub.imports.engine import BaseRowWriter, import_file, run_import, write_rows
from matchhub.imports.files import UnsupportedFile
from matchhub.imports.mapping import Mapping, RowInput, match_headers
from matchhub.imports.report import ImportFailed, ImportReport, RowError

__all__ = [
    "BaseRowWriter",
    "Column",
    "ImportFailed",
    "ImportReport",
    "ImportSpec",
    "Mapping",
    "RowError",
    "RowInput",
    "UnsupportedFile",
    "import_file",
    "match_headers",
    "run_import",
    "write_rows",
]


def init_app(app: Flask) -> None:
    from matchhub.imports.commands import imports_group

    app.cli.add_command(imports_group)
