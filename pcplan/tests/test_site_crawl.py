"""Every page a person can reach by following links, as each role, held to the standards
every page must meet: it opens (a link someone is shown must not lead to a refusal, a
missing page or the sign-in page), axe finds no WCAG 2.2 A or AA violation, it has one
<h1> and a title of its own, the W3C Nu Html Checker finds no error in its HTML as served
(all the pages of a crawl checked in one run: the checker is slow to start), the browser
reports no error or CSP violation, and a member
of the public can read it on a phone (375 px wide, the mobile_page fixture) without
scrolling sideways, as can staff, Panel members and the Force liaison (the same width).

The crawl starts at the home page (whose menu is the role's navigation) and follows
same-origin links with GET only. It skips signing out, the admin and downloads (any answer
that is not HTML), and opens at most a few URLs of each route, so pages that differ only by
an id are not all read: about 400 pages for the five roles, a few minutes on two cores.
Every problem found is listed in one failure.
"""

import logging
from collections import Counter, deque
from io import StringIO
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

from pcplan.tests.browser_steps import PHONE_WIDTH, sideways_scroll
from pcplan.tests.html_checker import html_errors

pytestmark = pytest.mark.browser

logger = logging.getLogger(__name__)

# At most this many URLs of one route (one url_name): different ids of the same page...
PATHS_PER_ROUTE = 2
# ...and, of those carrying a query string (filters, comparisons, pages of a list), this many.
QUERIES_PER_ROUTE = 1
# Never followed: signing out ends the crawl's session; the admin guards and styles itself.
SKIPPED_ROUTES = frozenset({"logout"})
SKIPPED_PREFIXES = ("/admin/", "/static/")
LOGIN_PATH = "/accounts/login/"
# Pages a role must reach, so the crawl holds them to the standards: the published annual
# report is a long page of tables and charts, read by the public on phones.
MUST_REACH = {None: {"reports:public"}}


@pytest.fixture
def demo(transactional_db: Any) -> None:
    call_command("seed_demo", allow_production=True, stdout=StringIO())


