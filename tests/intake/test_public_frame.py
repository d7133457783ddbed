"""The citizen's report form and tracker on the public frame (core/public_base.html): the town's
name and contacts with no staff shell or script, the village chosen leading the address, refusals
that keep what was typed, and the tracker framed by the town it was reached from."""

from __future__ import annotations

from django.test import Client

from zhifa.grid.models import Village
from zhifa.intake.models import Lead


def test_the_report_form_files_the_village_with_the_address(town, catalog, cells):
    village = Village.objects.filter(town=town).order_by("code").first()
    page = Client().get(f"/intake/public/{town.code}/report/").content.decode()
    assert 'class="gongshi"' in page and town.agency_name in page and "<script" not in page
    assert f">{village.name}</option>" in page
    done = Client().post(
        f"/intake/public/{town.code}/report/",
        {"text": "路口有人夜里焚烧废旧轮胎，气味刺鼻", "address": "村口", "village": village.pk},
    )
    assert done.status_code == 200 and 'class="gongshi"' in done.content.decode()
    assert Lead.objects.get(source="report").address == f"{village.name} 村口"


def test_a_refusal_says_why_in_chinese_and_keeps_what_was_typed(town, catalog, cells):
    refused = Client().post(
        f"/intake/public/{town.code}/report/",
        {"text": "太吵了", "address": "", "name": "王女士", "phone": "13700001111"},
    )
    page = refused.content.decode()
    assert refused.status_code == 422 and not Lead.objects.exists()
    assert "反映内容至少写 10 个字（现在 3 个字）" in page and "请填写发生地点。" in page
    assert "太吵了</textarea>" in page and 'value="王女士"' in page
    assert 'value="13700001111"' in page and 'aria-invalid="true"' in page


def test_the_tracker_is_framed_by_its_town(town, catalog, cells):
    blank = Client().get(f"/intake/public/track/?town={town.code}").content.decode()
    assert town.agency_name in blank and "请输入查询码" not in blank
    assert f'name="town" value="{town.code}"' in blank
    Client().post(
        f"/intake/public/{town.code}/report/",
        {"text": "东街路口有人占道经营卖水果，影响通行", "address": "东街路口"},
    )
    code = Lead.objects.get(source="report").tracking_code
    found = Client().get(f"/intake/public/track/?code={code}").content.decode()
    assert town.agency_name in found and "已受理，正在分拣" in found
    empty = Client().get(f"/intake/public/track/?town={town.code}&code=").content.decode()
    assert "请输入查询码。" in empty
