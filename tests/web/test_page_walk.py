"""Walk the demo's pages as each role and read them as a person would.

The demo data is loaded with the platform clock frozen at 2025-06-30T17:30Z (2025-07-01
01:30 in Asia/Shanghai). For each role (anonymous, then each demo account signed in through
the login form) the walk opens the landing page, every link of the header navigation, and
on each of those pages the first link into a detail page (a link inside ``main`` whose path
has a numeric segment) and the page's main actions (the buttons in its heading, such as
登记技术合同). Every HTML page answering 200 is parsed (BeautifulSoup) and checked:

* **Internal-id form fields.** A *visible* form control is an ``input`` whose type is not
  hidden/submit/button/reset/image, a ``select`` or a ``textarea``. None may ask for an
  internal number: its ``name`` must not be ``id`` or end in ``_id``/``_ids`` when it is a
  free-text control (input/textarea; a select offering names is how ids are chosen), and its
  label (``<label for>`` or the enclosing ``<label>``) must not name the number of a user,
  organisation, listing, case or broker (``用户编号``, ``机构编号``, ``成果编号`` …) nor say
  ``ID``. Hidden inputs (CSRF token, ids carried from a case) are fine: nobody types them.
* **Id columns.** No table header cell reads ``#``, ``ID`` or ``编号`` alone, or an internal
  number as above (``合同登记编号`` is a public registry number and ``序号`` the row number of
  an official form: both allowed).
* **English.** In the visible text (``script``/``style``/``noscript`` left out, and
  ``<code>``: commands and codes; e-mail addresses, URLs and the citation "et al." removed
  first) no two *Latin words* follow each other separated only by
  spaces. A Latin word is a token of two or more letters with a lower-case letter (upper-case
  acronyms and codes such as TRL, API, CSV, XLSX, DOCX, PDF, GB/T, 演示-JJR-0001 are not
  words) that is not a product name in ``PRODUCT_NAMES``.
* **Times.** No page shows the frozen instant as UTC (``2025-06-30 17:30``); the achievement
  published at that instant shows ``2025-07-01 01:30`` on its page.
"""

import datetime as dt
import re
import sys
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from matchhub.accounts.models import User
from matchhub.catalog.models import Achievement
from matchhub.core import clock
from matchhub.core.extensions import db
from matchhub.demo.files import RECORDS_PATH, load_demo_json
from matchhub.demo.loader import load_demo
from matchhub.demo.organisations import DEMO_PASSWORD
from tests.web.helpers import login

FROZEN = dt.datetime(2025, 6, 30, 17, 30, tzinfo=dt.UTC)
SHOWN = "2025-07-01 01:30"
SHOWN_AS_UTC = "2025-06-30 17:30"

ROLES = ("publisher", "enterprise", "broker", "org_admin", "zone_admin", "platform_admin")
PRODUCT_NAMES = frozenset({"MatchHub", "Excel", "Word", "WPS", "Elasticsearch", "SQLite",
                           "PostgreSQL", "Chromium", "Apache", "GitHub", "Python", "Flask"})
HIDDEN_TYPES = frozenset({"hidden", "submit", "button", "reset", "image"})
FREE_TEXT = frozenset({"input", "textarea"})
INTERNAL_NUMBER = re.compile(
    r"(用户|机构|单位|组织|成果|需求|对接单|经纪人|账号|账户)\s*(的)?\s*(编号|序号|号码)"
    r"|(?<![A-Za-z])ID(?![A-Za-z])")
BARE_ID_HEADER = re.compile(r"^\s*(#|ID|id|编号|No\.?)\s*$")
INTERNAL_NAME = re.compile(r"(^|_)ids?$")
# Left out before looking for English: addresses, links and the citation "et al.".
NOT_WORDS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|www\.\S+|\bet al\.?")
LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\S+")
DETAIL_PATH = re.compile(r"/\d+(/|$)")


def freeze_clock(monkeypatch) -> None:
    """clock.now/today, and every matchhub module that imported them by name."""
    frozen_now = lambda: FROZEN.astimezone(clock.zone())  # noqa: E731
    frozen_today = lambda: frozen_now().date()  # noqa: E731
    originals = {clock.now: frozen_now, clock.today: frozen_today}
    for name, module in list(sys.modules.items()):
        if not name.startswith("matchhub") or module is None:
            continue
        for attr in ("now", "today"):
            found = getattr(module, attr, None)
            if found in originals:
                monkeypatch.setattr(module, attr, originals[found])


def is_latin_word(token: str) -> bool:
    return (re.fullmatch(r"[A-Za-z][A-Za-z'’-]+", token) is not None
            and any(c.islower() for c in token) and token not in PRODUCT_NAMES)


def latin_runs(text: str) -> list[str]:
    """Runs of two or more Latin words separated only by spaces."""
    runs, current = [], []
    for line in NOT_WORDS.sub(" ", text).splitlines():
        for token in LATIN_TOKEN.findall(line):
            if is_latin_word(token):
                current.append(token)
                continue
            runs.append(current)
            current = []
        runs.append(current)
        current = []
    return [" ".join(run) for run in runs if len(run) >= 2]


def visible_text(soup: BeautifulSoup) -> str:
    for tag in soup(["script", "style", "noscript", "template", "code"]):
        tag.decompose()
    return soup.get_text("\n")


def label_of(soup: BeautifulSoup, control) -> str:
    label = control.find_parent("label")
    if label is None and control.get("id"):
        label = soup.find("label", attrs={"for": control["id"]})
    return label.get_text(" ", strip=True) if label else ""


def visible_controls(soup: BeautifulSoup):
    for control in soup.find_all(["input", "select", "textarea"]):
        if control.name == "input" and control.get("type", "text").lower() in HIDDEN_TYPES:
            continue
        yield control


