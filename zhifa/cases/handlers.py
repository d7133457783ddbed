"""Assigning a case's handlers (承办人) from its page: the picker offers only officers who may act
for the case's items today (专职, in post, a 执法证 in force whose domains cover the item — never
auxiliaries or reserves: ``team.rules.eligible_handlers``), and the form refuses anyone else at
assignment, naming them, before the service checks again."""

from __future__ import annotations

from typing import Any

from django import forms

from zhifa.catalog.rules import item_held_by_town
from zhifa.core import clock
from zhifa.core.articles import A42, short
from zhifa.core.widgets import MultiPicker, in_chosen_order
from zhifa.team.models import Officer
from zhifa.team.rules import eligible_handlers

from . import services


def eligible_ids(case: Any, on: Any = None) -> set[int]:
    """Officers who may act for every item of the case on ``on`` (today by default)."""
    on = on or clock.today()
    items = [i for i in case.items.all() if item_held_by_town(item=i, on=on)] or [None]
    found: set[int] | None = None
    for item in items:
        ids = {h.officer.pk for h in eligible_handlers(town=case.town, on=on, item=item)}
        found = ids if found is None else found & ids
    return found or set()


class HandlersStep(forms.Form):
    label = "指派承办人"
    handlers = forms.ModelMultipleChoiceField(
        label="承办人（≥2 名持证队员）", queryset=Officer.objects.none()
    )

    def __init__(self, *args: Any, town: Any, case: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.town, self.case = town, case
        self.on = clock.today()
        held = [i for i in case.items.all() if item_held_by_town(item=i, on=self.on)]
        first = held[0] if held else None
        field = self.fields["handlers"]
        field.queryset = Officer.objects.filter(town=town, is_active=True).select_related("user")
        field.widget = MultiPicker(
            source="api:team_pick_officers",
            params={
                "employment": "full_time",
                "on": self.on.isoformat(),
                **({"item": first.pk} if first else {}),
            },
            placeholder="输入姓名或执法证号搜索（只列今日可办理本案事项的人员）",
        )
        field.widget.choices = field.choices
        field.widget.attrs["class"] = "form-select"

    def clean_handlers(self) -> list[Officer]:
        chosen = in_chosen_order(self, "handlers", self.cleaned_data["handlers"])
        allowed = eligible_ids(self.case, self.on)
        refused = [o.name for o in chosen if o.pk not in allowed]
        if refused:
            raise forms.ValidationError(
                f"{'、'.join(refused)}今日不能担任本案承办人：须为专职执法人员，"
                f"持有在有效期内且执法领域覆盖本案事项的执法证（{short(A42)}）"
            )
        return chosen

    def perform(self, *, actor: Any) -> Any:
        return services.case_assign_handlers(
            case=self.case, officers=self.cleaned_data["handlers"], actor=actor, on=self.on
        )
