"""Whatever a person types or a script posts, pcplan answers with a page, never a server
error. On the seeded demo (and the role walk's objects), every route of the role walk
that takes a POST is sent junk by a role it admits: an empty body, fields 10,000
characters long, words and odd digits in number fields, 30 February, a NUL byte (which
PostgreSQL refuses to store), ids of nothing or too large for the database, and files of
the wrong kind. The query strings pages link to and their GET forms (filters) send get
the same junk.

The fields come from the forms on the pages themselves, as a browser would send them.
Each form is first completed with what the page shows (or a plausible value) until the
route accepts it, so the junk reaches the code that saves it; then junk replaces one
field at a time, and every field at once. Each request runs in a savepoint that is rolled
back, so every one meets the same data. Every 5xx is collected and listed by route and
payload in one failure. Run it on PostgreSQL too: SQLite stores what PostgreSQL refuses.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import Resolver404, resolve, reverse

from accounts.tests.helpers import Client
from pcplan.tests.pdfs import plain_pdf
from pcplan.tests.walk import Route, build_world, walk_routes

LONG = "x" * 10_000
NUL = "Weston\x00-super-Mare"
WORDS = "twelve and a half"
NOT_A_DATE = "2016-02-30"
NO_SUCH_ID = "999999999"
TOO_BIG_ID = "9" * 30
# str.isdigit() is true of it, and int() refuses it.
NOT_A_NUMBER = "\u00b2"
# Who posts, of the roles a route admits: the public first, as public forms are the most exposed.
POSTERS = ("anonymous", "staff", "publisher", "panel", "force")
SKIPPED_ROUTES = frozenset({"logout"})


# ---------------------------------------------------------------- forms on a page


@dataclass
class FormField:
    name: str
    kind: str  # an <input>'s type, or "textarea" / "select"
    values: list[str] = field(default_factory=list)  # what the page has filled in, checked or selected
    options: list[str] = field(default_factory=list)  # the choices of a select, radios or checkboxes
    numeric: bool = False
    unreachable: bool = False

    @property
    def is_date_part(self) -> bool:
        return self.name.rsplit("_", 1)[-1] in {"0", "1", "2"} and self.kind in {"text", "number"}

    @property
    def holds_ids(self) -> bool:
        return any(value.isdigit() for value in self.values + self.options)


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, FormField] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons


class FormParser(HTMLParser):
    """The forms of a page: their method, action and fields, as a browser reads them."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: FormField | None = None
        self._textarea: FormField | None = None
        self._option_value: str | None = None

    def _add(self, name: str, kind: str, **extra: Any) -> FormField:
        assert self._form is not None
        found = self._form.fields.setdefault(name, FormField(name=name, kind=kind))
        found.numeric = found.numeric or extra.get("numeric", False)
        return found

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        attrs = {key: value or "" for key, value in attributes}
        if tag == "option" and self._select is not None:
            # An <option> without a value sends its text (handle_data).
            self._option_value = attrs.get("value")
            if self._option_value is not None:
                self._select.options.append(self._option_value)
                if "selected" in attrs:
                    self._select.values.append(self._option_value)
        elif tag == "a" and attrs.get("href"):
            self.links.append(urljoin(self.page_url, attrs["href"]))
        elif tag == "form":
            self._form = Form(
                method=attrs.get("method", "get").lower(),
                action=urljoin(self.page_url, attrs.get("action") or self.page_url),
            )
            self.forms.append(self._form)
        elif (
            self._form is None
            or "disabled" in attrs
            or attrs.get("name", "csrfmiddlewaretoken") == "csrfmiddlewaretoken"
        ):
            return  # the CSRF token is not input (the test client does not check it)
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            name, value = attrs["name"], attrs.get("value", "")
            if kind in {"submit", "image", "button", "reset"}:
                self._form.buttons.append((name, value))
                return
            numeric = kind == "number" or attrs.get("inputmode") in {"numeric", "decimal"}
            found = self._add(name, kind, numeric=numeric)
            # A field people never reach (the consultation form's spam trap) stays as it is.
            found.unreachable = attrs.get("tabindex") == "-1"
            if kind in {"radio", "checkbox"}:
                value = dict(attributes).get("value", "on") or ""
                found.options.append(value)
                if "checked" in attrs:
                    found.values.append(value)
            elif kind != "file":
                found.values = [value]
        elif tag == "button":
            if attrs.get("type", "submit").lower() == "submit":
                self._form.buttons.append((attrs["name"], attrs.get("value", "")))
        elif tag == "textarea":
            self._textarea = self._add(attrs["name"], "textarea")
            self._textarea.values = [""]
        elif tag == "select":
            self._select = self._add(attrs["name"], "select")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            # A browser drops the newline that starts a textarea's content.
            self._textarea.values[0] += data.removeprefix("\n") if not self._textarea.values[0] else data
        elif self._select is not None and self._option_value is None and data.strip():
            # <option>Text</option> without a value sends its text.
            self._select.options.append(data.strip())
            self._option_value = data.strip()

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option_value = None


