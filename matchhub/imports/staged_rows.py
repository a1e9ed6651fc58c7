"""Import a large file in bounded memory: rows are read as the file streams past, checked
in chunks and kept only as JSON values in a stage (the job's staging rows); once every row
has passed, one final transaction inserts them in bulk and empties the stage.

A writer that supports this subclasses BaseStagedWriter: ``stage`` checks one row and
returns its values, ``check_chunk`` checks a chunk against the database (e.g. which keys
exist), ``insert`` writes a chunk of staged values. Nothing holds a model object per row.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from itertools import islice
from typing import Any, Protocol

from sqlalchemy import Table

from matchhub.imports.column_map import suggest
from matchhub.imports.columns import ImportSpec
from matchhub.imports.engine import BaseRowWriter
from matchhub.imports.files import Row
from matchhub.imports.mapping import Mapping, RowInput
from matchhub.imports.report import ImportReport, RowError

CHUNK = 1000
Staged = tuple[int, dict[str, Any]]  # (row number, JSON values)
Progress = Callable[[str, int], None]  # (phase, rows done)


class Stage(Protocol):
    def add(self, rows: list[Staged]) -> None: ...

    def chunks(self, size: int) -> Iterator[list[Staged]]: ...

    def discard(self) -> None: ...


class MemoryStage:
    """A stage in a list (tests and small files)."""

    def __init__(self) -> None:
        self.rows: list[Staged] = []

    def add(self, rows: list[Staged]) -> None:
        self.rows += rows

    def chunks(self, size: int) -> Iterator[list[Staged]]:
        for start in range(0, len(self.rows), size):
            yield self.rows[start:start + size]

    def discard(self) -> None:
        self.rows = []


class BaseStagedWriter(BaseRowWriter):
    def stage(self, entry: RowInput) -> dict[str, Any] | None:
        """Check one row; its JSON values to insert (None when refused)."""
        raise NotImplementedError

    def check_chunk(self, rows: list[tuple[RowInput, dict[str, Any]]],
                    report: ImportReport) -> list[Staged]:
        """Check checked rows against the database; the ones still to insert."""
        return [(entry.number, values) for entry, values in rows]

    def insert(self, rows: list[Staged], report: ImportReport) -> None:
        raise NotImplementedError

    def insert_staged(self, job_id: int, report: ImportReport) -> bool:
        """Write a job's staged rows with set-based SQL inside the database (see
        imports.staged_sql); False when this writer cannot, so they go through ``insert``."""
        return False


def _nothing(phase: str, done: int) -> None:
    """No progress to report."""


def stage_rows(spec: ImportSpec, writer: BaseStagedWriter, mapping: Mapping,
               rows: Iterator[Row], stage: Stage, progress: Progress = _nothing
               ) -> ImportReport:
    """Check every row and stage the good ones; raises spec.failure (the stage emptied)
    when a header or any row is refused. Rows are still checked after the first refusal,
    so the report lists every bad row, but nothing more is staged."""
    report = writer.new_report(0)
    report.errors += mapping.errors
    report.warnings += mapping.warnings
    report.ignored = mapping.ignored
    if report.errors:
        report.mapping = suggest(spec, mapping.names).as_dict()
        raise spec.failure(report)
    writer.prepare(mapping, [])
    while chunk := list(islice(rows, CHUNK)):
        checked = writer.check_chunk(_check(writer, mapping, chunk, report), report)
        if not report.errors:
            stage.add(checked)
        report.total += len(chunk)
        progress("checking", report.total)
    if not report.total and not report.errors:
        report.errors.append(RowError(1, "", "文件中没有数据行"))
    if report.errors:
        stage.discard()
        report.errors.sort(key=lambda e: e.row)
        raise spec.failure(report)
    return report


def _check(writer: BaseStagedWriter, mapping: Mapping, chunk: list[Row],
           report: ImportReport) -> list[tuple[RowInput, dict[str, Any]]]:
    checked = []
    for row in chunk:
        entry = mapping.read(row)
        values = writer.stage(entry)
        report.refuse(row.number, entry.errors)
        if values is not None and not entry.errors:
            checked.append((entry, values))
    return checked


def write_staged(writer: BaseStagedWriter, stage: Stage, report: ImportReport,
                 progress: Progress = _nothing) -> ImportReport:
    """Insert every staged row and empty the stage, in the caller's transaction: inside
    the database when the stage is a job's table and the writer can, else chunk by chunk."""
    job_id = getattr(stage, "job_id", None)
    if job_id is not None:
        progress("writing", 0)
        if writer.insert_staged(job_id, report):
            stage.discard()
            progress("writing", report.total)
            return report
    done = 0
    for chunk in stage.chunks(CHUNK):
        writer.insert(chunk, report)
        done += len(chunk)
        progress("writing", done)
    stage.discard()
    return report


def json_values(values: dict[str, Any]) -> dict[str, Any]:
    """Values as JSON keeps them: dates as ISO text, Decimals as exact text."""
    return {key: value.isoformat() if isinstance(value, dt.date)
            else str(value) if isinstance(value, Decimal) else value
            for key, value in values.items()}


def table_values(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """JSON values back as the table's columns take them (dates, exact Decimals)."""
    row = dict(values)
    for key, parse in _parsers(table).items():
        if isinstance(row.get(key), str):
            row[key] = parse(row[key])
    return row


@cache
def _parsers(table: Table) -> dict[str, Callable[[str], Any]]:
    """The columns whose JSON text needs parsing: dates and Decimals."""
    parsers: dict[str, Callable[[str], Any]] = {}
    for column in table.columns:
        try:
            kind = column.type.python_type
        except NotImplementedError:
            continue
        if kind is dt.date:
            parsers[column.key] = dt.date.fromisoformat
        elif kind is Decimal:
            parsers[column.key] = Decimal
    return parsers
