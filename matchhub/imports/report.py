"""What an import tells its caller: counts, the ids written, and each refused row and column.

An import is all or nothing, so a refused import raises ImportFailed carrying the report;
its error body adds ``rows`` (one entry per bad row and column) to the usual error shape.
"""

from dataclasses import asdict, dataclass, field
from typing import Any

from matchhub.core.errors import ValidationFailed


@dataclass
class RowError:
    row: int  # spreadsheet row number; 1 is the header row
    field: str  # the column header, when the error belongs to one
    message: str


@dataclass
class ImportReport:
    total: int = 0  # data rows in the file (blank rows skipped)
    created: int = 0
    ids: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # file columns that fed no field
    warnings: list[RowError] = field(default_factory=list)  # e.g. ignored look-alike columns
    # A header problem: the suggested column map, unknown headers and missing fields
    # (column_map.MapPlan.as_dict), so that a client can resend the file with a map.
    mapping: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def refuse(self, row: int, errors: dict[str, list[str]]) -> None:
        """Record the messages of one row, by column header."""
        self.errors += [RowError(row, header, message)
                        for header, messages in errors.items() for message in messages]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class ImportFailed(ValidationFailed):
    """Nothing was imported; ``report.errors`` lists each bad row and column."""

    nothing = "数据"  # what was not imported, in the message

    def __init__(self, report: ImportReport):
        self.report = report
        message = self.message_for(report)
        super().__init__({"file": [message]}, message)

    def message_for(self, report: ImportReport) -> str:
        rows = len({e.row for e in report.errors})
        return f"导入失败：{rows} 行有误，未导入任何{self.nothing}"

    def body(self) -> dict[str, Any]:
        body = super().body()
        body["error"]["rows"] = [asdict(e) for e in self.report.errors]
        if self.report.mapping is not None:
            body["error"]["mapping"] = self.report.mapping
        return body
