from matchhub.core.identifiers import normalise_credit_code
from tests.factories import AchievementFactory, NeedFactory, credit_code


def test_factories_build_valid_rows(db_session):
    achievement = AchievementFactory()
    need = NeedFactory()
    db_session.commit()
    assert achievement.owner_org_id == achievement.created_by.org_id
    assert need.created_by.organisation.kind == "enterprise"
    assert achievement.modes == ["transfer"]


def test_factory_credit_codes_pass_validation():
    assert normalise_credit_code(credit_code(7)) == credit_code(7)
