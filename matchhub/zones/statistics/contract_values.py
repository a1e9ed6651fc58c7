"""Turn one zone's contract figures into the report values of indicator 1 (技术合同成交额),
for both calibers with the same breakdowns: 输出 (the seller's zone) and 吸纳 (the buyer's)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from matchhub.contracts.vocabulary import (
    fold_licences,
    party_group_of,
    party_groups,
    party_types,
    report_types,
)
from matchhub.core.vocabularies import vocabulary
from matchhub.zones.statistics.contract_stats import ZoneContractStats
from matchhub.zones.statistics.periods import Period
from matchhub.zones.statistics.values import Value, growth, money_text

OUTPUT = "输出口径：卖方在本地区的合同，按登记日期计"
ABSORBED = "吸纳口径：买方在本地区的合同（含外省登记的合同），按登记日期计"
INDICATOR = "contract_volume"


def _money_map(amounts: dict[str, Decimal], codes: list[str]) -> dict[str, str]:
    return {code: money_text(amounts.get(code, Decimal(0))) for code in codes}


def _count_map(counts: dict[str, int], codes: list[str]) -> dict[str, int]:
    return {code: counts.get(code, 0) for code in codes}


def _by_group(by_party: dict[str, Any]) -> dict[str, Any]:
    groups: dict[str, Any] = {}
    for code, amount in by_party.items():
        group = party_group_of().get(code, "other")
        groups[group] = groups.get(group, 0) + amount
    return groups


@dataclass(frozen=True)
class Caliber:
    """One caliber's report keys and words: 输出 (seller side) or 吸纳 (buyer side)."""

    side: str  # seller | buyer
    suffix: str  # output | absorbed
    word: str  # 输出 | 吸纳
    party: str  # 卖方 | 买方
    text: str  # the caliber note

    def key(self, stem: str, breakdown: str = "") -> str:
        return f"{stem}_{self.suffix}" + (f"_by_{breakdown}" if breakdown else "")


OUTPUT_CALIBER = Caliber("seller", "output", "输出", "卖方", OUTPUT)
ABSORBED_CALIBER = Caliber("buyer", "absorbed", "吸纳", "买方", ABSORBED)
CALIBERS = (OUTPUT_CALIBER, ABSORBED_CALIBER)


def _quarters(stats: ZoneContractStats, period: Period, counts: bool) -> dict[str, Any]:
    source = stats.count_by_quarter if counts else stats.by_quarter
    zero = 0 if counts else Decimal(0)
    return {str(q): (source.get(q, zero) if counts else money_text(source.get(q, zero)))
            for q in period.quarters}


def _breakdown_values(c: Caliber, stats: ZoneContractStats, period: Period, value) -> list:
    """Volume and count of every breakdown (type, party type and group, field, quarter)."""
    types = report_types(period.year)
    by_type = fold_licences(stats.by_type, period.year)
    count_by_type = fold_licences(stats.count_by_type, period.year)
    fields, parties, groups = vocabulary("tech_fields"), party_types(), party_groups()
    quarter_labels = {str(q): f"第{q}季度" for q in period.quarters}
    return [
        value(c.key("contract_volume", "type"), "成交额构成：按合同类型",
              _money_map(by_type, types.codes), labels=types.labels),
        value(c.key("contract_count", "type"), "合同数构成：按合同类型",
              _count_map(count_by_type, types.codes), "项", types.labels),
        value(c.key("contract_volume", "party_type"), f"成交额构成：按{c.party}性质",
              _money_map(stats.by_party, parties.codes), labels=parties.labels),
        value(c.key("contract_count", "party_type"), f"合同数构成：按{c.party}性质",
              _count_map(stats.count_by_party, parties.codes), "项", parties.labels),
        value(c.key("contract_volume", "party_group"), f"成交额构成：按{c.party}类别",
              _money_map(_by_group(stats.by_party), groups.codes), labels=groups.labels),
        value(c.key("contract_count", "party_group"), f"合同数构成：按{c.party}类别",
              _count_map(_by_group(stats.count_by_party), groups.codes), "项", groups.labels),
        value(c.key("contract_volume", "field"), "成交额构成：按技术领域",
              _money_map(stats.by_field, fields.codes), labels=fields.labels),
        value(c.key("contract_count", "field"), "合同数构成：按技术领域",
              _count_map(stats.count_by_field, fields.codes), "项", fields.labels),
        value(c.key("contract_volume", "quarter"), "成交额：按季度",
              _quarters(stats, period, counts=False), labels=quarter_labels),
        value(c.key("contract_count", "quarter"), "合同数：按季度",
              _quarters(stats, period, counts=True), "项", quarter_labels),
    ]


def caliber_values(c: Caliber, stats: ZoneContractStats, previous: ZoneContractStats,
                   provenance: dict[str, Any], period: Period) -> list[Value]:
    """One caliber's values for a period; per-type figures by the types of its year
    (before 民法典, 2021, licences are 技术转让 sub-types and reports show four types).
    Growth compares with the same period of the previous year (同比)."""
    p = {**provenance, "contracts": stats.count}

    def value(key, name, amount, unit="元", labels=None):
        return Value(key, name, INDICATOR, amount, unit, c.text, p, labels or {})

    w = c.word
    return [
        value(c.key("contract_volume"), f"技术合同成交额（{w}）", money_text(stats.volume)),
        value(c.key("contract_count"), f"技术合同数（{w}）", stats.count, "项"),
        value(c.key("tech_income"), f"技术交易额（{w}）", money_text(stats.tech_income)),
        *_breakdown_values(c, stats, period, value),
        value(c.key("large_contracts"), f"1000万元以上重大技术合同数（{w}）",
              stats.large_count, "项"),
        value(c.key("large_contracts_volume"), f"1000万元以上重大技术合同成交额（{w}）",
              money_text(stats.large_volume)),
        value(c.key("ip_contracts"), f"涉及知识产权的技术合同数（{w}）", stats.ip_count, "项"),
        value(c.key("ip_contracts_volume"), f"涉及知识产权的技术合同成交额（{w}）",
              money_text(stats.ip_volume)),
        Value(c.key("contract_volume") + "_growth", f"技术合同成交额同比增长（{w}）", INDICATOR,
              growth(stats.volume, previous.volume), "%", c.text,
              {**p, "compared_with": period.growth_label,
               "previous_period": previous_span(period),
               "previous_year_volume": money_text(previous.volume),
               "previous_year_contracts": previous.count}),
    ]


def previous_span(period: Period) -> dict[str, str]:
    before = period.previous()
    return {"label": before.label, "from": before.start.isoformat(),
            "to": before.end.isoformat()}
