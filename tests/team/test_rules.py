import datetime as dt
from types import SimpleNamespace

import pytest

from zhifa.core.errors import DomainError, RuleViolation
from zhifa.team.rules import eligible_handlers, handlers_check
from zhifa.team.services import certificate_issue, certificate_revoke, officer_update

from .conftest import TODAY

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def names(handlers):
    return sorted(h.officer.name for h in handlers)


def test_an_officer_with_a_valid_certificate_is_eligible(town, make_officer):
    make_officer(name="甲")
    assert names(eligible_handlers(town=town, on=TODAY)) == ["甲"]


def test_an_expired_certificate_does_not_qualify(town, make_officer):
    make_officer(name="过期", valid=(TODAY - 800 * DAY, TODAY - DAY))
    assert eligible_handlers(town=town, on=TODAY) == []


def test_a_certificate_is_valid_on_its_last_day(town, make_officer):
    make_officer(name="末日", valid=(TODAY - 800 * DAY, TODAY))
    assert names(eligible_handlers(town=town, on=TODAY)) == ["末日"]


def test_a_certificate_not_yet_valid_does_not_qualify(town, make_officer):
    make_officer(name="未生效", valid=(TODAY + DAY, TODAY + 800 * DAY))
    assert eligible_handlers(town=town, on=TODAY) == []
    assert names(eligible_handlers(town=town, on=TODAY + DAY)) == ["未生效"]


def test_a_certificate_for_another_domain_does_not_qualify(town, make_officer, domains):
    make_officer(name="市场", domains=[domains["market"]])
    assert eligible_handlers(town=town, on=TODAY, domain=domains["natural_resources"]) == []
    assert names(eligible_handlers(town=town, on=TODAY, domain=domains["market"])) == ["市场"]


def test_a_certificate_listing_no_domains_covers_every_domain(town, make_officer, domains):
    make_officer(name="综合")
    assert names(eligible_handlers(town=town, on=TODAY, domain=domains["ecology"])) == ["综合"]


def test_the_domain_is_taken_from_the_item(town, make_officer, domains):
    make_officer(name="市场", domains=[domains["market"]])
    item = SimpleNamespace(domain=domains["natural_resources"])
    assert eligible_handlers(town=town, on=TODAY, item=item) == []


def test_an_auxiliary_cannot_be_given_a_certificate(town, make_officer):
    with pytest.raises(DomainError, match="辅助人员，不能登记行政执法证"):
        make_officer(employment="auxiliary")


def test_an_officer_moved_to_auxiliary_is_no_longer_eligible(town, make_officer):
    officer = make_officer(name="转岗")
    officer_update(officer=officer, employment="auxiliary")
    assert eligible_handlers(town=town, on=TODAY) == []


def test_a_revoked_certificate_does_not_qualify_from_its_revocation(town, make_officer):
    officer = make_officer(name="注销")
    certificate_revoke(certificate=officer.certificates.get(), on=TODAY)
    assert names(eligible_handlers(town=town, on=TODAY - DAY)) == ["注销"]
    assert eligible_handlers(town=town, on=TODAY) == []


def test_a_renewed_certificate_qualifies_after_the_old_one_expired(town, make_officer):
    officer = make_officer(name="换证", valid=(TODAY - 800 * DAY, TODAY - 10 * DAY))
    certificate_issue(
        officer=officer, number="NEW01", valid_from=TODAY - 10 * DAY, valid_to=TODAY + 700 * DAY
    )
    [handler] = eligible_handlers(town=town, on=TODAY)
    assert handler.certificate_number == "NEW01"


def test_two_eligible_officers_pass_with_their_certificate_numbers(make_officer, domains):
    a, b = make_officer(name="甲"), make_officer(name="乙")
    handlers = handlers_check(officers=[a, b], on=TODAY, domain=domains["market"])
    assert [h.certificate_number for h in handlers] == [
        a.certificates.get().number,
        b.certificates.get().number,
    ]


def test_a_single_officer_is_refused_citing_both_laws(make_officer):
    with pytest.raises(RuleViolation) as error:
        handlers_check(officers=[make_officer(name="甲")], on=TODAY)
    assert "不得少于两人" in error.value.message
    assert error.value.article == "行政处罚法第四十二条、行政强制法第十八条"


def test_the_same_officer_twice_counts_once(make_officer):
    a = make_officer(name="甲")
    with pytest.raises(RuleViolation, match="当前 1 人"):
        handlers_check(officers=[a, a], on=TODAY)


def test_an_officer_with_an_expired_certificate_is_named_in_the_refusal(make_officer):
    a = make_officer(name="甲")
    b = make_officer(name="过期乙", valid=(TODAY - 800 * DAY, TODAY - 5 * DAY))
    with pytest.raises(RuleViolation, match="过期乙的执法证（T00002）已于"):
        handlers_check(officers=[a, b], on=TODAY)


def test_an_officer_whose_certificate_is_not_yet_valid_is_named(make_officer):
    a = make_officer(name="甲")
    b = make_officer(name="新乙", valid=(TODAY + 3 * DAY, TODAY + 800 * DAY))
    with pytest.raises(RuleViolation, match=r"新乙的执法证（T00002）自.*当日尚未生效"):
        handlers_check(officers=[a, b], on=TODAY)


def test_an_officer_without_the_items_domain_is_named(make_officer, domains):
    a = make_officer(name="甲")
    b = make_officer(name="市场乙", domains=[domains["market"]])
    item = SimpleNamespace(domain=domains["natural_resources"])
    with pytest.raises(RuleViolation, match="市场乙的执法证（T00002）不含“自然资源”领域"):
        handlers_check(officers=[a, b], on=TODAY, item=item)


def test_an_auxiliary_may_not_be_one_of_the_two(make_officer):
    a = make_officer(name="甲")
    helper = make_officer(name="辅助乙", employment="auxiliary", valid=None)
    with pytest.raises(RuleViolation, match="辅助乙为辅助人员，不得作为执法人员"):
        handlers_check(officers=[a, helper], on=TODAY)


def test_the_eligible_api_lists_officers_for_a_domain(personas, make_officer, domains, api_client):
    make_officer(name="市场", domains=[domains["market"]])
    make_officer(name="生态", domains=[domains["ecology"]])
    answer = (
        api_client(personas.officer)
        .get("/api/v1/team/eligible", {"domain": "market", "on": TODAY.isoformat()})
        .json()
    )
    assert [row["name"] for row in answer] == ["市场"]
