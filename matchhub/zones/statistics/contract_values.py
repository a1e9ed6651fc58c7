"""Turn one zone's contract figures into the report values of indicator 1 (技术合同成交额)."""

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
from matchhub.zones.statistics.values import Value, growth, money_text

OUTPUT = "输出口径：卖方在本地区的合同，按登记日期计"
ABSORBED = "吸纳口径：买方在本地区的合同（含外省登记的合同），按登记日期计"
INDICATOR = "contract_volume"


def _money_map(amounts: dict[str, Decimal], codes: list[str]) -> dict[str, str]:
    return {code: money_text(amounts.get(code, Decimal(0))) for code in codes}


def _by_group(by_party: dict[str, Decimal]) -> dict[str, Decimal]:
    groups: dict[str, Decimal] = {}
    for code, amount in by_party.items():
        group = party_group_of().get(code, "other")
        groups[group] = groups.get(group, Decimal(0)) + amount
    return groups


def output_values(stats: ZoneContractStats, previous: ZoneContractStats,
                  provenance: dict[str, Any], year: int) -> list[Value]:
    """The output caliber's values; per-type figures by the types of ``year`` (before
    民法典, 2021, licences are 技术转让 sub-types and reports show four types)."""
    p = {**provenance, "contracts": stats.count}
    types = report_types(year)
    by_type, count_by_type = fold_licences(stats.by_type, year), fold_licences(
        stats.count_by_type, year)
    fields = vocabulary("tech_fields")

    def value(key, name, amount, unit="元", labels=None):
        return Value(key, name, INDICATOR, amount, unit, OUTPUT, p, labels or {})

    return [
        value("contract_volume_output", "技术合同成交额（输出）", money_text(stats.volume)),
        value("contract_count_output", "技术合同数（输出）", stats.count, "项"),
        value("tech_income_output", "技术交易额（输出）", money_text(stats.tech_income)),
        value("contract_volume_output_by_type", "成交额构成：按合同类型",
              _money_map(by_type, types.codes), labels=types.labels),
        value("contract_count_output_by_type", "合同数构成：按合同类型",
              {c: count_by_type.get(c, 0) for c in types.codes}, "项", types.labels),
        value("contract_volume_output_by_party_type", "成交额构成：按卖方性质",
              _money_map(stats.by_party, party_types().codes), labels=party_types().labels),
        value("contract_volume_output_by_party_group", "成交额构成：按卖方类别",
              _money_map(_by_group(stats.by_party), party_groups().codes),
              labels=party_groups().labels),
        value("contract_volume_output_by_field", "成交额构成：按技术领域",
              _money_map(stats.by_field, fields.codes), labels=fields.labels),
        value("contract_volume_output_by_quarter", "成交额：按季度",
              {str(q): money_text(stats.by_quarter.get(q, Decimal(0))) for q in (1, 2, 3, 4)},
              labels={str(q): f"第{q}季度" for q in (1, 2, 3, 4)}),
        value("large_contracts_output", "1000万元以上重大技术合同数（输出）",
              stats.large_count, "项"),
        value("large_contracts_volume_output", "1000万元以上重大技术合同成交额（输出）",
              money_text(stats.large_volume)),
        value("ip_contracts_output", "涉及知识产权的技术合同数（输出）", stats.ip_count, "项"),
        value("ip_contracts_volume_output", "涉及知识产权的技术合同成交额（输出）",
              money_text(stats.ip_volume)),
        Value("contract_volume_output_growth", "技术合同成交额同比增长（输出）", INDICATOR,
              growth(stats.volume, previous.volume), "%", OUTPUT,
              {**p, "previous_year_volume": money_text(previous.volume),
               "previous_year_contracts": previous.count}),
    ]


def absorbed_values(stats: ZoneContractStats, provenance: dict[str, Any],
                    elsewhere: tuple[int, Decimal] = (0, Decimal(0))) -> list[Value]:
    """The 吸纳 values; the provenance names the contracts registered in other provinces
    (外省登记) they include."""
    p = {**provenance, "contracts": stats.count,
         "registered_elsewhere_contracts": elsewhere[0],
         "registered_elsewhere_volume": money_text(elsewhere[1])}
    return [
        Value("contract_volume_absorbed", "技术合同成交额（吸纳）", INDICATOR,
              money_text(stats.volume), "元", ABSORBED, p),
        Value("contract_count_absorbed", "技术合同数（吸纳）", INDICATOR, stats.count, "项",
              ABSORBED, p),
    ]
