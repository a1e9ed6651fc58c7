"""The column-mapping step's preview: the first rows of a file read through a map, with
the converted values and each field's conversion errors, before anything is written."""

from dataclasses import dataclass, field
from typing import Any

from matchhub.imports.column_map import ColumnMap, MapPlan, apply_map, suggest
from matchhub.imports.columns import ImportSpec
from matchhub.imports.files import Table, read_table
from matchhub.imports.mapping import Mapping
from matchhub.imports.report import RowError

PREVIEW_ROWS = 5


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


def read_file(spec: ImportSpec, filename: str, data: bytes) -> Table:
    return read_table(filename, data, spec.max_rows)


def preview(spec: ImportSpec, table: Table, chosen: ColumnMap | None = None,
            limit: int = PREVIEW_ROWS) -> Preview:
    """``chosen`` None: the suggested map."""
    plan = suggest(spec, table.headers)
    chosen = dict(plan.suggested if chosen is None else chosen)
    mapping = apply_map(spec, table.headers, chosen)
    fields = [c.header for c in spec.columns if mapping.index_of(c.key) is not None
              and mapping.columns[mapping.index_of(c.key)] is c]
    rows = [_row(mapping, row) for row in table.rows[:limit]]
    return Preview(plan, chosen, fields, rows, mapping.errors, mapping.warnings,
                   mapping.ignored)


def _row(mapping: Mapping, row) -> PreviewRow:
    entry = mapping.read(row)
    values = {mapping.columns[mapping.index_of(key)].header: value
              for key, value in entry.data.items()}
    return PreviewRow(row.number, values, entry.errors)
