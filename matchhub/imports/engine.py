"""The import pipeline: read the file, match its headers, then hand each converted row to the
feature's row writer inside one SAVEPOINT that is rolled back when any row is refused."""

from sqlalchemy.orm import Session

from matchhub.imports.column_map import ColumnMap, apply_map, suggest
from matchhub.imports.columns import ImportSpec
from matchhub.imports.files import Row, Table, read_table
from matchhub.imports.mapping import Mapping, RowInput, match_headers
from matchhub.imports.report import ImportReport, RowError


class BaseRowWriter:
    """What a feature supplies besides its spec: who may import, and what a row becomes.

    ``write`` checks one row (adding messages to ``entry.errors``) and may write it; rows
    written before a refused one are rolled back with the savepoint. ``finish`` runs only
    when every row passed, for writers that write all rows at once.
    """

    session: Session

    def authorise(self) -> None:
        """Raise PermissionDenied when the user may not import."""

    def new_report(self, total: int) -> ImportReport:
        return ImportReport(total=total)

    def prepare(self, mapping: Mapping, rows: list[Row]) -> None:
        """Look up what the rows need at once (e.g. which of their keys exist)."""

    def write(self, entry: RowInput, report: ImportReport) -> None:
        raise NotImplementedError

    def finish(self, report: ImportReport) -> None:
        """Write what ``write`` collected, when every row passed."""


def import_file(spec: ImportSpec, writer: BaseRowWriter, filename: str, data: bytes,
                column_map: ColumnMap | None = None) -> ImportReport:
    """Import one CSV/XLSX file; raises spec.failure (nothing imported), UnsupportedFile,
    ValidationFailed (an unreadable file) or PermissionDenied. The caller commits.
    Without ``column_map`` the headers must be the template's (else the failure's report
    carries the suggested map); with one, the map decides (column_map.apply_map)."""
    return run_import(spec, writer, read_table(filename, data, spec.max_rows), column_map)


def run_import(spec: ImportSpec, writer: BaseRowWriter, table: Table,
               column_map: ColumnMap | None = None) -> ImportReport:
    writer.authorise()
    if column_map is None:
        mapping = match_headers(spec, table.headers)
    else:
        mapping = apply_map(spec, table.headers, column_map)
    return write_rows(spec, writer, mapping, table.rows)


def write_rows(spec: ImportSpec, writer: BaseRowWriter, mapping: Mapping,
               rows: list[Row]) -> ImportReport:
    """All rows through ``mapping`` and ``writer``, or none: header errors stop it first."""
    report = writer.new_report(len(rows))
    report.errors += mapping.errors
    report.warnings += mapping.warnings
    report.ignored = mapping.ignored
    if mapping.errors:
        report.mapping = suggest(spec, mapping.names).as_dict()
    if not rows and not report.errors:
        report.errors.append(RowError(1, "", "文件中没有数据行"))
    if report.errors:
        raise spec.failure(report)
    savepoint = writer.session.begin_nested()
    try:
        _write_all(writer, mapping, rows, report)
    except BaseException:
        savepoint.rollback()
        raise
    if report.errors:
        savepoint.rollback()
        report.created, report.ids = 0, []
        raise spec.failure(report)
    savepoint.commit()
    return report


def _write_all(writer: BaseRowWriter, mapping: Mapping, rows: list[Row],
               report: ImportReport) -> None:
    writer.prepare(mapping, rows)
    for row in rows:
        entry = mapping.read(row)
        writer.write(entry, report)
        report.refuse(row.number, entry.errors)
    if not report.errors:
        writer.finish(report)
