"""Enter a zone's (or the province's) officially published figure: 技术合同成交额 and/or
count for one period and caliber, with its source and evidence; audited. The newest
entry of a scope, year, period and caliber counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.audit import services as audit
from matchhub.catalog.inputs import clean_date
from matchhub.core.errors import FieldErrors, NotFound, PermissionDenied, ValidationFailed
from matchhub.core.money import parse_amount
from matchhub.core.regions import home_province, zones
from matchhub.core.text import is_blank, text_field
from matchhub.core.uploads import write_after_flush
from matchhub.zones.access import (
    can_enter_official_figure,
    can_see_documents,
    is_province_admin,
)
from matchhub.zones.entries.recording import MAX_YEAR, MIN_YEAR, Evidence, check_evidence
from matchhub.zones.models import OfficialFigure
from matchhub.zones.official.periods import CALIBERS, PERIODS

if TYPE_CHECKING:
    from matchhub.accounts.models import User

MAX_COUNT = 10_000_000


def _choice(errors: FieldErrors, data: Mapping, key: str, allowed: dict[str, str]) -> str:
    value = str(data.get(key) or "").strip()
    if value not in allowed:
        errors.add(key, f"可选：{'、'.join(f'{k}（{v}）' for k, v in allowed.items())}")
    return value


def _year(errors: FieldErrors, data: Mapping) -> int:
    try:
        year = int(str(data.get("year")).strip())
    except ValueError:
        year = 0
    if not MIN_YEAR <= year <= MAX_YEAR:
        errors.add("year", f"年份应在 {MIN_YEAR}-{MAX_YEAR} 之间")
    return year


def _volume(errors: FieldErrors, raw: Any) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = parse_amount(raw)
    except ValueError as exc:
        errors.add("volume", str(exc))
        return None
    if value <= 0:
        errors.add("volume", "成交额必须大于 0（单位元）")
    return value


def _count(errors: FieldErrors, raw: Any) -> int | None:
    if raw in (None, ""):
        return None
    text = str(raw).strip()
    if not text.isdigit() or not 0 < int(text) <= MAX_COUNT:
        errors.add("contract_count", "合同数应为正整数")
        return None
    return int(text)


def _url(errors: FieldErrors, raw: Any) -> str:
    url = text_field(errors, raw, "source_url", limit=500)
    if url and not url.lower().startswith(("http://", "https://")):
        errors.add("source_url", "应为 http:// 或 https:// 开头的网址")
    return url


def clean_figure(data: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """Typed values of an official figure, or ValidationFailed naming each bad field."""
    errors = FieldErrors()
    cleaned = {
        "year": _year(errors, data),
        "period": _choice(errors, data, "period", PERIODS),
        "caliber": _choice(errors, data, "caliber", CALIBERS),
        "volume": _volume(errors, data.get("volume")),
        "contract_count": _count(errors, data.get("contract_count")),
        "published_on": clean_date(errors, data, "published_on", default=dt.date.min),
        "source_note": text_field(errors, data.get("source_note"), "source_note",
                                  limit=2000, multiline=True),
        "source_url": _url(errors, data.get("source_url")),
    }
    if cleaned["published_on"] == dt.date.min:
        cleaned["published_on"] = None
    elif cleaned["published_on"] and cleaned["published_on"] > today:
        errors.add("published_on", "发布日期不能晚于今天")
    if cleaned["volume"] is None and cleaned["contract_count"] is None and not (
            {"volume", "contract_count"} & set(errors.fields)):
        errors.add("volume", "请填写成交额或合同数（至少一项）")
    if is_blank(cleaned["source_note"]) and not cleaned["source_url"]:
        errors.add("source_note", "请注明数据来源（发布单位、文件或报道）或填写来源网址")
    errors.raise_if_any()
    return cleaned


def _require(user: User | None, scope_code: str) -> None:
    if scope_code not in zones() and scope_code != home_province().code:
        raise ValidationFailed({"scope_code": ["未知的示范区或省份代码"]})
    if not can_enter_official_figure(user, scope_code):
        raise PermissionDenied("只有平台（省级）管理员和本示范区管理员可以录入官方发布数据")


def enter_official_figure(session: Session, user: User | None, scope_code: str,
                          data: Mapping[str, Any], today: dt.date, *,
                          evidence: Evidence | None = None,
                          data_dir: Path | None = None) -> OfficialFigure:
    """Record a published figure; ``user`` None is the command line. Audited."""
    if user is not None:
        _require(user, scope_code)
    elif scope_code not in zones() and scope_code != home_province().code:
        raise ValidationFailed({"scope_code": ["未知的示范区或省份代码"]})
    row = OfficialFigure(scope_code=scope_code, **clean_figure(data, today),
                         entered_by_id=user.id if user is not None else None)
    if evidence is not None and data_dir is not None:
        row.evidence_name = PurePath(evidence.filename).name[:200]
        row.evidence_path = check_evidence(evidence)
    session.add(row)
    session.flush()
    if row.evidence_path:
        write_after_flush(session, data_dir / "evidence" / row.evidence_path, evidence.data)
    audit.record(session, user, "zone.official_figure", row,
                 f"{scope_code} {row.year} {row.period} {CALIBERS[row.caliber]}",
                 volume=str(row.volume) if row.volume is not None else None,
                 contract_count=row.contract_count, source=row.source_url or row.source_note)
    return row


def latest_figures(session: Session, scope_code: str, year: int
                   ) -> dict[tuple[str, str], OfficialFigure]:
    """(period, caliber) -> the newest entry of a scope's year."""
    stmt = (select(OfficialFigure).where(OfficialFigure.scope_code == scope_code,
                                         OfficialFigure.year == year)
            .order_by(OfficialFigure.id))
    return {(f.period, f.caliber): f for f in session.scalars(stmt)}


def evidence_file(session: Session, user: User | None, scope_code: str, figure_id: int,
                  data_dir: Path) -> tuple[Path, str]:
    """The stored evidence of an official figure, for those who may see the scope's
    documents; NotFound for anything else."""
    figure = session.get(OfficialFigure, figure_id)
    allowed = is_province_admin(user) or can_see_documents(user, scope_code)
    if figure is None or figure.scope_code != scope_code or not figure.evidence_path or (
            not allowed):
        raise NotFound("证明材料不存在或无权查看")
    return data_dir / "evidence" / figure.evidence_path, figure.evidence_name
