"""Indicators counted from MatchHub's registers, as of a date: transfer institutions
(national demonstration ones; university and institute ones) and professional brokers.
Only verified records valid on the date, of verified organisations, count: an account
nobody checked moves no official figure."""

import datetime as dt
from collections import Counter

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from matchhub.accounts.models import BrokerProfile, InstitutionProfile, Organisation, User
from matchhub.core.regions import zone_for_region

# indicator code -> the institution level it counts
INSTITUTION_LEVELS = {
    "national_transfer_institutions": "national",
    "university_transfer_institutions": "university",
}


def _as_of_end(as_of: dt.date) -> dt.datetime:
    return dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)


def _valid_on(model, as_of: dt.date):
    return and_(model.verification_status == "verified",
                or_(model.valid_from.is_(None), model.valid_from <= as_of),
                or_(model.valid_to.is_(None), model.valid_to >= as_of))


def institution_counts(session: Session, level: str, as_of: dt.date) -> Counter:
    """Recognised institutions of a level by zone ("" = in no zone), as of a date (the
    recognition date; one without a date counts from the start)."""
    stmt = (select(Organisation.region_code, func.count())
            .join(InstitutionProfile, InstitutionProfile.org_id == Organisation.id)
            .where(InstitutionProfile.level == level, Organisation.verified.is_(True),
                   _valid_on(InstitutionProfile, as_of),
                   or_(InstitutionProfile.recognised_on.is_(None),
                       InstitutionProfile.recognised_on <= as_of))
            .group_by(Organisation.region_code))
    counts: Counter = Counter()
    for region, count in session.execute(stmt):
        counts[zone_for_region(region)] += count
    return counts


def broker_counts(session: Session, as_of: dt.date) -> Counter:
    """Active, verified brokers of verified organisations by zone (their profile's zone,
    else their organisation's), registered by the date."""
    stmt = (select(BrokerProfile.zone_code, Organisation.region_code, func.count())
            .join(User, User.id == BrokerProfile.user_id)
            .join(Organisation, Organisation.id == User.org_id)
            .where(User.active.is_(True), User.created_at < _as_of_end(as_of),
                   User.role == "broker", Organisation.verified.is_(True),
                   _valid_on(BrokerProfile, as_of))
            .group_by(BrokerProfile.zone_code, Organisation.region_code))
    counts: Counter = Counter()
    for zone, region, count in session.execute(stmt):
        counts[zone_for_region(zone) or zone_for_region(region)] += count
    return counts


def registry_counts(session: Session, as_of: dt.date) -> dict[str, Counter]:
    """indicator code -> counts by zone."""
    found = {code: institution_counts(session, level, as_of)
             for code, level in INSTITUTION_LEVELS.items()}
    found["professional_brokers"] = broker_counts(session, as_of)
    return found
