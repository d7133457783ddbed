"""Navigation by role: the sidebar, the home page's section cards and the pages' buttons offer
a user only what the view's own check lets them open (core.navigation.guarded / may_open).
Walks every demo login's sidebar and requests each link: none is refused."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from zhifa.accounts.demo import DEMO_USERS
from zhifa.core.errors import Forbidden
from zhifa.core.navigation import guarded, may_open, view_allows

pytestmark = pytest.mark.django_db

DEMO_LOGINS = [row[0] for row in DEMO_USERS]


@pytest.fixture
def demo_users(db):
    from django.contrib.auth import get_user_model

    from zhifa.accounts import demo

    demo.seed()
    return {u.username: u for u in get_user_model().objects.filter(username__in=DEMO_LOGINS)}


def _sidebar(html: str) -> dict[str, str]:
    return dict(re.findall(r'<a class="nav-link[^"]*" href="([^"]+)" data-section="(\w+)"', html))


@pytest.mark.parametrize("username", DEMO_LOGINS)
def test_every_link_in_a_demo_logins_sidebar_opens(username, demo_users, login):
    client = login(Client(), demo_users[username])
    home = client.get("/")
    assert home.status_code == 200
    links = _sidebar(home.content.decode())
    assert links, "the sidebar offers at least one section"
    for url, section in links.items():
        response = client.get(url, follow=True)
        assert response.status_code == 200, f"{username}: {section} {url} → {response.status_code}"
    # the home page's cards are the same sections, the same links
    cards = re.findall(
        r'class="card card-link zhifa-section-card" href="([^"]+)"', home.content.decode()
    )
    assert sorted(cards) == sorted(links)


def test_each_role_is_offered_its_own_sections(demo_users, login):
    def sections(username):
        html = login(Client(), demo_users[username]).get("/").content.decode()
        return {section: url for url, section in _sidebar(html).items()}

    leader = sections("duizhang")
    assert {"catalog", "team", "grid", "intake", "cases", "documents"} <= set(leader)
    member = sections("wangge")
    assert "team" not in member and "documents" not in member
    assert {"grid", "intake"} <= set(member)
    county = sections("bumen")
    assert "grid" not in county and "intake" not in county and "documents" not in county
    # the county liaison may not read the roster but may read the 1+1+1 liaison page
    assert county["team"] == "/team/liaison/"


def test_buttons_follow_the_same_checks(demo_users, login):
    reviewer = login(Client(), demo_users["fazhi"]).get("/intake/").content.decode()
    assert 'href="/intake/new/"' not in reviewer  # a legal reviewer reads leads, does not register
    leader = login(Client(), demo_users["zhongduizhang"]).get("/intake/").content.decode()
    assert 'href="/intake/new/"' in leader
    member = login(Client(), demo_users["wangge"]).get("/grid/patrols/").content.decode()
    assert 'href="/grid/subjects/"' not in member and "安排巡查" not in member


def test_may_open_asks_the_views_own_check(demo_users):
    leader, member = demo_users["duizhang"], demo_users["wangge"]
    assert may_open(leader, "grid:patrol_new") and not may_open(member, "grid:patrol_new")
    assert may_open(leader, "team:index") and not may_open(member, "team:index")
    assert not may_open(leader, "no:such_view")


def test_a_guarded_view_refuses_and_says_so_to_the_navigation(rf):
    def only_ada(user):
        if user.username != "ada":
            raise Forbidden("仅限 ada")

    @guarded(only_ada)
    def view(request):
        return "ok"

    class U:
        def __init__(self, name):
            self.username = name

    request = rf.get("/")
    request.user = U("ada")
    assert view(request) == "ok" and view_allows(view, U("ada"))
    request.user = U("bob")
    with pytest.raises(Forbidden):
        view(request)
    assert not view_allows(view, U("bob"))
