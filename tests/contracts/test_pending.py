"""Finding 6: a contract registered by anyone but a platform administrator or an
administrator of the SELLER's zone is pending (待认定) and moves no official figure (zones
report via API and CLI, dashboards) until that zone's administrator recognises it."""

import json
from decimal import Decimal

from sqlalchemy import select

from matchhub.audit.models import AuditEntry
from matchhub.contracts.models import Contract
from matchhub.core.extensions import db
from tests.api.helpers import bearer
from tests.contracts.helpers import contract_input
from tests.contracts.people import broker, platform_admin, register, zone_admin
from tests.factories import UserFactory
from tests.web.helpers import login, text

ZHANGYE = "620700"
BIG = "900000000.00"


def form_data(n: int = 1, **changes) -> dict:
    data = contract_input(n, **changes)
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


def zone_volume(client, headers) -> Decimal:
    response = client.get(f"/api/v1/zones/report?year=2016&zone={ZHANGYE}", headers=headers)
    assert response.status_code == 200
    return Decimal(response.json["zones"][0]["indicators"]["contract_volume_output"]["value"])


def cli_volume(runner) -> Decimal:
    result = runner.invoke(args=["zones", "report", "--year", "2016", "--zone", ZHANGYE,
                                 "--json"])
    assert result.exit_code == 0, result.output
    zone = json.loads(result.output)["zones"][0]
    return Decimal(zone["indicators"]["contract_volume_output"]["value"])


def test_broker_contract_is_pending_and_out_of_the_figures(client, runner, db_session):
    # The one counted contract: 1,000.00 registered by a platform administrator.
    register(platform_admin(), 1, seller_region_code=ZHANGYE, volume="1000.00",
             tech_income="1000.00")
    verified_broker = broker()
    official = zone_admin(ZHANGYE)
    reader = bearer(UserFactory(role="platform_admin", organisation=None), ["catalog:read"])
    db_session.commit()
    login(client, verified_broker)
    data = form_data(2, seller_region_code=ZHANGYE, volume=BIG)
    response = client.post("/contracts/new", data=data)
    assert response.status_code == 302, text(response)
    contract = db.session.scalar(select(Contract).where(Contract.volume == Decimal(BIG)))
    assert contract.status == "pending"
    assert "待认定" in text(client.get(f"/contracts/{contract.id}"))
    # The registrant may not recognise their own contract.
    assert client.post(f"/contracts/{contract.id}/recognition").status_code == 403
    client.post("/logout")
    assert zone_volume(client, reader) == Decimal("1000.00")
    assert cli_volume(runner) == Decimal("1000.00")
    # Another zone's administrator may not recognise it either (not the seller's zone).
    login(client, zone_admin("620100"))
    assert client.post(f"/contracts/{contract.id}/recognition").status_code in {403, 404}
    client.post("/logout")
    login(client, official)
    assert "认定合同" in text(client.get(f"/contracts/{contract.id}"))
    assert client.post(f"/contracts/{contract.id}/recognition").status_code == 302
    client.post("/logout")
    assert zone_volume(client, reader) == Decimal("900001000.00")
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "contract.recognise"))


def test_edit_by_the_registrant_sends_a_recognised_contract_back_to_pending(client, db_session):
    verified_broker = broker()
    contract = register(verified_broker, 1, seller_region_code=ZHANGYE, volume="1000.00",
                        tech_income="1000.00")
    contract.status = "active"  # say the zone recognised it
    db_session.commit()
    login(client, verified_broker)
    client.post(f"/contracts/{contract.id}/edit",
                data=form_data(1, seller_region_code=ZHANGYE, volume=BIG,
                               tech_income="1000.00"))
    db.session.expire_all()
    assert db.session.get(Contract, contract.id).status == "pending"


def test_contracts_imported_by_another_zone_are_pending(db_session):
    from matchhub.contracts.imports import import_contracts
    from tests.contracts.helpers import CSV_HEADERS, TODAY, csv_row

    rows = [CSV_HEADERS, csv_row(1, 卖方地区代码=ZHANGYE, 买方地区代码="620100")]
    data = "\n".join(",".join(f'"{c}"' for c in row) for row in rows).encode("utf-8")
    report = import_contracts(db.session, zone_admin("620100"), "c.csv", data, today=TODAY)
    assert report.created == 1
    assert db.session.get(Contract, report.ids[0]).status == "pending"
