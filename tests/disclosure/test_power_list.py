"""The power list and the officers page are pages of the town's public portal: on its frame (the
town's name and public contacts, the portal's sections, no staff shell even for a signed-in
officer, no login), linked from the portal's landing page. The power list shows an item's
limiting remark (a public fact) and never its internal notes."""

from __future__ import annotations

import pytest

from zhifa.disclosure.services import portal_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts(town):
    return portal_save(
        town=town,
        address="繁峙县砂河镇人民政府一楼（示例地址）",
        phone="0350-5000000",
        hours="工作日 8:00—17:30",
        supervision="繁峙县司法局（行政执法协调监督）",
    )


def _public_pages(town) -> list[str]:
    return [f"/catalog/public/{town.code}/", f"/team/public/{town.code}/"]


def test_the_public_power_list_shows_the_limits_but_not_the_internal_notes(client, town, items):
    item = items["dust"]
    item.limits = "限于城管职权范围内"
    item.notes = "内部：施工单位多为外地企业"
    item.save(update_fields=["limits", "notes"])
    page = client.get(f"/catalog/public/{town.code}/").content.decode()
    assert "限定范围：限于城管职权范围内" in page
    assert "施工单位多为外地企业" not in page


def test_the_portal_links_the_power_list_and_the_officers_page(client, town, contacts):
    page = client.get(f"/gongshi/{town.code}/").content.decode()
    for url in _public_pages(town):
        assert f'href="{url}"' in page


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "officer"])
def test_the_power_list_and_officers_page_sit_on_the_public_frame(
    client, login, town, contacts, personas, signed_in
):
    if signed_in:
        login(client, personas.officer)
    for url in _public_pages(town):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert 'class="gongshi"' in page, url  # the public frame
        assert town.agency_name in page and town.team_name in page
        assert 'href="tel:0350-5000000"' in page and "繁峙县砂河镇人民政府一楼" in page
        assert 'aria-label="公示栏目"' in page and f'href="/gongshi/{town.code}/"' in page
        # nothing of the staff shell: no sidebar, no notifications, no town switch
        assert "navbar-vertical" not in page and "/notifications/" not in page
        assert "切换乡镇" not in page and "执法平台" not in page


def test_a_town_without_contacts_on_file_still_shows_its_name(client, town):
    page = client.get(f"/team/public/{town.code}/").content.decode()
    assert town.agency_name in page and "tel:" not in page
