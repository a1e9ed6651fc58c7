"""Hostile XLSX files are refused under the ``file`` field before they cost memory or time
(README "Importing files"), on both import pages and both import APIs. The tests assert on
the work done (whether openpyxl opened the file, how many rows it yielded), not on time."""

import io

import pytest
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from matchhub.imports import files, limits
from tests.api.helpers import bearer
from tests.contracts.people import platform_admin
from tests.imports.bombs import empty_rows_bomb, many_parts_bomb, shared_strings_bomb
from tests.imports.helpers import publisher
from tests.web.helpers import field_error, login, text

DOORS = {  # url -> (extra form fields, API scopes or None for the page)
    "/imports/": ({"item_type": "achievement"}, None),
    "/api/v1/imports/achievement": ({}, ["catalog:write"]),
    "/contracts/import": ({}, None),
    "/api/v1/contracts/import": ({}, ["contracts:write"]),
}


@pytest.fixture
def opened(monkeypatch) -> list:
    """Each time openpyxl is asked to open an upload."""
    calls, real = [], files.load_workbook
    monkeypatch.setattr(files, "load_workbook", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


@pytest.fixture
def rows_read(monkeypatch) -> list:
    """Every row openpyxl yields, blank ones included."""
    counter, real = [0], ReadOnlyWorksheet.iter_rows

    def counting(self, *args, **kwargs):
        for row in real(self, *args, **kwargs):
            counter[0] += 1
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", counting)
    return counter


def _upload(client, url: str, data: bytes):
    form, scopes = DOORS[url]
    user = platform_admin() if "contracts" in url else publisher()
    headers = bearer(user, scopes) if scopes else None
    if scopes is None:
        login(client, user)
    body = {"file": (io.BytesIO(data), "炸弹.xlsx"), **form}
    return client.post(url, data=body, headers=headers, content_type="multipart/form-data")


def _refused(response, words: str, client=None) -> None:
    """Refused at once (422), or, for a contract import, by the job the upload started (run
    in the request here): the job page or the job in the 202 answer says why."""
    if response.status_code == 303:
        assert words in text(client.get(response.headers["Location"]))
        return
    if response.status_code == 202:
        job = response.get_json()
        assert job["status"] == "failed" and words in f"{job['error']} {job['report']}", job
        return
    assert response.status_code == 422
    if response.is_json:
        error = response.get_json()["error"]
        assert list(error["fields"]) == ["file"] and words in error["fields"]["file"][0]
    else:
        assert words in field_error(text(response), "file")


@pytest.mark.parametrize("url", DOORS)
def test_a_huge_shared_strings_part_is_refused_unopened(client, url, opened):
    _refused(_upload(client, url, shared_strings_bomb(8)), "压缩比异常")
    assert opened == []


def test_too_much_uncompressed_data_is_refused_unopened(client, app, monkeypatch, opened):
    monkeypatch.setitem(app.config, "IMPORT_MAX_UNCOMPRESSED_BYTES", 2 * limits.MIB)
    varied = shared_strings_bomb(3, b"".join(f"<si><t>{n}</t></si>".encode()
                                             for n in range(5000)))
    _refused(_upload(client, "/api/v1/imports/achievement", varied), "解压后过大")
    assert opened == []


@pytest.mark.parametrize("url", DOORS)
def test_too_many_parts_are_refused_unopened(client, url, opened):
    _refused(_upload(client, url, many_parts_bomb(500)), "部件过多")
    assert opened == []


@pytest.mark.parametrize("url", [u for u in DOORS if "contracts" not in u])
def test_millions_of_empty_rows_stop_at_the_row_limit(client, url, rows_read):
    _refused(_upload(client, url, empty_rows_bomb(2_000_000)), "空行也计算在内")
    assert rows_read[0] <= 100_002  # IMPORT_MAX_ROWS plus the header, then it stops


@pytest.mark.parametrize("url", [u for u in DOORS if "contracts" in u])
def test_a_streamed_import_stops_at_its_headers_before_the_empty_rows(client, url, rows_read):
    """Contract imports read rows as they check them: the bomb's foreign header is refused
    (or sent to the mapping step) before its blank rows are read (the row limit itself:
    tests/imports/test_staging)."""
    response = _upload(client, url, empty_rows_bomb(2_000_000))
    if response.status_code == 302:  # the page sends unknown headers to the mapping step
        assert "/contracts/import/map/" in response.headers["Location"]
    else:  # no job queued: 422 naming the unknown column, with a suggested map
        assert response.status_code == 422
        assert "未知的列" in str(response.get_json()["error"]["rows"])
    assert rows_read[0] <= 2


def test_reading_stops_at_the_deadline(client, app, monkeypatch, rows_read):
    clock = iter(range(0, 10**6, 7))  # every reading of the clock is 7 seconds later
    monkeypatch.setattr(limits.time, "monotonic", lambda: next(clock))
    monkeypatch.setitem(app.config, "IMPORT_MAX_SECONDS", 60)
    _refused(_upload(client, "/contracts/import", empty_rows_bomb(50)), "超过 60 秒", client)
    assert rows_read[0] < 50


def test_blank_csv_lines_count_towards_the_row_limit(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_ROWS", 1000)
    data = "成果名称\n".encode() + b",\n" * 2000 + "某成果\n".encode()
    body = {"file": (io.BytesIO(data), "空行.csv")}
    response = client.post("/api/v1/imports/achievement", data=body,
                           headers=bearer(publisher(), ["catalog:write"]),
                           content_type="multipart/form-data")
    _refused(response, "空行也计算在内")
