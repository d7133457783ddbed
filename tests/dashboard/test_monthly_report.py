"""The 月度执法工作报告: October 2026 of the hand-counted county (conftest), issued as a PDF whose
text carries the figures, a DOCX of the same words, made once by the sweep on the 1st, and
generated or previewed on demand by those who may read the town's cockpit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.documents.conftest import docx_text, pdf_text

pytestmark = pytest.mark.django_db

OCTOBER = dt.date(2026, 10, 1)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def november_first(county, clock):
    """Five minutes into 1 November 2026, when the sweep first runs."""
    clock.freeze("2026-11-01 00:05")
    return county


def october_pdf(town) -> str:
    from zhifa.dashboard.models import MonthlyReport
    from zhifa.dashboard.monthly import monthly_report_file

    report = MonthlyReport.all_towns.get(town=town, month=OCTOBER)
    return pdf_text(monthly_report_file(report=report, kind="pdf"))


def test_the_october_report_prints_the_hand_counted_figures(november_first):
    """October in the town: one lead (the grid report of 10-10); case C registered and filed;
    A and B closed (2 closed of 1 registered: 200 %), A's clock on time and B's a day late (50 %);
    lead → case 3 working days (09-29 → 10-09) and filing → decision 5.5 across National Day;
    two decisions, 61,000 yuan fined, 60,000 paid, 1,000 outstanding; no 12345 order (—);
    C open with its clock overdue since 10-15: one open case, one overdue clock, one red warning."""
    from zhifa.dashboard.monthly import monthly_report_generate

    town = november_first["town"]
    report = monthly_report_generate(town=town, first=OCTOBER)
    assert report.document.status == "issued" and report.document.pdf_sha256
    text = october_pdf(town)
    assert "月度执法工作报告" in text and "（2026年10月）" in text
    assert "繁峙县司法局：" in text
    for row in [
        "1线索总数1件",
        "2 12345按时签收率—%".replace(" ", ""),
        "4登记案件1件",
        "5立案1件",
        "6结案2件",
        "7结案率200.0%",
        "8按期结案率50.0%",
        "9线索到立案平均用时3.0工作日",
        "10立案到决定平均用时5.5工作日",
        "12处罚决定2件",
        "13罚款金额61,000.00元",
        "14已缴罚款60,000.00元",
        "15未缴罚款1,000.00元",
        "22在办案件1件",
        "23当前超期期限1个",
    ]:
        assert row in text, row
    assert "网格上报1" in text
    assert "网上预警红色1条、黄色0条" in text
    assert "本月收到县司法局监督意见0件" in text


def test_the_other_towns_cases_stay_out_of_the_towns_report(november_first):
    """The second town's case E closed on 10-10 counts in its own report only."""
    from zhifa.dashboard.monthly import monthly_report_generate

    monthly_report_generate(town=november_first["other"], first=OCTOBER)
    text = october_pdf(november_first["other"])
    assert "6结案1件" in text and "4登记案件0件" in text


def test_the_docx_holds_the_same_figures_as_the_pdf(november_first):
    from zhifa.dashboard.monthly import monthly_report_file, monthly_report_generate

    report = monthly_report_generate(town=november_first["town"], first=OCTOBER)
    text = docx_text(monthly_report_file(report=report, kind="docx"))
    assert "月度执法工作报告" in text
    assert "按期结案率" in text and "50.0" in text and "61,000.00" in text


def test_the_sweep_on_the_first_makes_last_months_reports_once(november_first, clock):
    """The sweep's hook enqueues the job (run at once by the test backend); every later run,
    the same day or the next, finds the reports and makes nothing more."""
    from zhifa.core.sweeps import sweep_hooks_run
    from zhifa.dashboard.models import MonthlyReport
    from zhifa.documents.models import Document

    assert sweep_hooks_run()["monthly_reports"] == 1
    rows = MonthlyReport.all_towns.filter(month=OCTOBER)
    assert {r.town_id for r in rows} == {november_first["town"].pk, november_first["other"].pk}
    assert all(r.document_id and r.generated_by_id is None for r in rows)
    documents = Document.all_towns.filter(doc_type="monthly_report").count()
    assert sweep_hooks_run()["monthly_reports"] == 0
    clock.freeze("2026-11-02 09:00")
    assert sweep_hooks_run()["monthly_reports"] == 0
    assert Document.all_towns.filter(doc_type="monthly_report").count() == documents == 2
    assert MonthlyReport.all_towns.filter(month=OCTOBER).count() == 2


