"""The contract import page in a browser: the upload becomes a background job, the job page
polls its status (static script, allowed by the Content-Security-Policy) and then shows the
report without the user reloading."""

import csv
import io
import re

from playwright.sync_api import expect

from tests.contracts.helpers import CSV_HEADERS, csv_row
from tests.e2e.test_story import REGISTRAR, story  # noqa: F401 (the fixture)

ROWS = 1500  # two chunks: the page shows progress before the report


def ledger() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    writer.writerows(csv_row(900_000 + n) for n in range(1, ROWS + 1))
    return out.getvalue().encode("utf-8")


def test_an_uploaded_ledger_is_imported_in_the_background(story):  # noqa: F811
    with story.signed_in(REGISTRAR) as page:  # the Lanzhou registry officer imports
        page.goto("/contracts/import")
        page.locator("input[type=file]").set_input_files(
            files=[{"name": "台账.csv", "mimeType": "text/csv", "buffer": ledger()}])
        page.get_by_role("button", name="上传并导入").click()
        expect(page).to_have_url(re.compile(r"/contracts/import/jobs/\d+$"))
        expect(page.get_by_role("heading", name="导入成功")).to_be_visible(timeout=180_000)
        expect(page.get_by_text(f"新登记 {ROWS} 份")).to_be_visible()
        story.shot(page, "import-job-report")
