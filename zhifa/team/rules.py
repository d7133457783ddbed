"""Who may act: 执法证 validity and the two-officer rule (行政处罚法第四十二条、行政强制法第十八条).

``item`` is duck-typed: anything with a ``domain`` (a catalog ``PowerItem``) will do, so this module
does not depend on how the catalog models its items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q

from zhifa.catalog.models import Domain
from zhifa.core.articles import A42, Q18, cite, short
from zhifa.core.errors import RuleViolation
from zhifa.core.models import Town

from .models import Certificate, Officer

TWO_OFFICER_ARTICLE = short(cite(A42, Q18))
MIN_HANDLERS = 2


@dataclass(frozen=True)
class Handler:
    officer: Officer
    certificate: Certificate

    @property
    def certificate_number(self) -> str:
        return self.certificate.number


def _domain_of(item: Any, domain: Domain | None) -> Domain | None:
    if domain is not None:
        return domain
    return getattr(item, "domain", None) if item is not None else None


def _covering_certificate(
    officer: Officer, on: dt.date, domain: Domain | None
) -> Certificate | None:
    """The officer's certificate valid on ``on`` that covers ``domain`` (latest expiry first)."""
    for cert in sorted(officer.certificates.all(), key=lambda c: c.valid_to, reverse=True):
        if not cert.is_valid_on(on):
            continue
        domain_ids = {d.pk for d in cert.domains.all()}
        if domain is None or not domain_ids or domain.pk in domain_ids:
            return cert
    return None


def _why_not(officer: Officer, on: dt.date, domain: Domain | None) -> str | None:
    name = officer.name
    if not officer.is_active:
        return f"{name}已不在岗"
    if officer.employment != Officer.Employment.FULL_TIME:
        return f"{name}为{officer.get_employment_display()}，不得作为执法人员"
    certs = list(officer.certificates.all())
    if not certs:
        return f"{name}未取得行政执法证"
    if _covering_certificate(officer, on, domain) is not None:
        return None
    valid = [c for c in certs if c.is_valid_on(on)]
    if valid and domain is not None:
        return f"{name}的执法证（{valid[0].number}）不含“{domain.name}”领域"
    latest = max(certs, key=lambda c: c.valid_to)
    if latest.revoked_on and latest.revoked_on <= on:
        return f"{name}的执法证（{latest.number}）已于{latest.revoked_on:%Y年%-m月%-d日}注销"
    if latest.valid_from > on:
        return f"{name}的执法证（{latest.number}）自{latest.valid_from:%Y年%-m月%-d日}起生效，当日尚未生效"
    return f"{name}的执法证（{latest.number}）已于{latest.valid_to:%Y年%-m月%-d日}到期"


def _officers_with_certificates(qs: Any) -> Any:
    return qs.select_related("user").prefetch_related(
        Prefetch("certificates", queryset=Certificate.objects.prefetch_related("domains"))
    )


def eligible_handlers(
    *, town: Town, on: dt.date, item: Any = None, domain: Domain | None = None
) -> list[Handler]:
    """Officers who may act as handlers on ``on``: 专职, in post, with a 执法证 valid that day
    that covers the item's domain (a certificate listing no domains covers all)."""
    domain = _domain_of(item, domain)
    officers = (
        Officer.all_towns.filter(town=town, is_active=True, employment=Officer.Employment.FULL_TIME)
        .filter(Q(certificates__valid_from__lte=on, certificates__valid_to__gte=on))
        .distinct()
    )
    found = []
    for officer in _officers_with_certificates(officers):
        cert = _covering_certificate(officer, on, domain)
        if cert is not None:
            found.append(Handler(officer, cert))
    return found


def handlers_check(
    *, officers: Iterable[Officer], on: dt.date, item: Any = None, domain: Domain | None = None
) -> list[Handler]:
    """Raise ``RuleViolation`` unless at least two distinct officers may act on ``on``.

    Returns each officer with the certificate that qualifies them (its number goes on record).
    Callers: filing, inspection, measures and decisions in ``cases``.
    """
    domain = _domain_of(item, domain)
    ids = list(dict.fromkeys(o.pk for o in officers))
    loaded = {o.pk: o for o in _officers_with_certificates(Officer.all_towns.filter(pk__in=ids))}
    problems = []
    handlers = []
    for pk in ids:
        officer = loaded[pk]
        reason = _why_not(officer, on, domain)
        if reason:
            problems.append(reason)
        else:
            handlers.append(Handler(officer, _covering_certificate(officer, on, domain)))  # type: ignore[arg-type]
    if problems:
        raise RuleViolation(
            "执法人员资格不符：" + "；".join(problems),
            article=TWO_OFFICER_ARTICLE,
            code="handler_not_eligible",
        )
    if len(handlers) < MIN_HANDLERS:
        raise RuleViolation(
            f"执法人员不得少于两人，并应持有有效执法证（当前 {len(handlers)} 人）",
            article=TWO_OFFICER_ARTICLE,
            code="too_few_handlers",
        )
    return handlers
