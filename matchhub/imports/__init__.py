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
- ``staged_rows``: the streaming path for large files (rows checked in chunks, kept only as
  JSON values in a stage, inserted in bulk by one final transaction).
- ``models``, ``jobs``, ``worker``, ``commands``: background import jobs (ImportJob, the
  staging table, heartbeat and stale-job reaping; thread, inline or queue runners;
  ``matchhub imports work``).
- ``web`` (web layer): the upload-page, API and template-download helpers.

- ``column_map``: column maps (plain ``{field: file header}`` data, JSON-ready) for files
  with other headers: ``suggest`` (names, aliases, look-alike headers) and ``apply_map``
  (a Mapping whose unused columns are ignored and listed, look-alike ones flagged).
- ``preview``: the first rows read through a map, converted, with their errors.
- ``staging``: an upload kept for its owner between the steps of a mapping import.
- ``models`` / ``saved_maps`` / ``map_options`` / ``map_files``: maps saved by name, the
  map of one import (given or saved), and maps read from JSON/YAML files.
- ``mapping_step`` and ``cli_report`` (web and command-line helpers).

Column mapping: run_import is ``match_headers`` then ``write_rows``; given a column map it
is ``apply_map`` then ``write_rows``. A refused import whose headers are not the
template's carries the suggested map in its report (``report.mapping``), which the web
pages turn into the mapping step, the API into its 422 body and the commands into a hint
for ``--map``. Each step is a service function taking plain data, so a background job can
run them too.

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