def id_fields(soup: BeautifulSoup) -> list[str]:
    found = []
    for control in visible_controls(soup):
        name, label = control.get("name", ""), label_of(soup, control)
        if control.name in FREE_TEXT and INTERNAL_NAME.search(name):
            found.append(f"field name {name!r}")
        elif INTERNAL_NUMBER.search(label):
            found.append(f"field {name!r} labelled {label!r}")
    return found


def id_columns(soup: BeautifulSoup) -> list[str]:
    headers = (th.get_text(" ", strip=True) for th in soup.select("table th"))
    return [f"column {h!r}" for h in headers
            if BARE_ID_HEADER.match(h) or INTERNAL_NUMBER.search(h)]


def problems_on(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = id_fields(soup) + id_columns(soup)
    text = visible_text(soup)
    found += [f"English {run!r}" for run in latin_runs(text)]
    if SHOWN_AS_UTC in text:
        found.append(f"time shown as UTC {SHOWN_AS_UTC}")
    return found


def local_path(href: str | None) -> str | None:
    """A same-site page path worth opening (no downloads, sign-out or anchors)."""
    if not href or href.startswith(("#", "mailto:", "javascript:")):
        return None
    parts = urlsplit(href)
    if parts.netloc or not parts.path.startswith("/") or parts.path.startswith("/static"):
        return None
    if re.search(r"logout|export|download|\.(csv|xlsx|docx|pdf)$", parts.path):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def nav_links(soup: BeautifulSoup) -> list[str]:
    links = [local_path(a.get("href")) for a in soup.select(".site-header a")]
    return list(dict.fromkeys(path for path in links if path))


def first_detail_link(soup: BeautifulSoup) -> str | None:
    main = soup.find("main") or soup
    for a in main.find_all("a"):
        path = local_path(a.get("href"))
        if path and DETAIL_PATH.search(urlsplit(path).path):
            return path
    return None


def action_links(soup: BeautifulSoup) -> list[str]:
    links = (local_path(a.get("href")) for a in soup.select("main .page-head a.button"))
    return [path for path in links if path]


class Walk:
    """Pages opened by one role, and what was found on them."""

    def __init__(self, client, who: str):
        self.client, self.who = client, who
        self.seen: dict[str, str] = {}
        self.found: list[str] = []

    def open(self, path: str) -> BeautifulSoup | None:
        if path in self.seen:
            return None
        response = self.client.get(path)
        self.seen[path] = html = response.get_data(as_text=True)
        if response.status_code >= 500:
            self.found.append(f"{self.who} {path}: HTTP {response.status_code}")
        if response.status_code != 200 or "text/html" not in response.content_type:
            return None
        self.found += [f"{self.who} {path}: {p}" for p in problems_on(html)]
        return BeautifulSoup(html, "html.parser")

    def run(self, start: str = "/") -> None:
        home = self.open(start)
        assert home is not None, f"{self.who}: {start} did not open"
        for path in nav_links(home):
            page = self.open(path)
            if page is None:
                continue
            for link in [first_detail_link(page), *action_links(page)]:
                if link:
                    self.open(link)


def demo_account(role: str) -> User:
    emails = [u["email"] for u in load_demo_json("organisations.json")["users"]
              if u["role"] == role]
    return db.session.scalar(select(User).where(User.email == emails[0]))


def publish_one_at_frozen_time(client) -> str:
    """The first achievement of the public list, published at the frozen instant."""
    soup = BeautifulSoup(client.get("/achievements").get_data(as_text=True), "html.parser")
    path = first_detail_link(soup)
    achievement_id = int(DETAIL_PATH.search(path).group(0).strip("/"))
    db.session.get(Achievement, achievement_id).published_at = FROZEN.replace(tzinfo=None)
    db.session.commit()
    return path


@pytest.fixture
def demo(app, monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_INDEX_ON_COMMIT", False)
    freeze_clock(monkeypatch)
    load_demo(db.session, RECORDS_PATH, clock.today())
    db.session.commit()


def test_the_rules_catch_what_they_are_for():
    page = """<main><form><label for="b">技术经纪人（用户编号）</label><input id="b" name="broker">
      <input name="seller_org_id"><input type="hidden" name="need_id" value="3">
      <label>合同登记编号 <input name="registration_number"></label>
      <select name="achievement_id"><option>某成果</option></select></form>
      <table><tr><th>ID</th><th>合同登记编号</th></tr></table>
      <p>no embedding model is configured; TRL 5 · API · 写信给 a.b@example.org</p>
      <p>Li et al., COLING 2022 · 运行 <code>matchhub indexer run</code></p>
      <script>var not shown = 1;</script></main>"""
    assert problems_on(page) == [
        "field 'broker' labelled '技术经纪人（用户编号）'", "field name 'seller_org_id'",
        "column 'ID'", "English 'no embedding model is configured'"]
    assert problems_on("<p>MatchHub 平台 · CSV XLSX DOCX PDF · GB/T 2260</p>") == []


def test_every_role_sees_no_ids_no_english_and_local_times(client, demo):
    published = publish_one_at_frozen_time(client)
    walks = [Walk(client, "anonymous")]
    walks[0].run()
    walks[0].open(published)
    assert SHOWN in walks[0].seen[published]
    for role in ROLES:
        client.post("/logout")
        login(client, demo_account(role), DEMO_PASSWORD)
        walk = Walk(client, role)
        walk.run()
        walks.append(walk)
        assert len(walk.seen) > 3, f"{role} opened only {list(walk.seen)}"
    found = [problem for walk in walks for problem in walk.found]
    assert found == [], "\n".join(found)
