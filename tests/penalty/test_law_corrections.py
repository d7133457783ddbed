"""Issue 14's law corrections that reach a user through the case file's API."""

from zhifa.cases.models import Case


def _register(api, *, party, handlers, act_date, **extra):  # type: ignore[no-untyped-def]
    created = api.post(
        "/api/v1/cases/",
        {
            "cause": "施工工地未采取扬尘防治措施案",
            "source": "patrol",
            "summary": "巡查发现工地长期裸土未覆盖，周边居民多人呼吸道不适就医。",
            "address": "繁峙县砂河镇示例工地",
            "item_codes": ["T-DQ-1"],
            "party_ids": [party.pk],
            "handler_ids": [h.pk for h in handlers],
            "discovered_on": "2026-09-08",
            "act_date": act_date,
            **extra,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    return created.json()


def test_an_act_with_harm_to_life_or_health_is_filed_within_five_years(
    api_client, personas, items, handlers, party
):
    # 行政处罚法第三十六条: three years after the act, two years have run out but five have not
    officer, leader = api_client(personas.officer), api_client(personas.leader)
    plain = _register(officer, party=party, handlers=handlers, act_date="2023-09-01")
    refused = leader.post(f"/api/v1/cases/{plain['id']}/file", {}, content_type="application/json")
    assert refused.status_code == 422 and "已超过2年" in refused.json()["message"]
    assert Case.objects.get(pk=plain["id"]).state == "registered"

    harmed = _register(
        officer, party=party, handlers=handlers, act_date="2023-09-01", serious_harm=True
    )
    assert harmed["serious_harm"] is True
    filed = leader.post(f"/api/v1/cases/{harmed['id']}/file", {}, content_type="application/json")
    assert filed.status_code == 200, filed.content
    assert filed.json()["state"] == "filed"

    # the flag can also be set when the head approves the filing
    filed = leader.post(
        f"/api/v1/cases/{plain['id']}/file",
        {"serious_harm": True},
        content_type="application/json",
    )
    assert filed.status_code == 200 and filed.json()["state"] == "filed"
    assert Case.objects.get(pk=plain["id"]).serious_harm


def _on_the_spot(handlers, stall, **extra):  # type: ignore[no-untyped-def]
    return {
        "officer_ids": [h.pk for h in handlers],
        "party_id": stall["keeper"].pk,
        "item_id": stall["item"].pk,
        "cause": "擅自占用人行道摆摊经营案",
        "facts": "擅自占用人行道摆摊经营水果，经劝阻拒不改正",
        "place": "砂河镇东街农贸市场北口人行道",
        "act_at": "2026-09-05T10:20:00+08:00",
        "violated": "《城市道路管理条例》第二十七条第（六）项",
        "basis": "《城市道路管理条例》第四十二条",
        "kinds": ["fine"],
        "amount": "150",
        "collect_on_spot": True,
        "receipt_no": "晋财罚示例0000124",
        **extra,
    }


def test_a_party_in_a_remote_area_may_ask_to_pay_150_yuan_on_the_spot(
    api_client, personas, handlers, stall
):
    # 行政处罚法第六十九条: paying at a bank is genuinely hard there, and the party asks
    api = api_client(personas.officer)
    refused = api.post(
        "/api/v1/cases/on-the-spot",
        _on_the_spot(handlers, stall),
        content_type="application/json",
    )
    assert refused.status_code == 422
    message = refused.json()["message"]
    assert "第六十八条" in message and "第六十九条" in message and "边远" in message
    assert not Case.objects.exists()

    accepted = api.post(
        "/api/v1/cases/on-the-spot",
        _on_the_spot(handlers, stall, remote_area_request=True),
        content_type="application/json",
    )
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["state"] == "executing"


def test_the_api_answers_when_a_public_notice_service_takes_effect(
    api_client, notified_case, personas
):
    # 公告送达: effective 30 days after the notice (12-05 is a Saturday → the next working day)
    from .conftest import decide

    decide(notified_case, personas)
    served = api_client(personas.officer).post(
        f"/api/v1/cases/{notified_case.pk}/service",
        {"served_on": "2026-11-05", "method": "public"},
        content_type="application/json",
    )
    assert served.status_code == 200, served.content
    penalty = served.json()["penalty"]
    assert penalty["service_method"] == "public"
    assert penalty["served_on"] == "2026-11-05" and penalty["effective_on"] == "2026-12-07"
    assert penalty["due_on"] == "2026-12-22"
