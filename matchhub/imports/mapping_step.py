"""The column-mapping step of an import page (web layer): the form's one select per field
read back into a column map, and what the step's template shows."""

from typing import Any

from werkzeug.datastructures import MultiDict

from matchhub.imports.column_map import ColumnMap, fields_of
from matchhub.imports.columns import ImportSpec
from matchhub.imports.files import Table
from matchhub.imports.preview import Check, preview


def field_name(index: int) -> str:
    return f"f{index}"


def read_choice(spec: ImportSpec, form: MultiDict) -> ColumnMap:
    """The map a mapping form sent: the select of field i is named ``f<i>``; an empty
    choice leaves the field without a column, even when a column bears its name."""
    return {column.header: form.get(field_name(i), "").strip()
            for i, column in enumerate(fields_of(spec))}


def step_context(spec: ImportSpec, table: Table, chosen: ColumnMap | None,
                 check: Check | None = None) -> dict[str, Any]:
    """The template's context: each field with its select name and chosen header, the
    file's headers, and the preview of the first rows through the chosen map."""
    shown = preview(spec, table, chosen, check=check)
    fields = [(field_name(i), column, shown.chosen.get(column.header, ""))
              for i, column in enumerate(fields_of(spec))]
    headers = [h for h in table.headers if h.strip()]
    return {"fields": fields, "headers": headers, "preview": shown}
