"""The column spec a feature declares: its columns (header, aliases, input key, converter),
which of them a file must have, and how its templates look.

Headers are matched after normalise_header, so full-width brackets, spaces and a trailing
required-marker asterisk do not matter.
"""

from collections.abc import Callable
from dataclasses import dataclass

from matchhub.imports.files import MAX_ROWS
from matchhub.imports.report import ImportFailed


@dataclass(frozen=True)
class Column:
    header: str  # canonical header, as in the downloadable templates
    key: str  # the input key the column fills
    kind: str = "text"  # the converter, a key of values.CONVERTERS
    aliases: tuple[str, ...] = ()
    in_template: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


def no_notes() -> list[tuple[str, str]]:
    return []


@dataclass(frozen=True)
class ImportSpec:
    columns: tuple[Column, ...]
    # Each group needs at least one of its keys among the file's columns.
    required: tuple[tuple[str, ...], ...]
    template_name: str = "导入模板"  # named in the unknown-column message
    max_rows: int = MAX_ROWS
    # Report headers as the file wrote them (True) or in their normalised form (False).
    written_headers: bool = False
    failure: type[ImportFailed] = ImportFailed
    sheet_title: str = "导入"
    notes: Callable[[], list[tuple[str, str]]] = no_notes  # the template's notes sheet
    notes_widths: tuple[int, int] = (18, 100)

    def find(self, name: str) -> Column | None:
        """The column a normalised header names, through its header or an alias."""
        return next((c for c in self.columns if name in c.names), None)

    def template_headers(self) -> list[str]:
        return [c.header for c in self.columns if c.in_template]

    def headers_for_key(self, key: str) -> list[str]:
        return [c.header for c in self.columns if c.key == key]


def normalise_header(text: object) -> str:
    """Full-width brackets to ASCII, no spaces, no trailing required-marker asterisk."""
    value = str(text or "").replace("（", "(").replace("）", ")")
    value = "".join(value.split())
    return value.rstrip("*＊")
