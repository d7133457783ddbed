"""Feeds of a town's published decisions: RSS 2.0 and Atom for readers, and a JSON listing for
the provincial platform to harvest. All three carry exactly what the public pages show."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from zhifa.core.models import Town
from zhifa.core.tenancy import public_town_scope

from .presenters import Change, PublicDecision
from .selectors import feed_updated, public_decisions

FEED_SIZE = 50


def _at(day: dt.date | None) -> dt.datetime | None:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9))) if day else None


def decision_summary(d: PublicDecision) -> str:
    return (
        f"当事人：{d.party.name}；违法事实：{d.facts}；处罚依据：{d.basis}；"
        f"处罚种类和金额：{d.content}；作出机关：{d.agency}；决定日期：{d.decided_on:%Y-%m-%d}"
        + "".join(_change_text(c) for c in d.changes)
    )


def _change_text(c: Change) -> str:
    amounts = f"，罚款由{c.old_amount}元变更为{c.new_amount}元" if c.old_amount else ""
    when = f"于{c.decided_on:%Y-%m-%d}" if c.decided_on else ""
    return f"；本决定{when}经{c.body}{c.kind}{c.outcome}{amounts}"


class DecisionsRss(Feed):
    def get_object(self, request: HttpRequest, town: Town) -> Town:  # type: ignore[override]
        return town

    def title(self, town: Town) -> str:
        return f"{town.agency_name}行政处罚决定公示"

    def link(self, town: Town) -> str:
        return reverse("disclosure:decisions", args=[town.code])

    def description(self, town: Town) -> str:
        return f"{town.team_name}作出的行政处罚决定（当事人为自然人的已隐去姓名）"

    def items(self, town: Town) -> list[PublicDecision]:
        with public_town_scope(town):
            return public_decisions(town=town)[:FEED_SIZE]

    def item_title(self, item: PublicDecision) -> str:
        return f"{item.number}（{item.party.name}）"

    def item_description(self, item: PublicDecision) -> str:
        return decision_summary(item)

    def item_link(self, item: PublicDecision) -> str:
        return reverse("disclosure:decision", args=[item.town_code, item.pk])

    def item_guid(self, item: PublicDecision) -> str:
        # a changed decision is a new entry: readers must see the change
        return f"{self.item_link(item)}#{item.status}"

    def item_pubdate(self, item: PublicDecision) -> dt.datetime | None:
        return _at(item.disclosed_on)

    def item_updateddate(self, item: PublicDecision) -> dt.datetime | None:
        return _at(item.disclosed_on)

    def item_categories(self, item: PublicDecision) -> list[str]:
        return [item.domain]


class DecisionsAtom(DecisionsRss):
    feed_type = Atom1Feed

    def subtitle(self, town: Town) -> str:
        return self.description(town)


def decision_json(d: PublicDecision, *, base: str) -> dict[str, Any]:
    return {
        "id": d.pk,
        "url": base + reverse("disclosure:decision", args=[d.town_code, d.pk]),
        "document_number": d.number,
        "party": {
            "kind": d.party.kind,
            "name": d.party.name,
            "credit_code": d.party.credit_code,
            "legal_representative": d.party.representative,
            "address": d.party.address,
        },
        "facts": d.facts,
        "violated": d.violated,
        "basis": d.basis,
        "penalty": d.content,
        "agency": d.agency,
        "item": d.item,
        "domain": d.domain,
        "decided_on": d.decided_on.isoformat() if d.decided_on else None,
        "disclosed_on": d.disclosed_on.isoformat() if d.disclosed_on else None,
        "status": d.status,
        "changes": [
            {
                "kind": c.kind,
                "body": c.body,
                "decided_on": c.decided_on.isoformat() if c.decided_on else None,
                "outcome": c.outcome,
                "original_amount": c.old_amount,
                "new_amount": c.new_amount,
                "note": c.note,
            }
            for c in d.changes
        ],
    }


def listing_json(town: Town, rows: list[PublicDecision], *, base: str) -> dict[str, Any]:
    return {
        "town": {"code": town.code, "name": town.name, "agency": town.agency_name},
        "updated": feed_updated(rows).isoformat(),
        "count": len(rows),
        "decisions": [decision_json(d, base=base) for d in rows],
    }
