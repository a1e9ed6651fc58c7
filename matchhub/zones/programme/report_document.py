"""The yearly report (年度建设情况报告) of a zone as one typed object, built once and
rendered as DOCX and as PDF: the heading, the construction period of the approved plan,
the narrative sections the zone wrote, its policy texts, and the indicator tables."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from matchhub.core.money import format_money
from matchhub.core.regions import home_province, zones
from matchhub.zones.entries import recording as entries
from matchhub.zones.indicators import by_source
from matchhub.zones.programme.plans import get_plan
from matchhub.zones.programme.report_sections import SECTIONS, section_texts
from matchhub.zones.programme.status import PROGRAMME_STATUSES, find_programme
from matchhub.zones.statistics.history import zone_values
from matchhub.zones.statistics.indicator_table import indicator_rows
from matchhub.zones.statistics.trends import Totals, yearly_totals
from matchhub.zones.statistics.values import percent

UNWRITTEN = "（尚未填写）"
INDICATOR_COLUMNS = ("序号", "一级指标", "指标", "数值", "目标", "完成进度", "数据来源")
TREND_COLUMNS = ("年度", "合同数（项）", "成交额", "目标", "完成进度")


@dataclass
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: list[list[str]]


@dataclass
class Part:
    """One heading of the outline with the zone's text (level 1 or 2)."""

    heading: str
    level: int
    text: str | None  # None: a heading whose text is in its subsections


@dataclass
class YearlyReportDocument:
    title: str
    zone_code: str
    year: int
    period: str  # 建设期 from the approved plan, or a sentence saying none is approved
    status: str
    parts: list[Part]
    policies: list[tuple[str, str]]  # (policy indicator, the zone's text)
    indicators: Table
    trend: Table | None
    note: str


def _period(session: Session, code: str) -> tuple[str, tuple[int, int] | None]:
    plan = get_plan(session, code)
    if plan is None or plan.status != "approved":
        return "尚无经批准的建设方案，建设期未定", None
    return f"{plan.start_year}—{plan.end_year}年（经批准的建设方案）", (plan.start_year,
                                                                  plan.end_year)


def _parts(session: Session, code: str, year: int) -> list[Part]:
    texts, parts, parent = section_texts(session, code, year), [], ""
    for section in SECTIONS:
        if section.parent and section.parent != parent:
            parts.append(Part(section.parent, 1, None))
        parent = section.parent
        parts.append(Part(section.heading, 2 if section.parent else 1,
                          texts[section.code].strip() or UNWRITTEN))
    return parts


def _policies(session: Session, code: str, year: int) -> list[tuple[str, str]]:
    rows = entries.policies(session, year)
    return [(i.name, rows[(code, i.code)].text.strip() or UNWRITTEN
             if (code, i.code) in rows else UNWRITTEN) for i in by_source("qualitative")]


def _indicator_table(values, year: int) -> Table:
    rows = [[str(r.no), r.group, r.name, r.shown, r.target or "—",
             f"{r.progress}%" if r.progress else "—", r.source] for r in indicator_rows(values)]
    return Table(f"表1　{year}年度建设指标完成情况（附件2 指标体系）", INDICATOR_COLUMNS, rows)


def _trend_table(session: Session, code: str, first: int, last: int) -> Table:
    totals = yearly_totals(session, first, last, home_province().code)
    rows = []
    for year in range(first, last + 1):
        found = totals.get((code, year)) or Totals()
        target = entries.targets(session, year).get((code, "contract_volume_output"))
        progress = percent(found.volume, target) if target else None
        rows.append([f"{year}年", str(found.count), format_money(found.volume),
                     format_money(target) if target else "—",
                     f"{progress}%" if progress else "—"])
    return Table(f"表2　建设期技术合同成交额（输出口径）年度情况（{first}—{last}年）",
                 TREND_COLUMNS, rows)


def build_document(session: Session, code: str, year: int,
                   today: dt.date) -> YearlyReportDocument:
    """Everything the DOCX and the PDF print, read once."""
    name = zones()[code].name
    period, years = _period(session, code)
    programme = find_programme(session, code)
    values = zone_values(session, code, year, today)
    as_of = min(today, dt.date(year, 12, 31))
    return YearlyReportDocument(
        f"{name}科技成果转移转化示范区{year}年度建设情况报告", code, year, period,
        PROGRAMME_STATUSES[programme.status if programme else "applying"],
        _parts(session, code, year), _policies(session, code, year),
        _indicator_table(values, year),
        _trend_table(session, code, *years) if years else None,
        f"说明：指标数值由平台根据技术合同登记、平台认证记录和示范区填报数据生成（截至"
        f"{as_of.isoformat()}）；金额以万元、亿元显示，精确到分的数值见指标表导出（XLSX）。")
