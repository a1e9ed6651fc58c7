"""The indicator report as an XLSX workbook, one unit per column so that sorting and
summing a column is right:

- 指标: one row per scope (the province, then the zones), one column per indicator
  value with its unit in the header; money in 亿元 as Annex 2 writes it, with the exact
  元 value beside it as text;
- one composition sheet per breakdown the report holds (every caliber it carries);
- 口径与来源: the shown value, target, progress, caliber and source of every value, as text;
- 说明: year and generation time in the configured time zone.
Every user-written text goes through core.spreadsheets, so it stays text."""

import datetime as dt
import io
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from matchhub.core import clock
from matchhub.core.money import YI
from matchhub.core.spreadsheets import append_row
from matchhub.zones.statistics.indicator_table import indicator_rows
from matchhub.zones.statistics.values import ScopeReport, Value, YearReport

YI_PLACES = Decimal("0.000001")  # 亿元 to the 元 (six places), the exact value beside it
DETAIL_HEADERS = ("地区", "序号", "一级指标", "指标", "数值", "目标", "完成进度(%)", "口径",
                  "数据来源")
BAD_SHEET_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def _scopes(report: YearReport, with_province: bool) -> list[ScopeReport]:
    return ([report.province] if with_province else []) + report.zones


def _in_yi(amount: Any) -> Decimal | None:
    return None if amount is None else (Decimal(amount) / YI).quantize(YI_PLACES, ROUND_HALF_UP)


def _number(value: Any) -> Decimal | int | None:
    if value is None or isinstance(value, int):
        return value
    return Decimal(value)


def _columns(scopes: list[ScopeReport]) -> list[tuple[str, Value]]:
    """(key, a value of that key) of every scalar value, in report order."""
    found: dict[str, Value] = {}
    for scope in scopes:
        for key, value in scope.indicators.items():
            if value.is_scalar and key not in found:
                found[key] = value
    return list(found.items())


def _header(columns: list[tuple[str, Value]]) -> list[str]:
    cells = ["地区", "地区代码"]
    for _key, value in columns:
        if value.unit == "元":
            cells += [f"{value.name}（亿元）", f"{value.name}（元，精确值）"]
        else:
            cells.append(f"{value.name}（{value.unit}）" if value.unit else value.name)
    return cells


def _cells(scope: ScopeReport, columns: list[tuple[str, Value]]) -> list[Any]:
    cells: list[Any] = [scope.name, scope.code]
    for key, model in columns:
        value = scope.indicators.get(key)
        raw = value.value if value is not None else None
        if model.unit == "元":
            cells += [_in_yi(raw), "" if raw is None else str(raw)]
        else:
            cells.append(_number(raw))
    return cells


def _bold_header(sheet: Worksheet) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"


def _values_sheet(sheet: Worksheet, scopes: list[ScopeReport]) -> None:
    columns = _columns(scopes)
    append_row(sheet, _header(columns))
    for scope in scopes:
        append_row(sheet, _cells(scope, columns))
    _bold_header(sheet)


def _compositions(scopes: list[ScopeReport]) -> dict[str, Value]:
    """key -> a value of every breakdown (dict-valued) the report holds."""
    found: dict[str, Value] = {}
    for scope in scopes:
        for key, value in scope.indicators.items():
            if isinstance(value.value, dict) and key not in found:
                found[key] = value
    return found


def _sheet_title(name: str, taken: set[str]) -> str:
    title = name.translate(BAD_SHEET_CHARS)[:28]
    while title in taken:
        title = title[:26] + f"_{len(taken)}"
    taken.add(title)
    return title


def _composition_sheet(sheet: Worksheet, key: str, model: Value,
                       scopes: list[ScopeReport]) -> None:
    money = model.unit == "元"
    append_row(sheet, ["地区", "类别代码", "类别", "金额（亿元）" if money else
                       f"数值（{model.unit}）", *(["金额（元，精确值）"] if money else [])])
    for scope in scopes:
        value = scope.indicators.get(key)
        for code, raw in (value.value.items() if value is not None else ()):
            label = value.labels.get(code, code)
            extra = [str(raw)] if money else []
            append_row(sheet, [scope.name, str(code), label,
                               _in_yi(raw) if money else _number(raw), *extra])
    _bold_header(sheet)


def _detail_sheet(sheet: Worksheet, scopes: list[ScopeReport]) -> None:
    append_row(sheet, DETAIL_HEADERS)
    for scope in scopes:
        for r in indicator_rows(scope.indicators, full=True):
            append_row(sheet, [scope.name, r.no, r.group, r.name, r.shown, r.target or "",
                               r.progress or "", r.caliber, r.source])
    _bold_header(sheet)


def local_time(stamp: str) -> str:
    """An ISO time stamp (UTC) shown in the configured time zone."""
    moment = dt.datetime.fromisoformat(stamp)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(clock.zone()).strftime("%Y-%m-%d %H:%M:%S")


def _notes_sheet(sheet: Worksheet, report: YearReport) -> None:
    append_row(sheet, ["统计年度", report.year])
    if report.period is not None:
        append_row(sheet, ["统计期间", report.period.label])
        append_row(sheet, ["同比", report.period.growth_label])
    append_row(sheet, ["生成时间", f"{local_time(report.generated_at)}（{clock.zone().key}）"])
    append_row(sheet, ["说明", "“指标”表每列一个单位：金额按亿元（附件2 口径），其右一列为精确到"
                       "分的元值（文本）；构成表按报告所含的每种口径列出；技术合同按登记日期统计，"
                       "输出口径按卖方所在地区，吸纳口径按买方所在地区。"])


def indicator_workbook(report: YearReport, with_province: bool = True) -> bytes:
    """XLSX bytes of one report (every zone and the province, or one zone)."""
    scopes = _scopes(report, with_province)
    workbook = Workbook()
    _values_sheet(workbook.active, scopes)
    workbook.active.title = f"{report.period.label if report.period else report.year}指标"[:31]
    taken = {workbook.active.title, "口径与来源", "说明"}
    for key, model in _compositions(scopes).items():
        _composition_sheet(workbook.create_sheet(_sheet_title(model.name, taken)), key, model,
                           scopes)
    _detail_sheet(workbook.create_sheet("口径与来源"), scopes)
    _notes_sheet(workbook.create_sheet("说明"), report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
