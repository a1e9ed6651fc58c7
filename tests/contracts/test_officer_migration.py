"""Migration 0013: contracts active under the earlier rule (recognised by a zone or
platform administrator) stay active and counted; pending ones stay pending."""

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from matchhub import create_app
from matchhub.core.extensions import db
from tests.contracts.helpers import contract_input

# The migration runs on its own database file, committed.
pytestmark = pytest.mark.commits

MOMENT = dt.datetime(2016, 3, 15, 8, 0, tzinfo=dt.UTC)


def _row(n: int, status: str) -> dict:
    data = contract_input(n)
    data.update(status=status, contract_type="development", volume="1000.00",
                tech_income="1000.00", seller_zone="620100", seller_province="620000",
                buyer_zone="621100", buyer_province="620000", cancel_reason="", is_demo=False,
                created_at=MOMENT, updated_at=MOMENT)
    return data


def test_existing_contracts_keep_their_status(fast_dir):
    app = create_app({"DATA_DIR": str(fast_dir / f"mig-{uuid.uuid4().hex[:8]}"),
                      "SECRET_KEY": "migration-test", "ES_URL": ""})
    with app.app_context():
        upgrade(revision="0012")
        contracts = sa.Table("contracts", sa.MetaData(), autoload_with=db.engine)
        with db.engine.begin() as connection:
            connection.execute(contracts.insert(), [_row(1, "active"), _row(2, "pending")])
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(sa.text(
                "SELECT registration_number, status, evidence_path, confirmed_by_id "
                "FROM contracts ORDER BY id")).all()
        db.session.remove()
    assert [tuple(r) for r in rows] == [("2016620100000001", "active", "", None),
                                       ("2016620100000002", "pending", "", None)]
