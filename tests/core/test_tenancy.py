"""Towns are tenants: a request only ever sees its own town's rows (core.tenancy)."""

import pytest
from django.apps import apps
from django.http import HttpResponse
from django.test import RequestFactory

from zhifa.catalog.models import Department
from zhifa.core.tenancy import TenantMiddleware, TownScopedModel, town_scope

pytestmark = pytest.mark.django_db


def _departments_seen_by(user, path="/catalog/"):
    seen = {}

    def view(request):
        seen["names"] = set(Department.objects.values_list("name", flat=True))
        seen["town"] = request.town
        return HttpResponse()

    request = RequestFactory().get(path)
    request.user = user
    request.session = {}
    TenantMiddleware(view)(request)
    return seen


@pytest.fixture
def two_towns_of_departments(personas):
    Department.all_towns.create(town=personas.town, name="砂河镇的部门", kind="county_department")
    Department.all_towns.create(
        town=personas.other_town, name="大营镇的部门", kind="county_department"
    )
    return personas


def test_a_user_of_the_second_town_sees_none_of_the_first_towns_rows(two_towns_of_departments):
    seen = _departments_seen_by(two_towns_of_departments.outsider)
    assert seen["names"] == {"大营镇的部门"}
    assert seen["town"] == two_towns_of_departments.other_town


def test_a_user_of_the_first_town_sees_only_its_rows(two_towns_of_departments):
    assert _departments_seen_by(two_towns_of_departments.officer)["names"] == {"砂河镇的部门"}


def test_a_county_user_sees_the_towns_they_supervise(two_towns_of_departments):
    personas = two_towns_of_departments
    assert _departments_seen_by(personas.department)["names"] == {"砂河镇的部门"}
    personas.department.supervised_towns.add(personas.other_town)
    assert _departments_seen_by(personas.department)["names"] == {"砂河镇的部门", "大营镇的部门"}


def test_an_anonymous_request_sees_no_rows(two_towns_of_departments):
    from django.contrib.auth.models import AnonymousUser

    assert _departments_seen_by(AnonymousUser())["names"] == set()


def test_every_town_scoped_model_filters_by_the_scope(towns):
    scoped = [m for m in apps.get_models() if issubclass(m, TownScopedModel)]
    assert len(scoped) >= 5
    with town_scope([towns["second"].pk]):
        for model in scoped:
            sql = str(model.objects.all().query)
            assert '"town_id" IN' in sql, f"{model.__name__} is not filtered by town"
            # the explicit unscoped manager stays available to services
            assert '"town_id" IN' not in str(model.all_towns.all().query)
