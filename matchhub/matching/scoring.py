"""One function per matching factor. Each returns a ``Factor``: its contribution to the
score (``weight``) with the reason in plain Chinese, or None when it has nothing to say."""

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal

from matchhub.core.money import format_money
from matchhub.core.regions import region_name, zone_for_region
from matchhub.core.vocabularies import trl_levels, vocabulary
from matchhub.matching.weights import MatchWeights

SHOWN_TERMS = 4


@dataclass(frozen=True)
class Factor:
    code: str
    label: str
    weight: float  # contribution to the score


def _factor(code: str, label: str, weight: float) -> Factor:
    return Factor(code, label, round(weight, 4))


def text_label(terms: Sequence[str], semantic_only: bool = False) -> str:
    if terms:
        return "内容相关：" + "、".join(f"「{t}」" for t in terms[:SHOWN_TERMS])
    return "语义相近" if semantic_only else "内容相关"


def text_factor(relevance: float, terms: Sequence[str], semantic_only: bool,
                w: MatchWeights) -> Factor:
    """Search relevance relative to the best candidate (0..1), with the shared terms."""
    label = text_label(terms, semantic_only)
    return _factor("text", label, w.text * max(0.0, min(1.0, relevance)))


def field_factor(need_field: str, achievement_field: str, w: MatchWeights) -> Factor:
    if need_field == achievement_field:
        return _factor("field_same", "领域一致", w.field_same)
    labels = vocabulary("tech_fields")
    shown = f"{labels.label(need_field)} / {labels.label(achievement_field)}"
    return _factor("field_different", f"领域不同（{shown}）", w.field_different)


def _level_name(level: int, other: int) -> str:
    """The maturity stage (中试), or the TRL when both levels share a stage."""
    mine, theirs = trl_levels().get(level), trl_levels().get(other)
    if mine is None or theirs is None or mine.stage == theirs.stage:
        return f"TRL{level}"
    return mine.stage_label


def maturity_factor(required_trl: int | None, trl: int | None, w: MatchWeights) -> Factor | None:
    """At or above the TRL the need requires; each missing level costs, up to a cap."""
    if required_trl is None or trl is None:
        return None
    shown = f"{_level_name(trl, required_trl)}"
    wanted = f"{_level_name(required_trl, trl)}"
    if trl >= required_trl:
        return _factor("maturity_met", f"成熟度满足（{shown} ≥ {wanted}）", w.maturity_met)
    penalty = max(w.maturity_short_max, w.maturity_short_per_level * (required_trl - trl))
    return _factor("maturity_short", f"成熟度不足（{shown} < {wanted}）", penalty)


def modes_factor(need_modes: Collection[str], achievement_modes: Collection[str],
                 w: MatchWeights) -> Factor | None:
    """Share of the need's transfer modes the achievement offers."""
    if not need_modes or not achievement_modes:
        return None
    shared = sorted(set(need_modes) & set(achievement_modes))
    if not shared:
        return _factor("modes_disjoint", "合作方式不同", w.modes_disjoint)
    names = "、".join(vocabulary("transfer_modes").label(m) for m in shared)
    share = len(shared) / len(set(need_modes))
    return _factor("modes_shared", f"合作方式相同：{names}", w.modes_overlap * share)


def price_factor(asking: Decimal | None, asking_negotiable: bool, budget_max: Decimal | None,
                 budget_negotiable: bool, w: MatchWeights) -> Factor:
    """Asking price against the budget ceiling; 面议 on either side is neutral."""
    if asking is None or asking_negotiable or budget_negotiable:
        return _factor("price_negotiable", "价格面议", 0.0)
    if budget_max is None:
        return _factor("price_open", "预算未设上限", 0.0)
    if asking <= budget_max:
        return _factor("price_within", "报价在预算内", w.price_within)
    overshoot = float((asking - budget_max) / budget_max) if budget_max > 0 else 1.0
    label = f"报价高于预算（{format_money(asking)} > {format_money(budget_max)}）"
    return _factor("price_over", label, w.price_over_max * min(1.0, overshoot))


def prefecture_of(code: str) -> str:
    """The 市州 (or zone) a region code lies in; "" for a province-level code."""
    if not code or code.endswith("0000"):
        return ""
    return zone_for_region(code) or code[:4] + "00"


def region_factor(need_region: str, achievement_region: str, w: MatchWeights) -> Factor | None:
    """Same 市州 first, then the same province (results converted in the province first)."""
    prefecture = prefecture_of(need_region)
    if prefecture and prefecture == prefecture_of(achievement_region):
        return _factor("region_prefecture", f"同属{region_name(prefecture)}", w.region_prefecture)
    province = need_region[:2] + "0000"
    if need_region and province == achievement_region[:2] + "0000":
        return _factor("region_province", f"同属{region_name(province)}", w.region_province)
    return None


def freshness_factor(published_on: dt.date | None, today: dt.date,
                     w: MatchWeights) -> Factor | None:
    """Full weight for recent listings, fading linearly to nothing."""
    if published_on is None:
        return None
    age = max(0, (today - published_on).days)
    if age >= w.fresh_zero_days:
        return None
    if age <= w.fresh_full_days:
        return _factor("fresh", f"新近发布（{age} 天前）", w.fresh)
    share = (w.fresh_zero_days - age) / (w.fresh_zero_days - w.fresh_full_days)
    return _factor("fresh", f"发布于 {age} 天前", w.fresh * share)


def expiry_factor(expires_on: dt.date | None, today: dt.date, w: MatchWeights) -> Factor | None:
    """A listing about to lapse is a weaker lead."""
    if expires_on is None:
        return None
    left = (expires_on - today).days
    if left < 0 or left > w.expiring_days:
        return None
    return _factor("expiring", f"即将到期（剩 {left} 天）", w.expiring)