def test_the_sweep_command_runs_the_hook(november_first):
    from django.core.management import call_command

    from zhifa.dashboard.models import MonthlyReport

    call_command("sweep", stdout=__import__("io").StringIO())
    call_command("sweep", stdout=__import__("io").StringIO())
    assert MonthlyReport.all_towns.filter(month=OCTOBER, document__isnull=False).count() == 2


def test_a_month_not_yet_over_is_refused_and_stores_nothing(county):
    """On 10-20, October is still running: only a preview is offered."""
    from zhifa.core.errors import DomainError
    from zhifa.dashboard.models import MonthlyReport
    from zhifa.dashboard.monthly import monthly_report_generate

    with pytest.raises(DomainError, match="尚未结束"):
        monthly_report_generate(town=county["town"], first=OCTOBER)
    assert not MonthlyReport.all_towns.exists()


def test_a_stale_claim_of_a_killed_run_is_taken_over(november_first):
    """A claim without a report, older than 15 minutes, is retaken; a fresh one is left alone."""
    from zhifa.core import clock as house_clock
    from zhifa.dashboard.models import MonthlyReport
    from zhifa.dashboard.monthly import monthly_reports_generate_due

    town = november_first["town"]
    claim = MonthlyReport.all_towns.create(town=town, month=OCTOBER, claimed_at=house_clock.now())
    assert monthly_reports_generate_due(first=OCTOBER) == 1  # the other town only
    claim.refresh_from_db()
    assert claim.document_id is None
    MonthlyReport.all_towns.filter(pk=claim.pk).update(
        claimed_at=house_clock.now() - dt.timedelta(minutes=20)
    )
    assert monthly_reports_generate_due(first=OCTOBER) == 1
    claim.refresh_from_db()
    assert claim.document_id is not None


def test_a_leader_generates_a_finished_month_on_demand_once(
    client, login, november_first, personas
):
    from zhifa.dashboard.models import MonthlyReport

    login(client, personas.leader)
    url = reverse("dashboard:monthly_generate", args=[personas.town.code])
    page = client.post(url, {"month": "2026-10"}, follow=True).content.decode()
    assert "已生成砂河镇2026年10月行政执法工作报告" in page
    page = client.post(url, {"month": "2026-10"}, follow=True).content.decode()
    assert "2026年10月的报告已于此前生成" in page
    report = MonthlyReport.all_towns.get(town=personas.town, month=OCTOBER)
    assert report.generated_by == personas.leader
    pdf = client.get(
        reverse("dashboard:monthly_download", args=[personas.town.code, report.pk, "pdf"])
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert "8按期结案率50.0%" in pdf_text(pdf.content)
    docx = client.get(
        reverse("dashboard:monthly_download", args=[personas.town.code, report.pk, "docx"])
    )
    assert "按期结案率" in docx_text(docx.content)


def test_a_bad_month_is_explained_and_nothing_is_made(client, login, november_first, personas):
    from zhifa.dashboard.models import MonthlyReport

    login(client, personas.leader)
    url = reverse("dashboard:monthly_generate", args=[personas.town.code])
    page = client.post(url, {"month": "十月"}, follow=True).content.decode()
    assert "请选择报告月份" in page
    page = client.post(url, {"month": "2026-12"}, follow=True).content.decode()
    assert "尚未开始" in page
    assert not MonthlyReport.all_towns.exists()


def test_the_preview_of_the_running_month_is_not_stored(client, login, county, supervisor):
    """On 10-20 the supervisor previews the town's October so far (C registered, A and B
    closed by then); nothing is kept."""
    from zhifa.dashboard.models import MonthlyReport

    login(client, supervisor)
    url = reverse("dashboard:monthly_preview", args=[county["town"].code, "pdf"])
    response = client.get(url, {"month": "2026-10"})
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "4登记案件1件" in text and "6结案2件" in text
    assert not MonthlyReport.all_towns.exists()


def test_only_the_towns_readers_reach_its_reports(client, login, november_first, personas):
    """An officer is refused; a leader of the other town does not even learn the town exists."""
    login(client, personas.officer)
    url = reverse("dashboard:monthly", args=[personas.town.code])
    assert client.get(url).status_code == 403
    assert (
        client.post(
            reverse("dashboard:monthly_generate", args=[personas.town.code]), {"month": "2026-10"}
        ).status_code
        == 403
    )
    login(client, personas.outsider)
    assert client.get(url).status_code == 404


def test_the_report_cannot_be_drafted_through_the_generic_documents(client, login, personas):
    from zhifa.core.errors import DomainError
    from zhifa.documents.definitions import free_type_require

    with pytest.raises(DomainError, match="由「统计」栏目生成"):
        free_type_require("monthly_report")
