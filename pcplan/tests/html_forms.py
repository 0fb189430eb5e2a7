"""The POST forms of a page as a browser sees them: each form's action and the values it
would send if submitted untouched (inputs, checked boxes, selected options, textareas,
its first submit button)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.urls import Resolver404, resolve


@dataclass
class Control:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    checked: bool = False
    required: bool = False
    options: list[str] = field(default_factory=list)  # a select's values, or a radio group's


@dataclass
class Form:
    action: str
    controls: list[Control] = field(default_factory=list)
    submit: tuple[str, str] | None = None

    def names(self) -> set[str]:
        return {control.name for control in self.controls}

    def has(self, name: str) -> bool:
        return name in self.names()

    def hidden(self, name: str) -> str | None:
        for control in self.controls:
            if control.name == name and control.kind == "hidden":
                return control.value
        return None

    def values(self) -> dict[str, Any]:
        """What submitting the form untouched sends (lists for repeated names)."""
        sent: dict[str, list[str]] = {}
        for control in self.controls:
            if control.kind in ("checkbox", "radio") and not control.checked:
                continue
            if control.kind in ("submit", "button", "file", "reset", "image"):
                continue
            sent.setdefault(control.name, []).append(control.value)
        if self.submit is not None and self.submit[0]:
            sent.setdefault(self.submit[0], [self.submit[1]])
        return {name: values[0] if len(values) == 1 else values for name, values in sent.items()}

    def url_name(self) -> str | None:
        try:
            return resolve(self.action.split("?", 1)[0].split("#", 1)[0]).view_name
        except Resolver404:
            return None


class _FormParser(HTMLParser):
    def __init__(self, page_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.textarea: Control | None = None
        self.select: Control | None = None
        self.option_value: str | None = None
        self.option_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self.form = Form(action=a.get("action") or self.page_path)
            return
        if self.form is None:
            return
        name = a.get("name", "")
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                if self.form.submit is None:
                    self.form.submit = (name, a.get("value", ""))
                return
            if name:
                self.form.controls.append(
                    Control(
                        name,
                        kind,
                        a.get("value", "on" if kind in ("checkbox", "radio") else ""),
                        checked="checked" in a,
                        required="required" in a,
                    )
                )
        elif tag == "button":
            if a.get("type", "submit").lower() == "submit" and self.form.submit is None:
                self.form.submit = (name, a.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = Control(name, "textarea", required="required" in a)
            self.form.controls.append(self.textarea)
        elif tag == "select" and name:
            self.select = Control(name, "select", required="required" in a)
            self.form.controls.append(self.select)
        elif tag == "option" and self.select is not None:
            self.option_value = a.get("value")
            self.option_text = ""
            if "selected" in a:
                self._option_selected = True
            else:
                self._option_selected = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.form is not None:
            self.forms.append(self.form)
            self.form = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the newline that follows <textarea>, as Django writes it.
            if self.textarea.value.startswith("\r\n"):
                self.textarea.value = self.textarea.value[2:]
            elif self.textarea.value.startswith("\n"):
                self.textarea.value = self.textarea.value[1:]
            self.textarea = None
        elif tag == "option" and self.select is not None:
            value = self.option_value if self.option_value is not None else self.option_text.strip()
            self.select.options.append(value)
            if self._option_selected or (len(self.select.options) == 1):
                if self._option_selected or not self.select.checked:
                    self.select.value = value
                if self._option_selected:
                    self.select.checked = True
            self.option_value = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.value += data
        elif self.select is not None and self.option_value is None:
            self.option_text += data


def post_forms(html: str, page_path: str) -> list[Form]:
    parser = _FormParser(page_path)
    parser.feed(html)
    parser.close()
    return parser.forms
