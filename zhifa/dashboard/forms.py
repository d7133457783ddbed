from __future__ import annotations

import datetime as dt

from django import forms

from zhifa.core import clock

from .metrics import Period


class PeriodForm(forms.Form):
    since = forms.DateField(label="起始日期", required=False)
    until = forms.DateField(label="截止日期", required=False)

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError("起始日期不能晚于截止日期")
        return data

    def period(self) -> Period:
        """The chosen period; by default (or on bad input) this year up to today."""
        today = clock.today()
        data = self.cleaned_data if self.is_valid() else {}
        since = data.get("since") or dt.date(today.year, 1, 1)
        until = data.get("until") or today
        return Period(since, until)
