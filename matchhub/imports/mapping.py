"""Header matching: which field each column of a file feeds, and one row read through it.

match_headers builds a Mapping from the header row and the spec's headers and aliases,
with the header errors (unknown, duplicate or missing columns). A Mapping is plain data:
a column-mapping step can show it as the suggestion and let the user re-assign its
``columns`` before the rows are read (see the package docstring).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from matchhub.imports.columns import Column, ImportSpec, normalise_header
from matchhub.imports.files import Row
from matchhub.imports.report import RowError
from matchhub.imports.values import convert


@dataclass
class Mapping:
    spec: ImportSpec
    names: list[str]  # each file column's header, as reports name it
    columns: list[Column | None]  # the column each file column feeds; None: ignored
    errors: list[RowError] = field(default_factory=list)  # header errors, on row 1
    # ignored columns that look like a field (column_map.lookalike_warnings), on row 1
    warnings: list[RowError] = field(default_factory=list)

    @property
    def ignored(self) -> list[str]:
        """Headers of the named columns that feed no field (their cells are not read)."""
        return [n for n, c in zip(self.names, self.columns, strict=True) if n and c is None]

    def index_of(self, key: str) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c is not None and c.key == key),
                    None)

    def header_for(self, key: str, fallback: str | None = None) -> str:
        """The header to report an input key's error under: the file's, else the spec's."""
        index = self.index_of(key)
        if index is not None:
            return self.names[index]
        return (self.spec.headers_for_key(key) or [fallback or key])[0]

    def cells(self, rows: list[Row], key: str) -> list[Any]:
        """The raw cells of one key's column (filled ones only)."""
        index = self.index_of(key)
        if index is None:
            return []
        return [r.cells[index] for r in rows if index < len(r.cells) and r.cells[index] is not None]

    def read(self, row: Row) -> RowInput:
        """The converted values of one row by input key; conversion errors by header."""
        entry = RowInput(row.number, self)
        for index, value in enumerate(row.cells):
            if value is None or value == "":
                continue
            column = self.columns[index] if index < len(self.columns) else None
            if column is None and index < len(self.names) and self.names[index]:
                continue  # a named column the mapping ignores
            if column is None:
                entry.add_error(f"第 {index + 1} 列", "该列没有有效的表头，但填写了内容")
                continue
            try:
                entry.data[column.key] = convert(column.kind, value)
            except ValueError as exc:
                entry.add_error(self.names[index], str(exc))
        return entry


@dataclass
class RowInput:
    """One data row as input values by key, and its messages by column header."""

    number: int
    mapping: Mapping
    data: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def header_for(self, key: str, fallback: str | None = None) -> str:
        return self.mapping.header_for(key, fallback)

    def add_error(self, header: str, message: str) -> None:
        self.errors.setdefault(header, []).append(message)


def match_headers(spec: ImportSpec, headers: list[str]) -> Mapping:
    normalised = [normalise_header(h) for h in headers]
    names = list(headers) if spec.written_headers else normalised
    mapping = Mapping(spec, names, [])
    seen: dict[str, str] = {}
    for name, lookup in zip(names, normalised, strict=True):
        column = spec.find(lookup) if name else None
        if name and column is None:
            mapping.errors.append(
                RowError(1, name, f"未知的列（请使用{spec.template_name}中的表头）"))
        elif column is not None and column.key in seen:
            mapping.errors.append(
                RowError(1, name, f"与「{seen[column.key]}」含义相同，只能保留一列"))
            column = None
        elif column is not None:
            seen[column.key] = name
        mapping.columns.append(column)
    mapping.errors += _missing_columns(spec, seen)
    return mapping


def _missing_columns(spec: ImportSpec, seen: dict[str, str]) -> list[RowError]:
    errors = []
    for group in spec.required:
        if not any(key in seen for key in group):
            labels = [h for key in group for h in spec.headers_for_key(key)]
            hint = "（至少需要其中一列）" if len(group) > 1 else ""
            errors.append(RowError(1, "/".join(labels), f"缺少必需的列{hint}"))
    return errors
