"""The contract registry's vocabularies (types and sub-types, party types, IP types),
from config/contracts.json. Codes are stored; people and import files use the labels."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from matchhub.core.config_files import load_json
from matchhub.core.vocabularies import Vocabulary


@dataclass(frozen=True)
class ContractType:
    code: str
    label: str
    subtypes: Vocabulary


@cache
def _data() -> dict:
    return load_json("contracts.json")


@cache
def contract_types() -> dict[str, ContractType]:
    return {
        row["code"]: ContractType(row["code"], row["label"],
                                  Vocabulary(f"{row['code']}_subtypes", dict(row["subtypes"])))
        for row in _data()["contract_types"]
    }


@cache
def type_vocabulary() -> Vocabulary:
    return Vocabulary("contract_types", {c.code: c.label for c in contract_types().values()})


@cache
def party_types() -> Vocabulary:
    return Vocabulary("party_types", {row[0]: row[1] for row in _data()["party_types"]})


@cache
def party_group_of() -> dict[str, str]:
    """Party type code -> its group (事业单位, 内资企业, ...), for composition tables."""
    return {row[0]: row[2] for row in _data()["party_types"]}


@cache
def party_groups() -> Vocabulary:
    return Vocabulary("party_groups", dict(_data()["party_groups"]))


@cache
def ip_types() -> Vocabulary:
    return Vocabulary("contract_ip_types", dict(_data()["ip_types"]))


@cache
def statuses() -> Vocabulary:
    return Vocabulary("contract_statuses", dict(_data()["statuses"]))


def large_contract_threshold() -> Decimal:
    """Contracts of at least this 成交额 (元) count as 重大技术合同 (1000 万元)."""
    return Decimal(_data()["large_contract_threshold"])


NO_IP = "none"
