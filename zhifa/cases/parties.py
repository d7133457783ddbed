"""The party (当事人) of a case, set or changed from the case page: picked from the town's subject
register or registered there and then (name, 统一社会信用代码 / 身份证号 checked by
``grid.services.subject_register``). A change is an event on the case record; what the apps to the
right require of it (the penalty procedure: no change once the prior notice named the party) comes
through ``extensions.party_guards`` and ``party_followers``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction

from zhifa.core.errors import DomainError
from zhifa.core.widgets import Picker
from zhifa.grid.models import Subject
from zhifa.grid.services import subject_register

from . import extensions
from .events import _append
from .models import Case
from .rules import require_open
from .services.common import lock


def case_party_set(*, case: Case, actor: Any, subject: Subject) -> Case:
    """Make ``subject`` the case's party (replacing any before). Refused on a closed case, for a
    subject of another town, and by a registered guard or follower (the penalty procedure: after
    the prior notice was issued, or when a pending proposal's party kind would change)."""
    if subject.town_id != case.town_id:
        raise DomainError("所选当事人不属于本镇", code="wrong_town")
    with transaction.atomic():
        case = lock(case)
        require_open(case)
        for guard in extensions.party_guards:
            guard(case, subject)
        old = [p.name for p in case.parties.all()]
        if old == [subject.name] and case.parties.filter(pk=subject.pk).exists():
            return case
        for follow in extensions.party_followers:
            follow(case, subject)
        case.parties.set([subject])
        _append(
            case,
            actor,
            "party_set",
            f"当事人：{subject.name}" + (f"（原为{'、'.join(old)}）" if old else ""),
            old={"parties": old},
            new={"parties": [subject.name], "subject": subject.pk},
        )
    return case


class PartyForm(forms.Form):
    """Pick a registered subject, or fill in a new one (the new one wins when a name is given)."""

    subject = forms.ModelChoiceField(
        label="从监管对象库选择",
        queryset=Subject.objects.none(),
        required=False,
        widget=Picker(source="api:grid_pick_subjects", placeholder="输入名称、地址或信用代码搜索"),
    )
    kind = forms.ChoiceField(
        label="类别",
        choices=[("individual", "个人"), ("enterprise", "企业及其他组织")],
        required=False,
    )
    name = forms.CharField(label="名称或姓名", max_length=100, required=False)
    credit_code = forms.CharField(label="统一社会信用代码（企业）", max_length=18, required=False)
    id_number = forms.CharField(label="居民身份证号码（个人）", max_length=18, required=False)
    legal_representative = forms.CharField(
        label="法定代表人（负责人）", max_length=30, required=False
    )
    address = forms.CharField(label="住所或地址", max_length=200, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["subject"].queryset = Subject.objects.filter(town=case.town)
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

    def clean(self) -> dict[str, Any]:
        d = super().clean()
        if not d.get("subject") and not (d.get("name") or "").strip():
            raise forms.ValidationError("请从监管对象库选择当事人，或填写新当事人的名称或姓名")
        return d

    def perform(self, *, actor: Any) -> Case:
        d = self.cleaned_data
        with transaction.atomic():
            subject = d["subject"]
            if (d.get("name") or "").strip():
                subject = subject_register(
                    town=self.case.town,
                    kind=d["kind"] or "individual",
                    name=d["name"],
                    credit_code=d["credit_code"],
                    id_number=d["id_number"],
                    legal_representative=d["legal_representative"],
                    address=d["address"],
                    phone=d["phone"],
                )
            return case_party_set(case=self.case, actor=actor, subject=subject)
