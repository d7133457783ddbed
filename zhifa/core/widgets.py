"""The searchable picker: one widget for every long choice list (items, subjects, officers,
villages, people), single or multiple, typed into and chosen with the keyboard or a tap — never
a listbox that needs Ctrl-click.

``static/core/picker.js`` turns every ``select[data-picker]`` into a tom-select control (loaded
for every page by base.html; no inline script). Two modes:

- **in the page** (no ``source``): all options are rendered and searched in the browser — for
  lists of tens (villages, a town's departments);
- **from the server** (``source`` = the URL name of a search endpoint): only the chosen options
  are rendered (so a refused form keeps them) and the rest are fetched as the user types. The
  endpoint answers ``GET ?q=&limit=`` (plus ``params``) with ``{"results": [{"id", "label",
  "hint", ...}]}``; ``value_field`` names the key whose value the form posts (``id`` by default).

``depends`` maps an endpoint parameter to another field of the same form (``{"item": "items"}``):
its current value is sent with each search, and the options are reloaded when it changes (the
eligible-handler search uses this: officers who may act for the chosen item on the chosen day).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse


class _PickerMixin:
    allow_multiple_selected: bool

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        *,
        source: str = "",
        value_field: str = "id",
        placeholder: str = "输入文字搜索",
        params: Mapping[str, Any] | None = None,
        depends: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(attrs)  # type: ignore[call-arg]
        self.source = source
        self.value_field = value_field
        self.placeholder = placeholder
        self.params = dict(params or {})
        self.depends = dict(depends or {})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = {**(attrs or {})}
        attrs["data-picker"] = "multiple" if self.allow_multiple_selected else "single"
        attrs["data-placeholder"] = self.placeholder
        attrs.setdefault("class", "form-select")
        if self.source:
            attrs["data-picker-url"] = reverse(self.source)
            attrs["data-picker-value"] = self.value_field
        if self.params:
            attrs["data-picker-params"] = json.dumps(self.params, ensure_ascii=False)
        if self.depends:
            attrs["data-picker-depends"] = json.dumps(self.depends, ensure_ascii=False)
        return super().get_context(name, value, attrs)  # type: ignore[misc]

    def optgroups(self, name: str, value: list[str], attrs: dict[str, Any] | None = None) -> Any:
        if not self.source:
            return super().optgroups(name, value, attrs)  # type: ignore[misc]
        # Server mode: render only what is chosen (and the empty choice), never the whole table.
        original = self.choices  # type: ignore[has-type]
        self.choices = list(self._chosen(original, [v for v in value if v not in ("", None)]))
        try:
            return super().optgroups(name, value, attrs)  # type: ignore[misc]
        finally:
            self.choices = original

    @staticmethod
    def _chosen(choices: Any, values: list[str]) -> Iterable[tuple[Any, Any]]:
        queryset = getattr(choices, "queryset", None)
        if queryset is None:
            wanted = set(map(str, values))
            return [(v, label) for v, label in choices if v == "" or str(v) in wanted]
        field = choices.field
        rows: list[tuple[Any, Any]] = []
        if field.empty_label is not None and not getattr(
            field.widget, "allow_multiple_selected", 0
        ):
            rows.append(("", field.empty_label))
        if not values:
            return rows
        key = field.to_field_name or "pk"
        try:
            found = list(queryset.filter(**{f"{key}__in": values}))
        except (ValueError, TypeError, ValidationError):
            found = []  # a tampered value: the field's own validation reports it
        return rows + [choices.choice(obj) for obj in found]


class Picker(_PickerMixin, forms.Select):
    """One choice, searchable (see the module docstring for the two modes)."""


class MultiPicker(_PickerMixin, forms.SelectMultiple):
    """Several choices, searchable; each chosen one shows as a removable tag."""


def in_chosen_order(form: forms.Form, name: str, chosen: Iterable[Any]) -> list[Any]:
    """The objects of a MultiPicker field in the order they were chosen (the picker posts them so;
    a model field's cleaned queryset forgets it) — the first chosen handler leads the case."""
    posted = [str(v) for v in form.data.getlist(form.add_prefix(name))] if form.is_bound else []
    rank = {value: i for i, value in enumerate(posted)}
    return sorted(chosen, key=lambda obj: rank.get(str(getattr(obj, "pk", obj)), len(rank)))
