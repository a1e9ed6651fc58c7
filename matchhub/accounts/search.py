"""What of organisations and brokers is searchable (the 机构 and 经纪人 result tabs)."""

import datetime as dt

from matchhub.accounts.models import BrokerProfile, Organisation
from matchhub.core.vocabularies import vocabulary
from matchhub.search.core import registry
from matchhub.search.core.fields import AutocompleteField, FilterField, IndexSpec, SearchField

# Organisations that take part in transfer: everyone but government departments.
LISTED_KINDS = frozenset(vocabulary("org_kinds").codes) - {"government"}
# Profiles do not expire: they carry the public status and an open end date.
ALWAYS_PUBLIC = (
    FilterField("status", "keyword", lambda _: "published"),
    FilterField("end_date", "date", lambda _: dt.date.max),
)


def _org_keywords(org: Organisation) -> str:
    parts = [vocabulary("org_kinds").label(org.kind)]
    if org.institution_profile is not None:
        parts.append(vocabulary("institution_levels").label(org.institution_profile.level))
    return " ".join(parts)


def _org_body(org: Organisation) -> str:
    services = org.institution_profile.services if org.institution_profile else ""
    return " ".join(p for p in (org.description, services) if p)


ORGANISATION_INDEX = IndexSpec(
    item_type="organisation",
    model=Organisation,
    search_fields=(
        SearchField("title", 3.0, lambda o: o.name),
        SearchField("keywords", 2.0, _org_keywords),
        SearchField("body", 1.0, _org_body),
    ),
    filter_fields=(
        FilterField("org_kind", "keyword", lambda o: o.kind, facet=True),
        FilterField("region", "keyword", lambda o: o.region_code, facet=True),
        FilterField("province", "keyword", lambda o: o.region_code[:2] + "0000"),
        *ALWAYS_PUBLIC,
    ),
    autocomplete=(AutocompleteField("suggest", lambda o: [o.name]),),
    is_public=lambda o, today: o.kind in LISTED_KINDS,
)


def _broker_fields(profile: BrokerProfile) -> str:
    return " ".join(vocabulary("tech_fields").label(f) for f in profile.fields or [])


def _broker_org(profile: BrokerProfile) -> str:
    return profile.institution.name if profile.institution else ""


BROKER_INDEX = IndexSpec(
    item_type="broker",
    model=BrokerProfile,
    search_fields=(
        SearchField("title", 3.0, lambda p: p.user.display_name),
        SearchField("keywords", 2.0, _broker_fields),
        SearchField("body", 1.0, lambda p: vocabulary("broker_levels").label(p.level)),
        SearchField("org", 1.0, _broker_org),
    ),
    filter_fields=(
        FilterField("field", "keyword", lambda p: list(p.fields or []), multi=True, facet=True),
        FilterField("region", "keyword", lambda p: p.zone_code, facet=True),
        *ALWAYS_PUBLIC,
    ),
    autocomplete=(AutocompleteField("suggest", lambda p: [p.user.display_name]),),
    is_public=lambda p, today: p.user.active,
)


def register() -> None:
    """Tell search about these kinds (code that builds indexes without create_app)."""
    registry.register(ORGANISATION_INDEX, BROKER_INDEX)
