"""Indicators 3-5 counted from the verification history of MatchHub's records, as of a
date: national demonstration transfer institutions, university and institute transfer
institutions, and professional brokers (职业化: a verified certificate). A record counts
when it was verified by the end of the date, not revoked by then, and its validity covers
the date; later decisions, expiries and new entries never move an earlier date's count.
The province counts only entries located in the province."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy.orm import Session

from matchhub.accounts.verification_history import periods_on
from matchhub.core.regions import home_province, zone_for_region

# indicator code -> (record kind, level or None for every level)
REGISTRY_INDICATORS = {
    "national_transfer_institutions": ("institution", "national"),
    "university_transfer_institutions": ("institution", "university"),
    "professional_brokers": ("broker", None),
}
PROVINCE = "province"


@dataclass(frozen=True)
class RegistryEntry:
    """One counted record, as it stood when verified."""

    name: str
    level: str
    reference: str  # certificate number or designation batch
    region_code: str
    zone_code: str  # "" = in the province but in no zone
    verified_at: dt.datetime
    valid_from: dt.date | None
    valid_to: dt.date | None


def in_province(region_code: str) -> bool:
    prefix = home_province().code[:2]
    return bool(region_code) and region_code.startswith(prefix)


def registry_entries(session: Session, indicator: str, as_of: dt.date) -> list[RegistryEntry]:
    """The entries ``indicator`` counts on ``as_of``, located in the province."""
    kind, level = REGISTRY_INDICATORS[indicator]
    return [RegistryEntry(p.name, p.level, p.reference, p.region_code,
                          zone_for_region(p.region_code), p.verified_at, p.valid_from,
                          p.valid_to)
            for p in periods_on(session, kind, as_of, level) if in_province(p.region_code)]


def registry_counts(session: Session, as_of: dt.date) -> dict[str, Counter]:
    """indicator code -> counts by zone ("" = in the province but in no zone)."""
    return {code: Counter(e.zone_code for e in registry_entries(session, code, as_of))
            for code in REGISTRY_INDICATORS}


def entries_of(entries: list[RegistryEntry], scope: str) -> list[RegistryEntry]:
    """The entries of one zone, or all of them for the province."""
    return entries if scope == PROVINCE else [e for e in entries if e.zone_code == scope]
