"""Every list of the product exports to Excel with its filters: the rows written are the rows the
list shows for the same filter (round trip), and the export is refused to whoever is refused the
list. The hand-counted county of conftest supplies the cases, leads, clocks and officers."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

CASE_NUMBER = re.compile(r"测试〔2026〕\d+号")
XLSX = "application/vnd.openxmlformats"


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(XLSX)
    return load_workbook(io.BytesIO(response.content))


def sheet_rows(response):
    """(filters line, header, data rows) of the first sheet."""
    rows = list(workbook(response).active.iter_rows(values_only=True))
    return rows[1][0], rows[2], rows[3:]


def page_and_export(client, url, params):
    """The list page, and the file its 导出 Excel link downloads (``<list>/export.xlsx?filters``)."""
    page = client.get(url, params)
    assert page.status_code == 200
    html = page.content.decode()
    link = re.search(r'href="([^"]*/export\.xlsx[^"]*)"', html)
    assert link, "the list offers its Excel file"
    return html, client.get(unescape(link.group(1)))


def test_the_case_list_exports_the_cases_it_lists_for_each_filter(client, login, county, personas):
    login(client, personas.leader)
    url = reverse("cases:index")
    for params, expected in [
        ({"active": "0"}, {"a", "b", "d"}),
        ({"active": "1"}, {"c"}),
        ({"active": "", "q": county["c"].number}, {"c"}),
    ]:
        page, export = page_and_export(client, url, params)
        _filters, header, rows = sheet_rows(export)
        assert header[0] == "案件编号"
        written = {r[0] for r in rows}
        assert len(rows) == len(written)
        assert written == set(CASE_NUMBER.findall(page)) == {county[k].number for k in expected}
    assert "范围：办理中" in sheet_rows(client.get(url, {"active": "1", "export": "xlsx"}))[0]


def test_the_lead_inbox_exports_the_leads_of_its_filter(client, login, county, personas):
    """All statuses, 12345 only: the two orders of 09-29 and 09-30 (not the grid report)."""
    login(client, personas.leader)
    page, export = page_and_export(
        client, reverse("intake:index"), {"status": "all", "source": "hotline"}
    )
    filters, _header, rows = sheet_rows(export)
    assert filters == "筛选条件：状态：全部；来源：12345 工单"
    written = sorted(r[2] for r in rows)
    assert written == ["GD2026-09-29hotline", "GD2026-09-30hotline"]
    assert sorted(re.findall(r"GD[\d-]+\w+", page)) == written


def test_the_documents_register_exports_the_documents_of_its_filter(
    client, login, county, personas, clock, settings, tmp_path
):
    from zhifa.dashboard.monthly import monthly_report_generate
    from zhifa.documents.services import document_draft

    settings.MEDIA_ROOT = tmp_path / "media"
    clock.freeze("2026-11-01 08:00")
    monthly_report_generate(town=personas.town, first=__import__("datetime").date(2026, 10, 1))
    document_draft(
        town=personas.town,
        doc_type="service_receipt",
        context={},
        actor=personas.leader,
        title="送达回证（导出测试）",
    )
    login(client, personas.leader)
    url = reverse("documents:index")
    page, export = page_and_export(client, url, {"type": "monthly_report"})
    filters, _header, rows = sheet_rows(export)
    assert filters == "筛选条件：类型：月度执法工作报告"
    assert [r[1] for r in rows] == ["砂河镇2026年10月行政执法工作报告"]
    assert "送达回证（导出测试）" not in page and "砂河镇2026年10月行政执法工作报告" in page
    _, everything = page_and_export(client, url, {})
    assert {r[1] for r in sheet_rows(everything)[2]} == {
        "砂河镇2026年10月行政执法工作报告",
        "送达回证（导出测试）",
    }


def test_the_deadline_board_exports_its_running_clocks(client, login, county, personas):
    """On 10-20 the only open clock is C's, overdue since 10-15; none is due soon."""
    login(client, personas.leader)
    url = reverse("cases:deadlines")
    page, export = page_and_export(client, url, {"status": "overdue"})
    filters, _header, rows = sheet_rows(export)
    assert filters == "筛选条件：状态：已超期"
    assert [(r[0], r[1], r[2]) for r in rows] == [("已超期", "陈述申辩期限", county["c"].number)]
    assert CASE_NUMBER.findall(page) == [county["c"].number]
    _, soon = page_and_export(client, url, {"status": "due_soon"})
    assert sheet_rows(soon)[2] == []


def test_the_roster_exports_each_officer_it_lists(client, login, county, personas, handlers):
    login(client, personas.leader)
    page, export = page_and_export(client, reverse("team:index"), {})
    _, _header, rows = sheet_rows(export)
    names = [r[0] for r in rows]
    assert sorted(names) == sorted(h.name for h in handlers)
    assert all(name in page for name in names)
    assert all(r[7] == "有效" for r in rows)


