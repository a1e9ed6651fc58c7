"""Every model has a factory, and each factory builds a row the database accepts."""

import pytest

from matchhub.core.extensions import db
from matchhub.core.identifiers import normalise_credit_code
from tests import factories
from tests.factories import AchievementFactory, BrokerFactory, NeedFactory, credit_code

FACTORIES = [getattr(factories, name) for name in factories.__all__
             if name.endswith("Factory") and name != "BaseFactory"]


def test_every_model_has_a_factory():
    models = {mapper.class_ for mapper in db.Model.registry.mappers}
    built = {factory._meta.model for factory in FACTORIES}
    assert models - built == set()


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_a_row(factory, db_session):
    row = factory()
    db_session.commit()
    assert db_session.get(type(row), db.inspect(row).identity) is row


def test_factories_build_valid_rows(db_session):
    achievement = AchievementFactory()
    need = NeedFactory()
    db_session.commit()
    assert achievement.owner_org_id == achievement.created_by.org_id
    assert need.created_by.organisation.kind == "enterprise"
    assert achievement.modes == ["transfer"]


def test_a_broker_has_a_profile_at_their_institution(db_session):
    broker = BrokerFactory(profile__fields=["agriculture"])
    assert broker.broker_profile.fields == ["agriculture"]
    assert broker.broker_profile.institution_org_id == broker.org_id


def test_factory_credit_codes_pass_validation():
    assert normalise_credit_code(credit_code(7)) == credit_code(7)
