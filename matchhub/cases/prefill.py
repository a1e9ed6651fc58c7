"""Contract registration values drawn from a signed case: parties, field, IP, mode and
amounts, so that registering the contract is one step. Only values the case determines
are filled; the registration number and anything uncertain are left to the person."""

import datetime as dt
from decimal import Decimal

from matchhub.accounts.models import Organisation
from matchhub.cases.models import MatchCase
from matchhub.catalog.models import Achievement, Need
from matchhub.contracts.naming import contract_name
from matchhub.contracts.vocabulary import NO_IP, type_vocabulary

# Catalogue IP types (vocabularies.json) -> the registry's (contracts.json).
IP_TYPES = {"invention_patent": "patent", "utility_model": "patent", "design_patent": "patent",
            "software_copyright": "software_copyright", "ic_layout": "ic_layout",
            "plant_variety": "plant_variety", "trade_secret": "trade_secret", "other": "other"}
# Organisation kinds whose registry party type is certain (enterprises vary: left blank).
PARTY_TYPES = {"university": "university", "institute": "research_institute",
               "government": "government"}
# Transfer mode -> contract type, and the sub-type by the registry IP type.
MODE_TYPES = {"transfer": "transfer", "equity": "transfer", "license": "license",
              "co_development": "development", "service": "service"}
SUBTYPES = {
    "transfer": {"patent": "patent", "trade_secret": "know_how", "": "other"},
    "license": {"patent": "patent_license", "trade_secret": "know_how_license", "": "other"},
    "development": {"": "cooperative"},
    "service": {"": "general"},
}
MODE_PREFERENCE = ("transfer", "license", "co_development", "equity", "service")


def ip_type(achievement: Achievement) -> str:
    if not achievement.ip_records:
        return NO_IP
    return IP_TYPES.get(achievement.ip_records[0].ip_type, "other")


def mode(need: Need, achievement: Achievement) -> str:
    """The mode both sides accept, else the achievement's, else the need's."""
    shared = set(need.modes) & set(achievement.modes)
    for pool in (shared, set(achievement.modes), set(need.modes)):
        found = next((m for m in MODE_PREFERENCE if m in pool), None)
        if found:
            return found
    return "transfer"


def contract_kind(need: Need, achievement: Achievement) -> tuple[str, str]:
    kind = MODE_TYPES[mode(need, achievement)]
    subtypes = SUBTYPES[kind]
    ip = ip_type(achievement)
    return kind, subtypes.get(ip, subtypes[""])


def _party(prefix: str, org: Organisation) -> dict[str, str]:
    return {f"{prefix}_name": org.name, f"{prefix}_party_type": PARTY_TYPES.get(org.kind, ""),
            f"{prefix}_region_code": org.region_code, f"{prefix}_org_id": str(org.id)}


def amount(case: MatchCase, need: Need, achievement: Achievement) -> Decimal | None:
    return case.agreed_amount or achievement.asking_price or need.budget_max


def _money(value: Decimal | None) -> str:
    return str(value) if value is not None else ""


def contract_values(case: MatchCase, broker_id: int | None, today: dt.date) -> dict[str, str]:
    """ContractForm data for the case's first achievement and its need."""
    need, achievement = case.need, case.achievements[0]
    kind, subtype = contract_kind(need, achievement)
    name = contract_name(achievement.title, type_vocabulary().label(kind))[:200]
    signed = case.signed_at.date() if case.signed_at else today
    values = {"name": name, "contract_type": kind, "contract_subtype": subtype,
              "signed_on": signed.isoformat(), "registered_on": today.isoformat(),
              "volume": _money(amount(case, need, achievement)),
              "tech_income": _money(amount(case, need, achievement)),
              "tech_field": need.field, "ip_type": ip_type(achievement),
              "achievement_id": str(achievement.id), "need_id": str(need.id),
              "broker_id": str(broker_id) if broker_id else ""}
    values.update(_party("seller", achievement.owner_org))
    values.update(_party("buyer", need.owner_org))
    return values
