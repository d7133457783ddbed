"""Catalog pages: list with search and filters, detail, summary, admin-only edit and import, public page."""

import pytest

from zhifa.catalog.models import PowerItem

from .conftest import base_row, workbook

pytestmark = pytest.mark.django_db


def test_search_finds_items_by_name_and_by_legal_basis(catalog, client, login):
    login(client, catalog.officer)
    by_name = client.get("/catalog/", {"q": "占道"}).content.decode()
    assert "对擅自占用城市道路（含占道经营）的行政处罚" in by_name
    by_article = client.get("/catalog/", {"q": "第一百一十五条"}).content.decode()
    assert "对施工工地未设置硬质围挡" in by_article
    assert "对从事无照经营的行政处罚" not in by_article
    by_law_text = client.get("/catalog/", {"q": "煤矸石"}).content.decode()
    assert "对贮存煤炭、煤矸石等物料未采取防燃措施的行政处罚" in by_law_text


def test_filters_narrow_the_list_by_type_domain_and_holding(catalog, client, login):
    login(client, catalog.officer)
    page = client.get("/catalog/", {"type": "coercion", "held": "1"})
    names = [i.name for i in page.context["page"].object_list]
    assert "对拒不执行停产停业决定、有发生生产安全事故现实危险的生产经营单位通知停止供电" in names
    assert all(i.type == "coercion" and i.held for i in page.context["page"].object_list)
    not_held = (
        client.get("/catalog/", {"domain": "natural_resources", "held": "0"})
        .context["page"]
        .object_list
    )
    assert {"SH-ZR-001", "SH-ZR-002"} <= {i.code for i in not_held}


def test_the_htmx_filter_returns_only_the_table(catalog, client, login):
    login(client, catalog.officer)
    response = client.get("/catalog/", {"q": "扬尘"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert "共 " in response.content.decode()


def test_the_detail_shows_provisions_fines_and_a_transfer_warning_for_items_not_held(
    catalog, client, login, item_of
):
    login(client, catalog.officer)
    held = client.get(f"/catalog/items/{item_of(catalog.town, 'SH-ZJ-001').pk}/").content.decode()
    assert "10,000至100,000元" in held and "听证" in held
    mining = client.get(f"/catalog/items/{item_of(catalog.town, 'SH-ZR-002').pk}/").content.decode()
    assert "未承接此事项" in mining and "应移送" in mining
    assert "矿产品价值的3至5倍" in mining and "至2025-06-30" in mining


def test_the_summary_adds_up_by_type(catalog, client, login):
    login(client, catalog.leader)
    summary = client.get("/catalog/summary/").context["summary"]
    assert summary.held == sum(r.held for r in summary.by_type)
    assert summary.equation == f"{summary.held} = " + " + ".join(
        str(r.held) for r in summary.by_type
    )
    assert summary.total == PowerItem.all_towns.filter(town=catalog.town).count()
    assert len(summary.by_domain) == 11


def test_an_officer_may_read_but_not_edit_or_import(catalog, client, login, item_of):
    login(client, catalog.officer)
    pk = item_of(catalog.town, "SH-ZJ-001").pk
    assert client.get(f"/catalog/items/{pk}/edit/").status_code == 403
    assert (
        client.post(
            f"/catalog/items/{pk}/retire/", {"day": "2026-01-01", "reason": "x"}
        ).status_code
        == 403
    )
    assert client.get("/catalog/import/").status_code == 403
    assert not item_of(catalog.town, "SH-ZJ-001").is_retired


def test_an_admin_edits_an_item_and_the_change_is_recorded(catalog, client, login, item_of):
    login(client, catalog.admin)
    item = item_of(catalog.town, "SH-ZJ-005")
    form = client.get(f"/catalog/items/{item.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["name"] = "对擅自占用城市道路（含占道经营、摆摊设点）的行政处罚"
    response = client.post(f"/catalog/items/{item.pk}/edit/", data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.name.endswith("摆摊设点）的行政处罚")
    event = item.events.last()
    assert event.actor == catalog.admin and event.new == {"事项名称": item.name}


def test_an_admin_form_with_a_bad_basis_shows_the_error_and_saves_nothing(
    catalog, client, login, item_of
):
    login(client, catalog.admin)
    item = item_of(catalog.town, "SH-ZJ-005")
    data = {
        k: v
        for k, v in client.get(f"/catalog/items/{item.pk}/edit/").context["form"].initial.items()
        if v is not None
    }
    data["provisions"] = "城市道路管理条例第42条"
    response = client.post(f"/catalog/items/{item.pk}/edit/", data)
    assert response.status_code == 200
    assert "格式不对" in response.content.decode()
    assert item.provisions.count() == 3


def test_the_import_page_lists_every_error_by_row(personas, departments, client, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, personas.admin)
    upload = SimpleUploadedFile(
        "清单.xlsx", workbook([base_row(), base_row(**{"事项编码": "T-2", "领域": "交通"})])
    )
    response = client.post("/catalog/import/", {"file": upload})
    page = response.content.decode()
    assert "未导入任何事项" in page and "第4行" in page and "“交通”不是执法领域" in page
    assert PowerItem.all_towns.count() == 0


def test_the_export_downloads_an_excel_file(catalog, client, login):
    login(client, catalog.officer)
    response = client.get("/catalog/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


def test_the_public_page_needs_no_login_and_shows_no_internal_notes(catalog, client):
    page = client.get(f"/catalog/public/{catalog.town.code}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "权责清单公示" in text and "对施工工地未设置硬质围挡" in text
    assert "S5 故事" not in text and "断电函须附" not in text  # internal notes
    assert "对非法占用土地的行政处罚" not in text  # not held: not the town's power


def test_the_public_page_of_an_unknown_town_is_not_found(client):
    assert client.get("/catalog/public/999999999/").status_code == 404


def test_the_list_pages_need_a_login(client):
    assert client.get("/catalog/").status_code == 302
    assert client.get("/catalog/summary/").status_code == 302


def test_another_towns_item_is_not_found(catalog, client, login, item_of):
    login(client, catalog.outsider)
    assert client.get(f"/catalog/items/{item_of(catalog.town, 'SH-ZJ-001').pk}/").status_code == 404
