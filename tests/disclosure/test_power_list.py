"""The power list's public page shows an item's limiting remark (a public fact) and never its
internal notes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_public_power_list_shows_the_limits_but_not_the_internal_notes(client, town, items):
    item = items["dust"]
    item.limits = "限于城管职权范围内"
    item.notes = "内部：施工单位多为外地企业"
    item.save(update_fields=["limits", "notes"])
    page = client.get(f"/catalog/public/{town.code}/").content.decode()
    assert "限定范围：限于城管职权范围内" in page
    assert "施工单位多为外地企业" not in page
