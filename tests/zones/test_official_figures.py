"""Official published figures: who may enter them (denials through HTTP), validation, the
audit entry, the comparison with the computed figure and what explains the difference,
the API and the import of a published-statistics CSV."""

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from matchhub.audit.models import AuditEntry
from matchhub.contracts.models import ContractChange
from matchhub.contracts.services import build_contract
from matchhub.core.extensions import db
from matchhub.zones import services
from matchhub.zones.models import OfficialFigure
from tests.api.helpers import bearer
from tests.contracts.helpers import TODAY, contract_input
from tests.contracts.people import broker, platform_admin, zone_admin
from tests.web.helpers import login, text

URL = "/zones/620100/official"
FORM = {"year": "2016", "period": "Y", "caliber": "output", "volume": "560",
        "contract_count": "3", "published_on": "2017-01-10",
        "source_note": "兰州市科技局 2016 年技术市场统计公报"}


def figures() -> list[OfficialFigure]:
    return list(db.session.scalars(select(OfficialFigure).order_by(OfficialFigure.id)))


def test_anonymous_is_sent_to_login_and_others_may_only_look(client):
    assert client.get(URL).status_code == 302
    login(client, broker())
    page = client.get(URL)
    assert page.status_code == 200 and "保存官方发布数据" not in text(page)
    assert client.post(URL, data=FORM).status_code == 403
    assert figures() == []


def test_zone_admin_of_another_zone_is_refused(client):
    login(client, zone_admin("620400"))
    assert client.post(URL, data=FORM).status_code == 403
    assert client.post("/zones/620000/official", data=FORM).status_code == 403
    assert figures() == []


def test_zone_admin_enters_own_zone_with_evidence_audited(client):
    user = zone_admin("620100")
    login(client, user)
    data = {**FORM, "evidence": (io.BytesIO(b"%PDF-1.4 test"), "公报.pdf")}
    response = client.post(URL + "?year=2016", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    [row] = figures()
    assert (row.scope_code, row.volume, row.contract_count) == ("620100", Decimal("560.00"), 3)
    assert row.evidence_name == "公报.pdf" and row.entered_by_id == user.id
    entry = db.session.scalars(select(AuditEntry).where(
        AuditEntry.action == "zone.official_figure")).one()
    assert entry.actor_id == user.id and entry.target_id == row.id
    download = client.get(f"{URL}/{row.id}/evidence")
    assert download.status_code == 200 and download.data == b"%PDF-1.4 test"


def test_bad_input_is_422_naming_the_field(client):
    login(client, platform_admin())
    for changes, field in [({"source_note": ""}, "数据来源"), ({"volume": "0"}, "大于 0"),
                           ({"volume": "", "contract_count": ""}, "至少一项"),
                           ({"period": "H3"}, "期间"), ({"contract_count": "-2"}, "正整数")]:
        response = client.post(URL, data={**FORM, **changes})
        assert response.status_code == 422, changes
        assert field in text(response)
    assert figures() == []


def contract(n, volume, created, **changes):
    row = build_contract(contract_input(n, volume=volume, tech_income=volume, **changes),
                         TODAY)
    row.created_at = created
    db.session.add(row)
    db.session.flush()
    return row


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)


def seed_ledger():
    """A 100 (before publication), B 200 cancelled after, C corrected 250 -> 300 after,
    D 400 registered after; E 1000 registered in Beijing with the buyer in 兰州."""
    contract(1, "100", at("2017-01-05"))
    cancelled = contract(2, "200", at("2017-01-05"))
    cancelled.status = "cancelled"
    corrected = contract(3, "300", at("2017-01-05"))
    contract(4, "400", at("2017-05-01"))
    contract(5, "1000", at("2017-01-05"), seller_region_code="110108",
             buyer_region_code="620102")
    db.session.add_all([
        ContractChange(contract_id=cancelled.id, action="cancel", field="status",
                       old_value="active", new_value="cancelled", created_at=at("2017-02-01")),
        ContractChange(contract_id=corrected.id, action="update", field="volume",
                       old_value="250.00", new_value="300.00", created_at=at("2017-03-01"))])
    db.session.flush()


def enter(caliber="output", volume="560", count=3):
    data = {**FORM, "caliber": caliber, "volume": volume, "contract_count": count}
    return services.enter_official_figure(db.session, platform_admin(), "620100", data,
                                          TODAY)