class Crawl:
    """Breadth-first over the links of the pages a role is shown."""

    def __init__(self, page: Any, *, phone_width: bool = False) -> None:
        self.page = page
        self.phone_width = phone_width
        self.base_url = page.base_url
        self.queued: set[str] = set()
        self.paths_of: dict[str, set[str]] = {}
        self.queries_of: Counter[str] = Counter()
        self.queue: deque[tuple[str, str]] = deque()
        self.pages: list[str] = []  # the HTML pages checked, in order
        self.html: dict[str, str] = {}  # each page's HTML as the server sent it
        self.failures: list[str] = []
        self.home_title = ""

    def fail(self, url: str, problem: str) -> None:
        self.failures.append(f"{url}: {problem}")

    def offer(self, url: str, found_on: str) -> None:
        """Queue a link unless it leaves the site, is skipped, or its route has had its share."""
        if not url.startswith(self.base_url):
            return
        parts = urlsplit(url[len(self.base_url) :])
        path = parts.path or "/"
        target = path + (f"?{parts.query}" if parts.query else "")
        if target in self.queued or path.startswith(SKIPPED_PREFIXES):
            return
        try:
            route = resolve(path).view_name
        except Resolver404:
            route = f"unresolved {path}"  # queued anyway: a link to nowhere is a problem
        if route in SKIPPED_ROUTES:
            return
        paths = self.paths_of.setdefault(route, set())
        if path not in paths and len(paths) >= PATHS_PER_ROUTE:
            return
        if parts.query:
            if self.queries_of[route] >= QUERIES_PER_ROUTE:
                return
            self.queries_of[route] += 1
        paths.add(path)
        self.queued.add(target)
        self.queue.append((target, found_on))

    def run(self, start: str = "/") -> None:
        self.offer(self.base_url + start, found_on="(start)")
        while self.queue:
            target, found_on = self.queue.popleft()
            self.visit(target, found_on)

    def visit(self, target: str, found_on: str) -> None:
        page = self.page
        try:
            response = page.goto(target)
        except Exception as error:  # noqa: BLE001 - Playwright's Error; a download is one
            if "Download is starting" not in str(error):
                self.fail(target, f"could not be opened ({error}), linked from {found_on}")
            return
        self.take_browser_problems(target)
        if response is None:
            self.fail(target, f"gave no response, linked from {found_on}")
            return
        if response.status >= 400:
            self.fail(target, f"answered {response.status}, linked from {found_on}")
            return
        if not response.headers.get("content-type", "").startswith("text/html"):
            return  # a download or a data file
        landed = urlsplit(page.url)
        if landed.path == LOGIN_PATH and urlsplit(target).path != LOGIN_PATH:
            self.fail(target, f"sends this role to sign in, linked from {found_on}")
            return
        landed_at = landed.path + (f"?{landed.query}" if landed.query else "")
        if landed_at != target and landed_at in self.pages:
            return  # a redirect to a page already checked
        self.pages.append(landed_at)
        self.html[landed_at] = response.text()
        self.check(landed_at)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)"):
            self.offer(href.split("#", 1)[0], found_on=landed_at)

    def check(self, url: str) -> None:
        page = self.page
        title = page.title().strip()
        if url == "/":
            self.home_title = title
        if not title:
            self.fail(url, "has an empty <title>")
        elif url != "/" and title == self.home_title:
            self.fail(url, f"has the home page's title ({title!r}), not one of its own")
        headings = page.evaluate("document.querySelectorAll('h1').length")
        if headings != 1:
            self.fail(url, f"has {headings} <h1> elements, not one")
        try:
            page.assert_accessible()
        except AssertionError as error:
            self.fail(url, str(error))
        if self.phone_width:
            self.check_fits_a_phone(url)
        self.take_browser_problems(url)

    def check_fits_a_phone(self, url: str) -> None:
        """Staff and members use phones too (WCAG 2.2 reflow): the same page narrowed to a
        phone's width must not scroll sideways; a wide table scrolls in its own region."""
        desktop = self.page.viewport_size
        self.page.set_viewport_size({"width": PHONE_WIDTH, "height": desktop["height"]})
        try:
            problem = sideways_scroll(self.page)
        finally:
            self.page.set_viewport_size(desktop)
        if problem:
            self.fail(url, problem)

    def take_browser_problems(self, url: str) -> None:
        """Move what the browser reported (console errors, CSP violations) to this crawl's
        failures, naming the page, so the fixture's own check does not stop at the first."""
        for problem in self.page.problems:
            self.fail(url, problem)
        self.page.problems.clear()


def _check_fits_a_phone(page: Any, urls: list[str]) -> list[str]:
    failures = []
    for url in urls:
        page.goto(url)
        if problem := sideways_scroll(page):
            failures.append(f"{url}: {problem}")
        failures.extend(f"{url}: {problem} (on a phone)" for problem in page.problems)
        page.problems.clear()
    return failures


# A signed-in role reaches about a hundred pages, each checked by axe and at a phone's width,
# then all checked by the HTML checker: minutes on a shared two-core machine.
@pytest.mark.timeout(900)
@pytest.mark.parametrize("username", [None, "staff", "publisher", "panel", "force"], ids=str)
def test_every_page_a_role_can_reach_meets_the_standards(
    browser_page: Any, demo: None, request: pytest.FixtureRequest, username: str | None
) -> None:
    if username is not None:
        browser_page.sign_in(username, "pcplan-demo")
    # Signed-in pages are narrowed to a phone's width in place; the public's are opened
    # again on a phone (touch, mobile viewport) below.
    crawl = Crawl(browser_page, phone_width=username is not None)
    crawl.run()
    failures = crawl.failures + html_errors(crawl.html)
    if username is None:
        failures += _check_fits_a_phone(request.getfixturevalue("mobile_page"), crawl.pages)
    logger.info("Crawled %d pages as %s", len(crawl.pages), username or "anonymous")

    # The crawl itself: it reached well beyond the home page, and the pages it must.
    assert len(crawl.pages) > 5, f"The crawl found only {crawl.pages}"
    reached = {resolve(urlsplit(url).path).view_name for url in crawl.pages}
    assert MUST_REACH.get(username, set()) <= reached, f"The crawl did not reach {MUST_REACH[username] - reached}"
    assert not failures, f"{len(failures)} problems on the pages {username or 'anonymous'} can reach:\n" + "\n".join(
        failures
    )