def test_the_subject_lists_export_the_subjects_of_their_filter(
    client, login, county, personas, party
):
    from zhifa.grid.services import subject_register

    subject_register(
        town=personas.town,
        kind="site",
        site_type="coal_yard",
        name="示例砂石料场",
        address="砂河镇",
    )
    login(client, personas.leader)
    for url, params in [
        (reverse("grid:subjects"), {"q": "储煤场"}),
        (reverse("inspections:subjects"), {"q": "储煤场"}),
    ]:
        page, export = page_and_export(client, url, params)
        _, _header, rows = sheet_rows(export)
        assert [r[0] for r in rows] == ["山会村示例储煤场"]
        assert "示例砂石料场" not in page
        _, everything = page_and_export(client, url, {})
        assert len(sheet_rows(everything)[2]) == 2


def test_the_cockpit_exports_its_tables_one_sheet_each(client, login, county, personas):
    login(client, personas.leader)
    url = reverse("dashboard:town", args=[personas.town.code])
    book = workbook(
        client.get(url, {"since": "2026-09-01", "until": "2026-10-31", "export": "xlsx"})
    )
    assert book.sheetnames[1:] == [
        "线索来源",
        "按村（社区）",
        "按中队",
        "执法队员在办",
        "按领域",
        "事项使用",
        "月度趋势",
    ]
    sources = list(book["线索来源"].iter_rows(min_row=4, values_only=True))
    assert sorted(sources) == [("12345 工单", 2), ("网格上报", 1)]
    workload = list(book["执法队员在办"].iter_rows(min_row=4, values_only=True))
    assert workload == [("队员丙", 1, 1)]  # C is open with its overdue clock
    trend = dict((m, (r, c)) for m, r, c in book["月度趋势"].iter_rows(min_row=4, values_only=True))
    assert trend["2026-09"] == (2, 1) and trend["2026-10"] == (1, 2)


def test_the_supervision_lists_export_their_rows(client, login, county, supervisor):
    from zhifa.dashboard.services import opinion_issue, sample_draw

    sample_draw(actor=supervisor, town=county["town"], year=2026, size=2, seed="导出")
    opinion_issue(actor=supervisor, case=county["c"], text="请核实当事人身份", days=10)
    login(client, supervisor)
    _, _header, rows = sheet_rows(client.get(reverse("dashboard:reviews"), {"export": "xlsx"}))
    assert len(rows) == 2 and {r[4] for r in rows} == {"导出"}
    _, _header, rows = sheet_rows(client.get(reverse("dashboard:opinions"), {"export": "xlsx"}))
    assert [(r[1], r[2]) for r in rows] == [(county["c"].number, "请核实当事人身份")]


def test_text_typed_by_users_is_never_a_formula_in_the_workbook(client, login, county, personas):
    from zhifa.cases.models import Case

    Case.objects.filter(pk=county["c"].pk).update(cause='=HYPERLINK("http://x","点此")')
    login(client, personas.leader)
    book = workbook(client.get(reverse("cases:index"), {"active": "1", "export": "xlsx"}))
    cell = book.active.cell(row=4, column=2)
    assert cell.value == '=HYPERLINK("http://x","点此")' and cell.data_type == "s"


LISTS = [
    ("cases:index", {}),
    ("intake:index", {"status": "all"}),
    ("documents:index", {}),
    ("cases:deadlines", {}),
    ("team:index", {}),
    ("grid:subjects", {}),
    ("inspections:subjects", {}),
    ("dashboard:reviews", {}),
    ("dashboard:opinions", {}),
    ("dashboard:warnings", {}),
]


@pytest.mark.parametrize("role", ["grid_member", "department", "auxiliary", "outsider"])
@pytest.mark.parametrize("name,params", LISTS)
def test_an_export_is_refused_to_whoever_is_refused_the_list(
    client, login, county, personas, role, name, params
):
    login(client, getattr(personas, role))
    url = reverse(name)
    page = client.get(url, params)
    for export in (
        client.get(url, {**params, "export": "xlsx"}),
        client.get(f"{url}export.xlsx", params),
    ):
        if page.status_code == 200 and "text/html" in page["Content-Type"]:
            # the list opens: its export holds only what this user's list holds
            assert export.status_code == 200
        else:
            assert export.status_code == page.status_code
            assert not export["Content-Type"].startswith(XLSX)


def test_only_a_list_has_an_excel_file(client, login, county, personas):
    """``export.xlsx`` under a page that exports nothing, or under no page, is a 404 — never the
    page's HTML under a file name."""
    login(client, personas.leader)
    assert client.get(f"/cases/{county['c'].pk}/export.xlsx").status_code == 404
    assert client.get("/nowhere/export.xlsx").status_code == 404
    assert client.get("/cases/export.xlsx").status_code == 200