def test_comparison_explains_the_difference():
    seed_ledger()
    enter()
    [c] = services.official_comparisons(db.session, "620100", 2016)
    assert (c.computed.count, c.computed.volume) == (3, Decimal("800.00"))
    assert c.volume_difference == Decimal("-240.00") and c.count_difference == 0
    assert (c.added_after.count, c.added_after.volume) == (1, Decimal("400.00"))
    assert (c.corrected_after.count, c.corrected_after.volume) == (1, Decimal("50.00"))
    assert (c.cancelled_after.count, c.cancelled_after.volume) == (-1, Decimal("-200.00"))
    assert (c.at_publication.count, c.at_publication.volume) == (3, Decimal("550.00"))
    assert c.unexplained_volume == Decimal("10.00")
    assert c.elsewhere.count == 0  # the output caliber holds no 外省登记 contract


def test_absorbed_comparison_names_contracts_registered_elsewhere(client):
    seed_ledger()
    enter("absorbed", "1000", 1)
    [c] = services.official_comparisons(db.session, "620100", 2016)
    assert (c.elsewhere.count, c.elsewhere.volume) == (1, Decimal("1000.00"))
    login(client, broker())
    page = text(client.get(URL + "?year=2016"))
    assert "计算值中外省登记合同：1 项" in page and "尚未解释的差额" in page


def test_api_lists_and_enters_with_the_right_scope_and_role(client):
    seed_ledger()
    enter()
    reader = bearer(broker(), ["contracts:read"])
    listed = client.get("/api/v1/zones/620100/official-figures?year=2016", headers=reader)
    assert listed.status_code == 200
    [row] = listed.get_json()
    assert row["computed"] == {"count": 3, "volume": "800.00"}
    assert row["unexplained_volume"] == "10.00"
    body = {"year": 2016, "period": "H1", "caliber": "output", "volume": "300",
            "source_note": "上半年公报"}
    api = "/api/v1/zones/620100/official-figures"
    own = zone_admin("620100")
    assert client.post(api, json=body, headers=bearer(own, ["contracts:read"])
                       ).status_code == 403  # no zones:write scope
    other = bearer(zone_admin("620400"), ["zones:write"])
    assert client.post(api, json=body, headers=other).status_code == 403
    created = client.post(api, json=body, headers=bearer(own, ["zones:write"]))
    assert created.status_code == 201 and created.get_json()["period"] == "H1"
    bad = client.post(api, json={**body, "caliber": "sideways"},
                      headers=bearer(own, ["zones:write"]))
    assert bad.status_code == 422 and "caliber" in bad.get_json()["error"]["fields"]


# Rows of ../shared/data/zones/published_stats.csv (see fixtures/README.md): two to
# import (甘肃省 2016 成交额 and count as one entry, 白银市 2024 H1) and three to skip (a
# derived value, a growth rate, a county that is no zone).
PUBLISHED = Path(__file__).parent / "fixtures" / "published_stats_sample.csv"


def test_cli_imports_published_figures_once(runner):
    path = str(PUBLISHED)
    result = runner.invoke(args=["zones", "official-import", path])
    assert result.exit_code == 0, result.output
    assert "新录入 2 条" in result.output and "跳过 3 行" in result.output
    gansu = services.latest_figures(db.session, "620000", 2016)[("Y", "output")]
    assert (gansu.volume, gansu.contract_count) == (Decimal("15081000000.00"), 5252)
    assert gansu.published_on == dt.date(2017, 12, 13)  # the date in the source note
    baiyin = services.latest_figures(db.session, "620400", 2024)[("H1", "output")]
    assert baiyin.volume == Decimal("1700000000.00")
    assert baiyin.published_on == dt.date(2024, 11, 12)
    again = runner.invoke(args=["zones", "official-import", path])
    assert "新录入 0 条，与已录入相同 2 条" in again.output


def test_zone_and_province_pages_show_official_beside_computed(client):
    seed_ledger()
    enter()
    services.enter_official_figure(db.session, platform_admin(), "620000",
                                   {**FORM, "volume": "9000"}, TODAY)
    login(client, platform_admin())  # the full dashboards: the zones' officials, the province
    zone = text(client.get("/zones/620100?year=2016"))
    assert "官方发布值与计算值" in zone and "发布后补登" in zone
    province = text(client.get("/zones?year=2016"))
    assert "官方发布值与计算值" in province
    assert "官方发布值与计算值" not in text(client.get("/zones/620400?year=2016"))