def parse_page(url: str, html: str) -> FormParser:
    parser = FormParser("http://testserver" + url)
    parser.feed(html)
    return parser


def _path_of(url: str) -> str:
    return urlsplit(url).path


# ---------------------------------------------------------------- payloads


def _plausible(form_field: FormField, *, choose: bool) -> list[str]:
    """What a person would most likely enter in an empty field; with `choose`, an empty
    choice ("Choose a priority") is replaced by the first real one."""
    if form_field.kind in {"radio", "select"}:
        if any(form_field.values) or (form_field.values and not choose):
            return form_field.values
        return [option for option in form_field.options if option][:1]
    if form_field.kind == "checkbox":
        # A single box (a consent, a confirmation) is ticked; a list of them is left as it is.
        return form_field.values or (form_field.options if len(form_field.options) == 1 else [])
    if (form_field.values and form_field.values[0]) or form_field.kind == "hidden" or form_field.unreachable:
        return form_field.values
    if form_field.is_date_part:
        ends = any(word in form_field.name for word in ("end", "close"))
        return [
            ({"0": "31", "1": "3", "2": "2021"} if ends else {"0": "1", "1": "4", "2": "2017"})[form_field.name[-1]]
        ]
    if form_field.kind == "email" or "email" in form_field.name:
        return ["resident@example.org"]
    if form_field.kind == "date":
        return ["2017-04-01"]
    if form_field.numeric:
        return ["5"]
    return ["Officers on foot in Weston town centre"]


def baselines(form: Form, route_data: dict[str, Any]) -> list[dict[str, Any]]:
    """The form completed with plausible values and the walk's own data: first with every
    choice made, then with empty choices left as the page offers them."""
    found = []
    for choose in (True, False):
        data: dict[str, Any] = {
            name: _plausible(form_field, choose=choose)
            for name, form_field in form.fields.items()
            if form_field.kind != "file"
        }
        if form.buttons and form.buttons[0][0]:
            data.setdefault(form.buttons[0][0], form.buttons[0][1])
        data.update(route_data)
        if data not in found:
            found.append(data)
    return found


def _junk_for(form_field: FormField) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """The junk one field is sent, by what it looks like it takes, as changes to the body."""
    name = form_field.name
    yield "10,000 characters", {name: [LONG]}
    yield "a NUL byte", {name: [NUL]}
    takes_a_number = form_field.numeric or form_field.is_date_part or form_field.holds_ids
    if takes_a_number:
        yield "words for a number", {name: [WORDS]}
        yield "a digit that is not a number", {name: [NOT_A_NUMBER]}
        yield "a number too big for the database", {name: [TOO_BIG_ID]}
    if form_field.holds_ids or form_field.numeric:
        yield "an id of nothing", {name: [NO_SUCH_ID]}
    if form_field.is_date_part and name.endswith("_0"):
        # The day, month and year of one GOV.UK date input together.
        yield (
            "30 February",
            {f"{name[:-2]}_{part}": [value] for part, value in zip("012", ("30", "2", "2016"), strict=True)},
        )
    if form_field.kind == "date" or "date" in name:
        yield "30 February", {name: [NOT_A_DATE]}


