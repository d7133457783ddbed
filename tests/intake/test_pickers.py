"""The searchable picker (core/widgets.py) and its search endpoints: permission-checked, limited
to the caller's town, the officer search narrowed to who may act for an item on a day; forms
render only what is chosen, and no form keeps a Ctrl-click listbox."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import re

import pytest
from django import forms

from zhifa.core.widgets import MultiPicker, Picker


@pytest.fixture
def coal_yard(personas, cells):
    from zhifa.grid.services import subject_register

    return subject_register(
        town=personas.town,
        kind="site",
        site_type="coal_yard",
        name="山会村示例储煤场",
        address="繁峙县砂河镇山会村",
        lat=39.175,
        lng=113.265,
    )


def _results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_item_search_finds_by_words_of_the_name_within_the_callers_town(
    personas, catalog, api_client
):
    found = _results(api_client(personas.officer).get("/api/v1/catalog/pick/items?q=扬尘"))
    assert found and all("扬尘" in r["label"] or "扬尘" in r["hint"] or r["code"] for r in found)
    codes = {r["code"] for r in found}
    assert codes <= set(catalog) and any("扬尘" in catalog[c].name for c in codes)
    assert {"id", "code", "label", "hint", "held"} <= set(found[0])
    # another town's leader searches their own (empty) list, never this one
    assert _results(api_client(personas.outsider).get("/api/v1/catalog/pick/items?q=扬尘")) == []


def test_the_search_endpoints_refuse_the_anonymous_and_the_roles_without_access(
    client, personas, catalog, cells, api_client
):
    assert client.get("/api/v1/catalog/pick/items").status_code == 401
    member = api_client(personas.grid_member)
    for url in (
        "/api/v1/grid/pick/subjects",
        "/api/v1/grid/pick/places",
        "/api/v1/team/pick/officers",
    ):
        assert member.get(url).status_code == 403, url


def test_the_subject_search_finds_by_name_or_whole_id_and_never_shows_the_id(
    personas, cells, api_client
):
    from zhifa.grid.services import subject_register

    person = subject_register(
        town=personas.town,
        kind="individual",
        name="贾示摊",
        id_number="11010519491231002X",
        address="振华街12号",
    )
    officer = api_client(personas.officer)
    by_name = _results(officer.get("/api/v1/grid/pick/subjects?q=示摊"))
    by_id = _results(officer.get("/api/v1/grid/pick/subjects?q=11010519491231002x"))
    assert [r["id"] for r in by_name] == [person.pk] == [r["id"] for r in by_id]
    assert "11010519491231002X" not in str(by_name) and "110***********002X" in by_name[0]["hint"]
    assert _results(officer.get("/api/v1/grid/pick/subjects?q=1101051949")) == []


def test_the_place_search_gives_villages_and_subjects_with_their_points(
    personas, cells, coal_yard, api_client
):
    found = _results(api_client(personas.officer).get("/api/v1/grid/pick/places?q=山会"))
    kinds = {r["kind"]: r for r in found}
    assert kinds["subject"]["label"] == coal_yard.name
    assert kinds["subject"]["lat"] == pytest.approx(39.175)
    villages = _results(api_client(personas.officer).get("/api/v1/grid/pick/places?q=同路"))
    assert villages[0]["kind"] == "village" and villages[0]["address"].endswith("同路村")
    assert 39.17 < villages[0]["lat"] < 39.18  # the middle of its cell (WGS-84)


def test_the_officer_search_offers_only_who_may_act_for_the_item_on_that_day(
    personas, catalog, make_officer, domains, api_client
):
    dust = next(i for i in catalog.values() if "扬尘" in i.name)
    ecology = make_officer(name="生态队员", domains=[dust.domain])
    other = next(d for d in domains.values() if d.pk != dust.domain_id)
    wrong = make_officer(name="别域队员", domains=[other])
    expired = make_officer(name="过期队员", valid=(dt.date(2020, 1, 1), dt.date(2025, 1, 1)))
    aux = make_officer(name="辅助队员", employment="auxiliary", valid=None)
    officer = api_client(personas.squadron_leader)

    everyone = {r["label"] for r in _results(officer.get("/api/v1/team/pick/officers"))}
    assert {"生态队员", "别域队员", "过期队员", "辅助队员"} <= everyone
    full = {
        r["label"] for r in _results(officer.get("/api/v1/team/pick/officers?employment=full_time"))
    }
    assert "辅助队员" not in full and "过期队员" in full
    eligible = _results(officer.get(f"/api/v1/team/pick/officers?item={dust.pk}&on=2026-09-29"))
    names = {r["label"] for r in eligible}
    assert "生态队员" in names
    assert not names & {wrong.name, expired.name, aux.name}
    assert all(r["certificate_number"] for r in eligible)
    typed = _results(officer.get(f"/api/v1/team/pick/officers?item={dust.pk}&q=生态"))
    assert [r["id"] for r in typed] == [ecology.pk]


def test_a_form_in_server_mode_renders_only_the_chosen_options(personas, catalog, cells):
    from zhifa.cases.forms import RegisterForm

    chosen = list(catalog.values())[:2]
    form = RegisterForm({"items": [i.pk for i in chosen]}, town=personas.town)
    html = str(form["items"])
    assert (
        'data-picker="multiple"' in html and 'data-picker-url="/api/v1/catalog/pick/items"' in html
    )
    assert len(re.findall(r"<option ", html)) == 2 and "selected" in html
    assert len(catalog) > 20  # the list is long; the page carries two of it


def test_a_tampered_value_renders_nothing_and_is_refused_by_the_field(personas, catalog, cells):
    from zhifa.cases.forms import RegisterForm

    form = RegisterForm({"items": ["x'; drop"], "parties": ["999999"]}, town=personas.town)
    assert "<option" not in str(form["items"]) and not form.is_valid()
    assert "items" in form.errors and "parties" in form.errors


FORM_MODULES = (
    "zhifa.grid.forms",
    "zhifa.intake.forms",
    "zhifa.catalog.forms",
    "zhifa.documents.forms",
    "zhifa.core.views",
)


def _form_classes():
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                yield cls
    from zhifa.cases.forms import RegisterForm

    yield RegisterForm


@pytest.mark.parametrize("form_class", list(_form_classes()), ids=lambda c: c.__name__)
def test_no_form_outside_the_case_steps_keeps_a_ctrl_click_listbox(form_class):
    for name, field in form_class.base_fields.items():
        widget = field.widget
        if isinstance(widget, forms.SelectMultiple) and not isinstance(
            widget, forms.CheckboxSelectMultiple
        ):
            assert isinstance(widget, MultiPicker), f"{form_class.__name__}.{name}"
        if isinstance(field, forms.ModelChoiceField) or name in ("item", "patroller"):
            assert isinstance(widget, Picker | MultiPicker), f"{form_class.__name__}.{name}"
