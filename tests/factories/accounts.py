"""Organisations, users (one trait per role), API tokens and the two profiles."""

import datetime as dt
import hashlib

import factory

from matchhub.accounts.models import (
    ApiToken,
    BrokerProfile,
    InstitutionProfile,
    Membership,
    Organisation,
    User,
    VerificationPeriod,
)
from matchhub.accounts.passwords import hash_password
from tests.factories.base import BaseFactory, credit_code

PASSWORD = "correct horse battery"
_PASSWORD_HASH = hash_password(PASSWORD)


class OrganisationFactory(BaseFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试机构{n}")
    credit_code = factory.Sequence(credit_code)
    kind = "university"
    region_code = "620100"
    verified = True
    verification_status = factory.LazyAttribute(
        lambda o: "verified" if o.verified else "unsubmitted")


class UserFactory(BaseFactory):
    """A publisher of a university; ``platform_admin=True`` or ``zone_admin=True`` for those
    roles (no organisation)."""

    class Meta:
        model = User

    class Params:
        platform_admin = factory.Trait(role="platform_admin", organisation=None)
        zone_admin = factory.Trait(role="zone_admin", organisation=None, zone_code="620100")

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    password_hash = _PASSWORD_HASH
    role = "publisher"
    organisation = factory.SubFactory(OrganisationFactory)


class EnterpriseUserFactory(UserFactory):
    role = "enterprise"
    organisation = factory.SubFactory(OrganisationFactory, kind="enterprise")


class ApiTokenFactory(BaseFactory):
    """A token row; its secret is ``secret`` (the factory stores only the hash)."""

    class Meta:
        model = ApiToken
        exclude = ("secret",)

    secret = factory.Sequence(lambda n: f"mh_test-token-{n:032d}")
    user = factory.SubFactory(UserFactory)
    name = "测试令牌"
    token_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.secret.encode()).hexdigest())
    prefix = factory.LazyAttribute(lambda o: o.secret[:10])
    scopes = factory.LazyFunction(lambda: ["catalog:read"])


class InstitutionProfileFactory(BaseFactory):
    class Meta:
        model = InstitutionProfile

    organisation = factory.SubFactory(OrganisationFactory, kind="transfer_institution")
    level = "national"
    services = "技术评估、知识产权运营"
    verification_status = "verified"  # ``verification_status="pending"`` for an unchecked one


class BrokerProfileFactory(BaseFactory):
    """A junior broker's profile; the broker belongs to its transfer institution."""

    class Meta:
        model = BrokerProfile

    user = factory.SubFactory(
        UserFactory, role="broker", organisation__kind="transfer_institution")
    level = "junior"
    institution = factory.SelfAttribute("user.organisation")
    fields = factory.LazyFunction(lambda: ["new_materials"])
    zone_code = "620100"
    certificate_no = factory.Sequence(lambda n: f"JJR{n:06d}")
    verification_status = "verified"  # ``verification_status="pending"`` for an unchecked one


class BrokerFactory(UserFactory):
    """A broker of a transfer institution with a profile (fields, zone) through
    ``profile__fields=…``, ``profile__zone_code=…``."""

    role = "broker"
    organisation = factory.SubFactory(OrganisationFactory, kind="transfer_institution")
    profile = factory.RelatedFactory(BrokerProfileFactory, factory_related_name="user")


class MembershipFactory(BaseFactory):
    """A pending request to join a university as a publisher (the user has no organisation
    until it is approved)."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, organisation=None)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "publisher"


class VerificationPeriodFactory(BaseFactory):
    """A broker credential verified on 2024-01-01 and still valid."""

    class Meta:
        model = VerificationPeriod

    kind = "broker"
    record_id = factory.Sequence(lambda n: n + 1)
    level = "intermediate"
    reference = factory.Sequence(lambda n: f"JJR-{n:04d}")
    name = factory.Sequence(lambda n: f"经纪人{n}")
    region_code = "620100"
    verified_at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    valid_from = dt.date(2024, 1, 1)
