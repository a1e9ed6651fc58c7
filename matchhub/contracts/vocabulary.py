"""The contract registry's vocabularies (types and sub-types, party types, IP types),
from config/contracts.json. Codes are stored; people and import files use the labels, and
import files and the API may also use the aliases (other spellings, the registration
form's numeric party-type codes)."""

import datetime as dt
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
    licence_of: str = ""  # the type licences belonged to before 民法典 ("" = not the licence type)
    old_licences: frozenset[str] = frozenset()  # sub-types that were licences before 民法典


@cache
def _data() -> dict:
    return load_json("contracts.json")


def _vocabulary(name: str, rows: list[dict]) -> Vocabulary:
    return Vocabulary(name, {row["code"]: row["label"] for row in rows},
                      {alias: row["code"] for row in rows for alias in row.get("aliases", ())})


@cache
def contract_types() -> dict[str, ContractType]:
    return {
        row["code"]: ContractType(
            row["code"], row["label"], _vocabulary(f"{row['code']}_subtypes", row["subtypes"]),
            row.get("licence_of", ""),
            frozenset(s["code"] for s in row["subtypes"] if s.get("until_civil_code")))
        for row in _data()["contract_types"]
    }


@cache
def type_vocabulary() -> Vocabulary:
    return Vocabulary("contract_types", {c.code: c.label for c in contract_types().values()})


def civil_code_from() -> dt.date:
    """From this signing date (民法典) 技术许可 is a contract type of its own."""
    return dt.date.fromisoformat(_data()["civil_code_from"])


def registry_rules_from() -> dt.date:
    """From this registration date the 2026 《技术合同认定登记管理办法》 (工业和信息化部) and
    its annex 《技术合同认定登记规则》 apply, in place of the 2000 办法 and 2001 规则."""
    return dt.date.fromisoformat(_data()["registry_rules_from"])


def registry_rules(registered_on: dt.date) -> str:
    """The rules a contract registered on ``registered_on`` was recognised under."""
    if registered_on >= registry_rules_from():
        return ("《技术合同认定登记管理办法》（2026 年，工业和信息化部）"
                "及附件《技术合同认定登记规则》")
    return "《技术合同认定登记管理办法》（2000 年）及《技术合同认定规则》（2001 年）"


def _licence_type() -> ContractType:
    return next(c for c in contract_types().values() if c.licence_of)


def classify(contract_type: str, subtype: str, signed_on: dt.date) -> tuple[str, str]:
    """The type and sub-type a contract has under the law of its signing date: a licence
    signed before 民法典 is a 技术转让 sub-type; a 技术转让 licence signed after is 技术许可."""
    licence = _licence_type()
    before = contract_types()[licence.licence_of]
    if signed_on < civil_code_from():
        if contract_type == licence.code:
            return before.code, subtype if subtype in before.subtypes else "other"
    elif contract_type == before.code and subtype in before.old_licences:
        return licence.code, subtype
    return contract_type, subtype


def report_types(year: int) -> Vocabulary:
    """The contract types a report of ``year`` shows: four before 民法典 (licences are
    counted under 技术转让), five from the year it took effect."""
    types = type_vocabulary()
    if year >= civil_code_from().year:
        return types
    licence = _licence_type().code
    return Vocabulary(types.name, {c: label for c, label in types.labels.items() if c != licence})


def fold_licences(amounts: dict, year: int) -> dict:
    """Per-type figures as a report of ``year`` shows them (see report_types)."""
    licence = _licence_type()
    if year >= civil_code_from().year or licence.code not in amounts:
        return amounts
    folded = {c: v for c, v in amounts.items() if c != licence.code}
    folded[licence.licence_of] = folded.get(licence.licence_of, 0) + amounts[licence.code]
    return folded


@cache
def party_types() -> Vocabulary:
    rows = _data()["party_types"]
    vocab = _vocabulary("party_types", rows)
    vocab.aliases.update({form: row["code"] for row in rows for form in row.get("form_codes", ())})
    return vocab


@cache
def party_group_of() -> dict[str, str]:
    """Party type code -> its group (事业单位, 内资企业, ...), for composition tables. A value
    given at group level (事业单位, 内资企业) is its own type and counts in its group."""
    return {row["code"]: row["group"] for row in _data()["party_types"]}


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
