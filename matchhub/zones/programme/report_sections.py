"""The narrative of a zone's yearly report (年度建设情况报告), section by section along the
outline of Annex 1: the zone's administrators write each section in the app; saving keeps
a draft (audited); submitting needs every section written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.audit import services as audit
from matchhub.core.errors import FieldErrors, NotFound
from matchhub.core.text import clean_text
from matchhub.zones.access import require_zone_admin
from matchhub.zones.models import ZoneReportSection

if TYPE_CHECKING:
    from matchhub.accounts.models import User

SECTION_LIMIT = 20_000


@dataclass(frozen=True)
class Section:
    code: str
    heading: str
    parent: str = ""  # the level-1 heading a subsection sits under


# Annex 1 outline; 二、总体思路 is written in its four subsections.
SECTIONS = (
    Section("foundation", "一、建设基础"),
    Section("guidance", "（一）指导思想", "二、总体思路"),
    Section("principles", "（二）建设原则", "二、总体思路"),
    Section("layout", "（三）总体布局", "二、总体思路"),
    Section("goals", "（四）建设目标", "二、总体思路"),
    Section("tasks", "三、示范任务"),
    Section("implementation", "四、组织实施"),
    Section("schedule", "五、重点任务分解与进度安排"),
)
SECTION_CODES = {s.code: s for s in SECTIONS}


def section_texts(session: Session, code: str, year: int) -> dict[str, str]:
    """Section code -> saved text ("" for a section not written yet)."""
    stmt = select(ZoneReportSection).filter_by(zone_code=code, year=year)
    saved = {row.section: row.text for row in session.scalars(stmt)}
    return {s.code: saved.get(s.code, "") for s in SECTIONS}


def save_sections(session: Session, user: User, code: str, year: int,
                  texts: dict[str, object]) -> list[str]:
    """Save the given sections as a draft; returns the codes that changed (each audited)."""
    require_zone_admin(user, code)
    unknown = set(texts) - set(SECTION_CODES)
    if unknown:
        raise NotFound(f"未知的报告章节：{'、'.join(sorted(unknown))}")
    cleaned = {key: clean_text(raw, key, limit=SECTION_LIMIT, multiline=True)
               for key, raw in texts.items()}
    stmt = select(ZoneReportSection).filter_by(zone_code=code, year=year)
    rows = {row.section: row for row in session.scalars(stmt)}
    changed = [key for key, text in cleaned.items()
               if text != (rows[key].text if key in rows else "")]
    for key in changed:
        row = rows.get(key) or ZoneReportSection(zone_code=code, year=year, section=key)
        row.text, row.updated_by_id = cleaned[key], user.id
        session.add(row)
        session.flush()
        audit.record(session, user, "zone_report.section", row,
                     f"{code} {year}年 {SECTION_CODES[key].heading}", length=len(cleaned[key]))
    session.flush()
    return changed


def require_complete(session: Session, code: str, year: int) -> None:
    """A yearly report is submitted only with every section written (422 naming them)."""
    errors = FieldErrors()
    for key, text in section_texts(session, code, year).items():
        if not text.strip():
            errors.add(key, f"「{SECTION_CODES[key].heading}」尚未填写")
    errors.raise_if_any()
