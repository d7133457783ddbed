"""A decision as the public reads it: every field passed through ``masking`` (and nothing else
from the case file). The staff preview renders this very object, so it shows exactly what the
public will see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from zhifa.catalog.models import PenaltyKind

from . import masking
from .sources import Appeal, Penalty


@dataclass(frozen=True)
class Change:
    """A 复议/诉讼 outcome that changed the decision, as published with the changed version: the
    fine before the change (the decision's, or the previous change's) and after it."""

    kind: str
    body: str
    decided_on: dt.date | None
    outcome: str
    new_amount: str
    note: str
    old_amount: str = ""


@dataclass(frozen=True)
class PublicDecision:
    pk: int
    town_code: str
    number: str
    party: masking.PublicParty
    facts: str
    violated: str
    basis: str
    content: str
    agency: str
    decided_on: dt.date | None
    disclosed_on: dt.date | None
    item: str
    domain: str
    status: str
    changes: list[Change] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.number} {self.party.name}"

    @property
    def is_changed(self) -> bool:
        return self.status == Penalty.Status.CHANGED


def _content(p: Penalty) -> str:
    parts = [p.content] if p.content != "—" else []
    others = [PenaltyKind(k).label for k in p.kinds if k in PenaltyKind.values]
    parts += [label for label in others if label not in ("警告", "罚款")]
    return "，".join(parts) or "—"


def _natural_names(p: Penalty) -> list[str]:
    """Every natural person's name the case knows of: masked wherever it appears in a text."""
    names = [p.party.legal_representative]
    if p.party.kind == "individual":
        names.append(p.party.name)
    for subject in p.case.parties.all():
        names.append(subject.legal_representative)
        if subject.kind == "individual":
            names.append(subject.name)
    return [n for n in names if n]


def decision_present(p: Penalty, appeals: list[Appeal] | None = None) -> PublicDecision:
    """The public view of a decided penalty (the caller decides whether it is public at all)."""
    names = _natural_names(p)
    party = p.party
    public_party = masking.party_public(
        kind=party.kind,
        name=party.name,
        credit_code=party.credit_code,
        representative=party.legal_representative,
        address=party.address,
    )
    appeals = appeals if appeals is not None else list(p.case.appeals.all())
    return PublicDecision(
        pk=p.pk,
        town_code=p.town.code,
        number=p.decision_doc.number if p.decision_doc_id else "",
        party=public_party,
        facts=masking.text_scrub(p.facts, names=names),
        violated=masking.text_scrub(p.violated, names=names),
        basis=masking.text_scrub(p.basis, names=names),
        content=_content(p),
        agency=p.town.agency_name,
        decided_on=p.decided_on,
        disclosed_on=p.disclosed_on,
        item=p.item.name,
        domain=p.item.domain.name,
        status=p.status,
        changes=_changes(p, appeals, names),
    )


def _money(amount: Decimal | None) -> str:
    return f"{amount:,.2f}" if amount is not None else ""


def decided_amount(p: Penalty) -> Decimal | None:
    """The fine as the decision document states it (the penalty's amount follows the changes)."""
    penalty = (p.decision_doc.context or {}).get("penalty") if p.decision_doc_id else None
    amount = penalty.get("amount") if isinstance(penalty, dict) else None
    return Decimal(str(amount)).quantize(Decimal("0.01")) if amount is not None else None


def _changes(p: Penalty, appeals: list[Appeal], names: list[str]) -> list[Change]:
    """Each change in the order of the appeals, with the fine it replaced."""
    before = decided_amount(p)
    out = []
    for a in sorted(appeals, key=lambda a: (a.decided_on or dt.date.max, a.filed_on, a.pk)):
        if a.outcome != Appeal.Outcome.CHANGED:
            continue
        out.append(
            Change(
                kind=a.get_kind_display(),
                body=a.body,
                decided_on=a.decided_on,
                outcome=a.get_outcome_display(),
                new_amount=_money(a.new_amount),
                note=masking.text_scrub(a.note, names=names),
                old_amount=_money(before),
            )
        )
        before = a.new_amount if a.new_amount is not None else before
    return out
