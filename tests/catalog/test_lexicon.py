"""群众常用说法: the everyday words of an item, kept on its page by the catalog keeper and the
leaders who triage, recorded on the item's record, and refused with a clear message (the typed
text kept) when a term runs on."""

import pytest

from zhifa.catalog.models import PowerItemEvent

pytestmark = pytest.mark.django_db


def test_the_demo_items_come_with_their_everyday_words(catalog, item_of):
    item = item_of(catalog.town, "SH-ZR-002")
    assert {"挖矿", "私挖乱采", "拉矿"} <= set(item.lexicon_terms)


def test_a_squadron_leader_edits_the_words_on_the_item_page_and_it_is_recorded(
    catalog, item_of, client, login
):
    item = item_of(catalog.town, "SH-ZJ-005")
    login(client, catalog.squadron_leader)
    page = client.get(f"/catalog/items/{item.pk}/").content.decode()
    assert "群众常用说法" in page and "保存常用说法" in page
    done = client.post(
        f"/catalog/items/{item.pk}/lexicon/", {"lexicon": "摆摊、出摊\n占道经营，马路市场、摆摊"}
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.lexicon == "摆摊、出摊、占道经营、马路市场"
    event = PowerItemEvent.objects.filter(item=item).order_by("-seq").first()
    assert event.event_type == "lexicon_updated" and event.actor == catalog.squadron_leader
    assert event.new == {"群众常用说法": "摆摊、出摊、占道经营、马路市场"}


def test_an_officer_reads_the_words_but_may_not_change_them(catalog, item_of, client, login):
    item = item_of(catalog.town, "SH-ZJ-005")
    before = item.lexicon
    login(client, catalog.officer)
    page = client.get(f"/catalog/items/{item.pk}/").content.decode()
    assert "占道经营" in page and "保存常用说法" not in page
    refused = client.post(f"/catalog/items/{item.pk}/lexicon/", {"lexicon": "随便"})
    assert refused.status_code == 403
    item.refresh_from_db()
    assert item.lexicon == before


def test_a_term_that_runs_on_is_refused_and_the_typed_text_comes_back(
    catalog, item_of, client, login
):
    item = item_of(catalog.town, "SH-ZJ-005")
    before = item.lexicon
    login(client, catalog.admin)
    typed = "摆摊、有人在马路上摆摊卖水果卖衣服卖早点一直摆到中午"
    page = client.post(f"/catalog/items/{item.pk}/lexicon/", {"lexicon": typed})
    body = page.content.decode()
    assert page.status_code == 422 and "每个说法不超过 20 个字" in body and typed in body
    item.refresh_from_db()
    assert item.lexicon == before
