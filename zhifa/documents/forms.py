from __future__ import annotations

import json

from django import forms


class JsonField(forms.CharField):
    widget = forms.Textarea(
        attrs={"rows": 18, "class": "form-control font-monospace", "spellcheck": "false"}
    )

    def to_python(self, value):  # type: ignore[override]
        text = super().to_python(value)
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                f"JSON 格式有误（第 {error.lineno} 行）：{error.msg}"
            ) from error


class DraftForm(forms.Form):
    title = forms.CharField(
        label="标题",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    context = JsonField(label="文书内容（JSON）")


class VoidForm(forms.Form):
    reason = forms.CharField(
        label="作废原因",
        max_length=300,
        min_length=4,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class TemplateForm(forms.Form):
    blocks = JsonField(label="栏目（JSON）")
    note = forms.CharField(
        label="修改说明", max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
