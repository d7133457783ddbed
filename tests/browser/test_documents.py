import copy
import datetime as dt

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def documents(personas, settings, tmp_path):
    from zhifa.documents import services
    from zhifa.documents.definitions import doc_type_get

    settings.MEDIA_ROOT = tmp_path / "media"
    made = []
    for code in ("stop_order", "penalty_decision", "onthespot_decision"):
        draft = services.document_draft(
            town=personas.town,
            doc_type=code,
            context=copy.deepcopy(doc_type_get(code).sample),
            actor=personas.officer,
        )
        made.append(
            services.document_issue(
                document=draft, actor=personas.officer, date=dt.date(2026, 9, 29)
            )
        )
    made.append(
        services.document_draft(
            town=personas.town,
            doc_type="reminder",
            context={"party": {"name": "某公司"}},
            actor=personas.officer,
        )
    )
    return made


@pytest.mark.parametrize(("size", "label"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_an_officer_sees_the_register_the_gallery_and_a_draft_with_its_gaps(
    page, live_server, sign_in, shot, documents, size, label
):
    page.set_viewport_size(size)
    sign_in(page, "officer", PASSWORD)
    page.goto(f"{live_server.url}/documents/")
    assert page.get_by_text("繁砂综执罚决〔2026〕1号").locator("visible=true").count() == 1
    shot(page, f"documents-register-{label}")
    page.goto(f"{live_server.url}/documents/templates/")
    assert page.get_by_text("当场行政处罚决定书").first.is_visible()
    shot(page, f"documents-gallery-{label}")
    page.goto(f"{live_server.url}/documents/{documents[-1].pk}/")
    assert page.get_by_text("履行义务的期限").first.is_visible()
    shot(page, f"documents-draft-{label}")
    page.goto(f"{live_server.url}/documents/{documents[1].pk}/")
    assert page.get_by_text("SHA-256").first.is_visible()
    shot(page, f"documents-issued-{label}")
    page.goto(f"{live_server.url}/documents/templates/penalty_decision/")
    shot(page, f"documents-template-{label}")
