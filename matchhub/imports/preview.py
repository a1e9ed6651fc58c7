"""The column-mapping step's preview: the first rows of a file read through a map, with
the converted values and each field's conversion errors, before anything is written."""

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook

from matchhub.imports.column_map import ColumnMap, MapPlan, apply_map, suggest
from matchhub.imports.columns import ImportSpec
from matchhub.imports.files import Row, Table, file_format, read_table, xlsx_value
from matchhub.imports.limits import check_archive, configured_limits
from matchhub.imports.mapping import Mapping, RowInput
from matchhub.imports.report import RowError

PREVIEW_ROWS = 5
MAX_PREVIEW_SOURCE = 1_000_000  # rows of a CSV parsed to show its first ones (cheap)


@dataclass
class PreviewRow:
    number: int  # spreadsheet row number
    values: dict[str, Any]  # field (canonical header) -> converted value
    errors: dict[str, list[str]] = field(default_factory=dict)  # file header -> messages


@dataclass
class Preview:
    plan: MapPlan  # the suggestion for these headers
    chosen: ColumnMap  # the map the rows were read through
    fields: list[str]  # canonical headers of the fields the map fills, in spec order
    rows: list[PreviewRow]
    errors: list[RowError]  # the map's header errors
    warnings: list[RowError]
    ignored: list[str]


def read_head(filename: str, data: bytes, rows: int = PREVIEW_ROWS) -> Table:
    """The header and the first ``rows`` data rows only: a step is shown again on every
    change of the map, and reading a whole large workbook takes minutes."""
    if file_format(filename, data) == "csv":
        table = read_table(filename, data, MAX_PREVIEW_SOURCE)
        return Table(table.headers, table.rows[:rows])
    limits = configured_limits()
    check_archive(data, limits)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        found = []
        for number, values in enumerate(sheet.iter_rows(max_col=limits.max_columns,
                                                        values_only=True), start=1):
            cells = [xlsx_value(v) for v in values]
            while cells and cells[-1] in (None, ""):  # rows come padded to the widest
                cells.pop()
            if cells:
                found.append(Row(number, cells))
            if len(found) > rows or number > limits.max_rows:
                break
    finally:
        workbook.close()
    headers = [str(v).strip() if v is not None else "" for v in found[0].cells] if found else []
    return Table(headers, found[1:])


Check = Callable[[RowInput], None]  # a feature's row checks: messages into entry.errors


def preview(spec: ImportSpec, table: Table, chosen: ColumnMap | None = None,
            limit: int = PREVIEW_ROWS, check: Check | None = None) -> Preview:
    """``chosen`` None: the suggested map; ``check`` adds the feature's own row errors
    (validation as on import; nothing is written)."""
    plan = suggest(spec, table.headers)
    chosen = dict(plan.suggested if chosen is None else chosen)
    mapping = apply_map(spec, table.headers, chosen)
    fields = [c.header for c in spec.columns if mapping.index_of(c.key) is not None
              and mapping.columns[mapping.index_of(c.key)] is c]
    rows = [_row(mapping, row, check) for row in table.rows[:limit]]
    return Preview(plan, chosen, fields, rows, mapping.errors, mapping.warnings,
                   mapping.ignored)


def _row(mapping: Mapping, row: Row, check: Check | None) -> PreviewRow:
    entry = mapping.read(row)
    if check is not None and not mapping.errors:
        check(entry)
    values = {mapping.columns[mapping.index_of(key)].header: value
              for key, value in entry.data.items()}
    return PreviewRow(row.number, values, entry.errors)