def _wrong_files(name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    yield (
        "a program instead of a document",
        {name: SimpleUploadedFile("setup.exe", b"MZ\x90\x00" + bytes(range(256)), "application/octet-stream")},
    )
    yield (
        "text named as a PDF",
        {name: SimpleUploadedFile("report.pdf", b"This is not a PDF.\n", "application/pdf")},
    )
    yield (
        "binary named as a CSV",
        {name: SimpleUploadedFile("readings.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "text/csv")},
    )
    yield (
        "a NUL byte in the file name",
        {name: SimpleUploadedFile("report\x00.pdf", plain_pdf(), "application/pdf")},
    )
    yield (
        "a file name of 300 characters",
        {name: SimpleUploadedFile("r" * 296 + ".pdf", plain_pdf(), "application/pdf")},
    )


def form_of(form: Form | None, route_data: dict[str, Any]) -> Form:
    """The form to fill; for a route whose form no page shows, the walk's data as one."""
    if form is not None:
        return form
    fields = {name: FormField(name=name, kind="text", values=[str(value)]) for name, value in route_data.items()}
    return Form(method="post", action="", fields=fields)


def payloads(form: Form, base: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(what was sent, the POST body): junk in one field at a time, then in every field."""
    text_fields = [f for f in form.fields.values() if f.kind != "file"]
    for name, everything in [("10,000 characters", LONG), ("a NUL byte", NUL), ("words for a number", WORDS)]:
        yield f"every field: {name}", {**base, **{f.name: [everything] for f in text_fields}}
    for form_field in text_fields:
        for junk, change in _junk_for(form_field):
            yield f"{form_field.name}: {junk}", {**base, **change}
    for file_field in (f for f in form.fields.values() if f.kind == "file"):
        for junk, files in _wrong_files(file_field.name):
            yield f"{file_field.name}: {junk}", {**base, **files}


QUERY_JUNK = [
    ("10,000 characters", LONG),
    ("a NUL byte", NUL),
    ("words for a number", WORDS),
    ("a digit that is not a number", NOT_A_NUMBER),
    ("30 February", NOT_A_DATE),
    ("an id of nothing", NO_SUCH_ID),
    ("a number too big for the database", TOO_BIG_ID),
]


def query_payloads(sample: dict[str, str]) -> Iterator[tuple[str, dict[str, str]]]:
    """Junk in each parameter of a query string (the others as a page sent them), then in all."""
    for junk, value in QUERY_JUNK:
        for key in sample:
            yield f"{key}: {junk}", {**sample, key: value}
        if len(sample) > 1:
            yield f"every parameter: {junk}", dict.fromkeys(sample, value)


# ---------------------------------------------------------------- the walk


@pytest.fixture
def world(db: Any, role_users: dict[str, Any], area: Any, settings: Any) -> SimpleNamespace:
    # So the public comment form's per-address limit does not answer every junk post with a 429.
    settings.CONSULTATION_COMMENT_RATE = "1000000/m"
    call_command("seed_demo", allow_production=True, stdout=StringIO())
    return build_world(role_users, area)


def _poster(route: Route) -> str:
    return next(role for role in POSTERS if role in route.allowed)


class Prober:
    """Sends each request as a role, in a savepoint rolled back afterwards, and keeps the
    5xx answers."""

    def __init__(self, world: SimpleNamespace) -> None:
        self.world = world
        self.client = Client(raise_request_exception=False)
        self.failures: list[str] = []

    def send(self, role: str, method: str, url: str, data: dict[str, Any], label: str) -> Any:
        with transaction.atomic():
            self.client.logout()
            if role != "anonymous":
                self.client.force_login(self.world.users[role])
            response = getattr(self.client, method)(url, data)
            transaction.set_rollback(True)
        if response.status_code >= 500:
            error = response.exc_info[1] if response.exc_info else None
            cause = f"{type(error).__name__}: {str(error)[:200]}" if error else ""
            self.failures.append(f"{method.upper()} {url} as {role} with {label}: {response.status_code} {cause}")
        return response

    def accepted(self, role: str, url: str, candidates: list[dict[str, Any]]) -> dict[str, Any]:
        """The first of the candidate bodies the route accepts (answers with a redirect)."""
        for data in candidates:
            if self.send(role, "post", url, data, "the form, completed").status_code in (301, 302, 303):
                return data
        return candidates[0]


def _forms_of_routes(prober: Prober, routes: list[Route]) -> dict[str, list[Form]]:
    """Every form on every page the walk can GET, by the path it submits to."""
    forms: dict[str, list[Form]] = {}
    for route in routes:
        url = reverse(route.name, kwargs=route.kwargs(prober.world)) + route.query
        response = prober.send(_poster(route), "get", url, {}, "a plain GET")
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        for form in parse_page(url, response.content.decode()).forms:
            found = forms.setdefault(_path_of(form.action), [])
            # The same form on several pages is filled once.
            if not any(other.fields.keys() == form.fields.keys() and other.buttons == form.buttons for other in found):
                found.append(form)
    return forms


def test_junk_posted_to_any_form_is_answered_without_a_server_error(world: SimpleNamespace) -> None:
    prober = Prober(world)
    routes = [route for route in walk_routes() if route.name not in SKIPPED_ROUTES]
    forms = _forms_of_routes(prober, routes)
    posted = 0
    for route in routes:
        role = _poster(route)
        url = reverse(route.name, kwargs=route.kwargs(world))
        candidates = [form for form in forms.get(url, []) if form.method == "post"] or [None]
        route_data = route.data(world)
        if prober.send(role, "post", url, {}, "an empty body").status_code == 405:
            continue  # the route takes no POST
        for offered in candidates:
            form = form_of(offered, route_data)
            # The junk goes into a form that is otherwise accepted, where one can be found,
            # so it reaches the code that saves it.
            base = prober.accepted(role, url, baselines(form, route_data))
            for label, data in payloads(form, base):
                prober.send(role, "post", url, data, label)
                posted += 1
    # The walk itself: junk reached the forms (a sign that the pages and routes were found).
    assert posted > 500, f"Only {posted} posts were sent"
    assert not prober.failures, f"{len(prober.failures)} requests answered with a server error:\n" + "\n".join(
        prober.failures
    )


def _route_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


# Pages of one route read per role while looking for query strings.
PAGES_PER_ROUTE = 2
# The Publisher's pages are the staff's, with more buttons (posts) on them.
READERS = ("anonymous", "staff", "panel", "force")


# Every role reads every page it can open, a few minutes on a shared machine: more than
# the suite's default limit of 300 s once the account and set-up pages joined the walk.
@pytest.mark.timeout(900)
def test_junk_in_filters_and_query_strings_is_answered_without_a_server_error(world: SimpleNamespace) -> None:
    """Each role follows the links of the pages it can open (from the home page and from
    every URL of the walk it is admitted to), noting each query string a link carries or a
    GET form (a filter) sends; then each parameter of each is sent junk."""
    prober = Prober(world)
    routes = [route for route in walk_routes() if route.name not in SKIPPED_ROUTES]
    samples: dict[tuple[str, str], dict[str, str]] = {}  # (role, path): a query string seen

    def seen_query(role: str, url: str, query: dict[str, str]) -> None:
        if query and _route_name(_path_of(url)) not in (None, *SKIPPED_ROUTES):
            samples.setdefault((role, _path_of(url)), {}).update(query)

    for role in READERS:
        queue = ["/"] + [
            reverse(route.name, kwargs=route.kwargs(world)) + route.query
            for route in routes
            if role in route.allowed and route.method == "get"
        ]
        read: dict[str | None, set[str]] = {}
        while queue:
            url = queue.pop(0)
            seen_query(role, url, dict(parse_qsl(urlsplit(url).query)))
            name = _route_name(_path_of(url))
            urls = read.setdefault(name, set())
            if url in urls or name is None or name in SKIPPED_ROUTES or len(urls) >= PAGES_PER_ROUTE:
                continue
            urls.add(url)
            response = prober.send(role, "get", url, {}, "a plain GET")
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            page = parse_page(url, response.content.decode())
            queue += [
                link.removeprefix("http://testserver") for link in page.links if link.startswith("http://testserver/")
            ]
            for form in (form for form in page.forms if form.method == "get"):
                filled = baselines(form, {})[0]
                seen_query(role, form.action, {name: (filled.get(name) or [""])[0] for name in form.fields})
    sent = 0
    for (role, path), sample in samples.items():
        for label, data in query_payloads(sample):
            prober.send(role, "get", path, data, label)
            sent += 1
    assert sent > 50, f"Only {sent} requests were sent"
    assert not prober.failures, f"{len(prober.failures)} requests answered with a server error:\n" + "\n".join(
        prober.failures
    )
