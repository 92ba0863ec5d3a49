"""The forms of a rendered page, read with the standard library's HTML parser.

`post_forms(html, page_url)` gives every `<form method="post">` (`get_forms` every other one)
with its action (made absolute against the page) and every field a browser could send: inputs
of every type (hidden ones too), selects, textareas and named buttons. `Form.valid_pairs()` is
what a person would submit without touching anything: the values the page filled in, plus a
plausible value for each required field it left empty, so that a save can happen.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

from django.urls import Resolver404, resolve
from PIL import Image

SKIPPED_INPUTS = {"submit", "reset", "image"}  # sent only when pressed, and never named here


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()  # a real picture: what a person attaches to a file field


@dataclass
class Upload:
    """A file to post; `open()` gives a fresh file object for each request."""

    name: str
    content: bytes

    def open(self) -> io.BytesIO:
        handle = io.BytesIO(self.content)
        handle.name = self.name
        return handle


@dataclass
class Field:
    """One name of a form: its kind, the values the page offers and the values it sends."""

    name: str
    kind: str  # the input type, or "select", "textarea", "button"
    options: list[str] = field(default_factory=list)  # values one may choose (select, radio …)
    sent: list[str] = field(default_factory=list)  # what the unchanged page would send
    required: bool = False
    attrs: dict[str, str] = field(default_factory=dict)

    def valid_values(self) -> list[str]:
        """What a person filling the form in would send for this name."""
        if self.kind in {"checkbox", "radio", "select", "button"}:
            if self.sent and any(self.sent):
                return self.sent
            choices = [value for value in self.options if value]
            # A group of checkboxes (a multiple choice) gets its first one ticked.
            group = self.kind == "checkbox" and len(self.options) > 1
            return choices[:1] if (self.required or group or self.kind == "button") else []
        if self.sent and self.sent[0]:
            return self.sent
        return [plausible(self)] if self.required else [""]


@dataclass
class Form:
    """A form of a page."""

    action: str  # absolute path, with its query string
    page: str
    method: str = "post"
    fields: dict[str, Field] = field(default_factory=dict)
    multipart: bool = False

    @property
    def view_name(self) -> str:
        try:
            return resolve(urlsplit(self.action).path).view_name
        except Resolver404:
            return "?"

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        """The same form on another page (or another record) has the same key."""
        return self.method, self.view_name, tuple(sorted(self.fields))

    def valid_pairs(self) -> list[tuple[str, str]]:
        return [(f.name, value) for f in self.fields.values() for value in f.valid_values()]


def plausible(f: Field) -> str:
    """A value a person could type in an empty required field, read from its markup."""
    placeholder = f.attrs.get("placeholder", "").lower()
    if "ηη/μμ" in placeholder:
        return date.today().strftime("%d/%m/%Y")
    if "ωω:λλ" in placeholder:
        return "10:00"
    if f.kind == "email":
        return "fuzz@example.org"
    if f.kind == "number":
        return f.attrs.get("min") or "1"
    if f.kind == "password":
        return "Fuzz-pass-2026!"
    return "Δοκιμή"


class _FormParser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None
        self.option: dict[str, str | None] | None = None
        self.textarea: Field | None = None
        self.link_params: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v if v is not None else "" for k, v in attrs}
        if tag == "a" and "?" in a.get("href", ""):
            self.link_params |= set(parse_qs(urlsplit(a["href"]).query, keep_blank_values=True))
        if tag == "form":
            self._open_form(a)
        elif self.form is None:
            return
        elif tag == "input":
            self._input(a)
        elif tag == "button" and a.get("name"):
            f = self._field(a["name"], "button", a)
            f.options.append(a.get("value", ""))
        elif tag == "select" and a.get("name"):
            self.select = self._field(a["name"], "select", a)
        elif tag == "option" and self.select is not None:
            self.option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
        elif tag == "textarea" and a.get("name"):
            self.textarea = self._field(a["name"], "textarea", a)
            self.textarea.sent.append("")

    def handle_data(self, data: str) -> None:
        if self.option is not None:
            self.option["text"] += data
        elif self.textarea is not None:
            self.textarea.sent[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.form is not None:
            self.forms.append(self.form)
            self.form = None
        elif tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the one newline right after <textarea>.
            self.textarea.sent[-1] = self.textarea.sent[-1].removeprefix("\n")
            self.textarea = None

    def _open_form(self, a: dict[str, str]) -> None:
        method = "post" if a.get("method", "get").lower() == "post" else "get"
        action = urljoin(self.page_url, a.get("action") or self.page_url)
        parts = urlsplit(action)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        multipart = "multipart" in a.get("enctype", "")
        self.form = Form(path, self.page_url, method, multipart=multipart)

    def _input(self, a: dict[str, str]) -> None:
        kind = a.get("type", "text").lower()
        if not a.get("name") or kind in SKIPPED_INPUTS:
            return
        f = self._field(a["name"], kind, a)
        value = a.get("value", "on" if kind in {"checkbox", "radio"} else "")
        if kind in {"checkbox", "radio"}:
            f.options.append(value)
            if "checked" in a:
                f.sent.append(value)
        elif kind != "file":
            f.sent.append(value)

    def _field(self, name: str, kind: str, a: dict[str, str]) -> Field:
        assert self.form is not None
        f = self.form.fields.setdefault(name, Field(name, kind, attrs=a))
        f.required = f.required or "required" in a
        if kind == "file":
            self.form.multipart = True
        return f

    def _close_option(self) -> None:
        if self.option is None or self.select is None:
            return
        value = self.option["value"]
        value = value if value is not None else self.option["text"].strip()
        self.select.options.append(value)
        if self.option["selected"]:
            self.select.sent.append(value)
        self.option = None


def read_page(html: str, page_url: str) -> tuple[list[Form], set[str]]:
    """Every form of the page, in the order of the page, and the query parameters its links
    carry (`?next=`, `?about=`, `?page=` …)."""
    parser = _FormParser(page_url)
    parser.feed(html)
    parser.close()
    for form in parser.forms:
        for f in form.fields.values():
            # A single select sends its first option when none is marked selected.
            if f.kind == "select" and not f.sent and f.options and "multiple" not in f.attrs:
                f.sent.append(f.options[0])
    return parser.forms, parser.link_params


def page_forms(html: str, page_url: str) -> list[Form]:
    """Every form of the page, in the order of the page."""
    return read_page(html, page_url)[0]


def post_forms(html: str, page_url: str) -> list[Form]:
    """Every `<form method="post">` of the page."""
    return [form for form in page_forms(html, page_url) if form.method == "post"]


def get_forms(html: str, page_url: str) -> list[Form]:
    """Every form of the page that a browser sends as a query string (filters, search)."""
    return [form for form in page_forms(html, page_url) if form.method == "get"]
