"""Who may enter what for a zone, and how bad entries are refused."""

import pytest

from matchhub.core.errors import PermissionDenied, ValidationFailed
from matchhub.core.extensions import db
from matchhub.zones.entries import recording as entries
from matchhub.zones.models import ReportedValue
from tests.factories import UserFactory


def official(zone="620100"):
    return UserFactory(role="zone_admin", organisation=None, zone_code=zone)


def admin():
    return UserFactory(role="platform_admin", organisation=None)


@pytest.mark.parametrize("make_user", [lambda: official("620500"), lambda: UserFactory(
    role="broker"), lambda: UserFactory(role="org_admin"), lambda: None])
def test_only_the_zones_own_officials_and_platform_admins_enter_values(make_user):
    with pytest.raises(PermissionDenied):
        entries.report_value(db.session, make_user(), "620100", 2016, "maker_spaces", "3", "x")
    assert db.session.query(ReportedValue).count() == 0


def test_province_scope_is_for_platform_admins():
    with pytest.raises(PermissionDenied):
        entries.report_value(db.session, official(), "620000", 2016, "maker_spaces", "3", "x")
    entries.report_value(db.session, admin(), "620000", 2016, "maker_spaces", "3", "省统计")


def test_unknown_scope_is_a_validation_error():
    with pytest.raises(ValidationFailed) as caught:
        entries.report_value(db.session, admin(), "110000", 2016, "maker_spaces", "3", "x")
    assert "zone" in caught.value.fields


@pytest.mark.parametrize("code,value,note,field", [
    ("maker_spaces", "-1", "来源", "value"), ("maker_spaces", "abc", "来源", "value"),
    ("hitech_revenue_share", "50", "来源", "code"), ("maker_spaces", "3", " ", "source_note"),
    ("contract_volume", "3", "来源", "code"), ("special_funds", "1.001", "来源", "value"),
])
def test_bad_entries_name_the_field(code, value, note, field):
    with pytest.raises(ValidationFailed) as caught:
        entries.report_value(db.session, official(), "620100", 2016, code, value, note)
    assert field in caught.value.fields


def test_year_out_of_range_is_refused():
    with pytest.raises(ValidationFailed) as caught:
        entries.report_value(db.session, official(), "620100", 1900, "maker_spaces", "3", "x")
    assert "year" in caught.value.fields


def test_evidence_type_and_size_are_checked(tmp_path):
    for evidence in (entries.Evidence("a.exe", b"MZ"), entries.Evidence("a.pdf", b""),
                     entries.Evidence("a.pdf", b"x" * (entries.MAX_EVIDENCE_BYTES + 1))):
        with pytest.raises(ValidationFailed) as caught:
            entries.report_value(db.session, official(), "620100", 2016, "maker_spaces", "3",
                                 "来源", evidence=evidence, data_dir=tmp_path)
        assert "evidence" in caught.value.fields
    assert not (tmp_path / "evidence").exists() or not any((tmp_path / "evidence").iterdir())


def test_scores_and_targets_are_for_the_province_only():
    with pytest.raises(PermissionDenied):
        entries.score_policy(db.session, official(), "620100", 2016, "policy_finance", "8")
    with pytest.raises(PermissionDenied):
        entries.set_target(db.session, official(), "620100", 2016, "contract_volume_output", "1")
    with pytest.raises(ValidationFailed) as caught:
        entries.score_policy(db.session, admin(), "620100", 2016, "policy_finance", "10.5")
    assert "score" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:
        entries.set_target(db.session, admin(), "620100", 2016, "contract_volume_output_by_type",
                           "1")
    assert "key" in caught.value.fields


def test_zone_officials_write_policy_text_and_featured_for_their_zone_only():
    with pytest.raises(PermissionDenied):
        entries.write_policy(db.session, official("620500"), "620100", 2016, "policy_finance", "x")
    with pytest.raises(PermissionDenied):
        entries.set_featured(db.session, official("620500"), "620100", 2016, "特色", "项")
    with pytest.raises(ValidationFailed) as caught:
        entries.write_policy(db.session, official(), "620100", 2016, "maker_spaces", "x")
    assert "code" in caught.value.fields
    first = entries.set_featured(db.session, official(), "620100", 2016, "特色", "项", value="1")
    again = entries.set_featured(db.session, official(), "620100", 2016, "特色", "项", value="2")
    assert first.id == again.id and str(again.value) == "2"
