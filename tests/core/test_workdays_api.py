import pytest

pytestmark = pytest.mark.django_db


def test_five_working_days_after_the_prior_notice_cross_national_day(personas, api_client):
    client = api_client(personas.officer)
    answer = client.get("/api/v1/workdays/add", {"start": "2026-09-29", "days": 5}).json()
    assert answer["due"] == "2026-10-12"
    assert answer["provisional"] is False


def test_a_year_the_calendar_does_not_know_is_answered_provisionally(personas, api_client):
    client = api_client(personas.officer)
    answer = client.get("/api/v1/workdays/add", {"start": "2027-01-04", "days": 5}).json()
    assert answer["provisional"] is True
    assert "暂定" in answer["note"]


def test_the_calculator_refuses_an_anonymous_caller(client):
    response = client.get("/api/v1/workdays/add", {"start": "2026-09-29", "days": 5})
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
