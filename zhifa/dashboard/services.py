"""Writes of county supervision: draw a 案卷评查 sample, score a review sheet, issue a 监督意见 and
record the town's reply on the case's record. Each checks its actor on the server."""

from __future__ import annotations

import random
import secrets
from typing import Any

from django.db import transaction
from django.urls import reverse

from zhifa.accounts.models import User
from zhifa.accounts.roles import GROUP_NAMES, LEADER, has_role
from zhifa.cases import events
from zhifa.core import clock
from zhifa.core.deadlines import deadline_complete, deadline_open
from zhifa.core.errors import DomainError, Forbidden
from zhifa.core.models import Deadline, Town
from zhifa.core.notifications import notify

from .access import dashboard_town_ids, supervision_check
from .models import CaseReview, ReviewCriterion, ReviewSample, SupervisionOpinion
from .sources import Case, State

MAX_SAMPLE = 50


def _require_supervises(actor: Any, town: Town) -> None:
    supervision_check(actor)
    if town.pk not in dashboard_town_ids(actor):
        raise Forbidden("您不督导该乡镇")


def _leaders(town: Town) -> Any:
    return User.objects.filter(town=town, groups__name=GROUP_NAMES[LEADER], is_active=True)


def sample_population(*, town: Town, year: int) -> list[int]:
    """The closed cases of the year, in a fixed order (so a seed always draws the same cases)."""
    return list(
        Case.all_towns.filter(town=town, state=State.CLOSED, closed_at__year=year)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def sample_draw(*, actor: Any, town: Town, year: int, size: int, seed: str = "") -> ReviewSample:
    """Draw ``size`` closed cases of ``year`` at random with a recorded seed; one sheet per case."""
    _require_supervises(actor, town)
    if not 1 <= size <= MAX_SAMPLE:
        raise DomainError(f"抽取数量应为 1 至 {MAX_SAMPLE} 件")
    population = sample_population(town=town, year=year)
    if not population:
        raise DomainError(f"{town.name}{year}年没有已结案的案件可供评查")
    seed = seed.strip() or secrets.token_hex(8)
    chosen = random.Random(seed).sample(population, min(size, len(population)))
    full = sum(c.max_score for c in ReviewCriterion.objects.filter(active=True)) or 100
    with transaction.atomic():
        sample = ReviewSample.all_towns.create(
            town=town,
            year=year,
            seed=seed,
            size=len(chosen),
            population=len(population),
            drawn_by=actor,
            drawn_at=clock.now(),
        )
        CaseReview.all_towns.bulk_create(
            CaseReview(town=town, sample=sample, case_id=pk, full_marks=full) for pk in chosen
        )
    return sample


def review_score(
    *, actor: Any, review: CaseReview, scores: dict[str, int], comments: str
) -> CaseReview:
    """Score a review sheet on the active checklist; the town's leaders are told of the result."""
    _require_supervises(actor, review.town)
    criteria = list(ReviewCriterion.objects.filter(active=True))
    if not criteria:
        raise DomainError("尚未配置案卷评查项目，请系统管理员在后台设置")
    clean: dict[str, int] = {}
    for c in criteria:
        value = scores.get(c.code)
        if value is None:
            raise DomainError(f"请为“{c.label}”打分")
        if not 0 <= int(value) <= c.max_score:
            raise DomainError(f"“{c.label}”的得分应在 0 至 {c.max_score} 分之间")
        clean[c.code] = int(value)
    with transaction.atomic():
        review.scores = clean
        review.total = sum(clean.values())
        review.full_marks = sum(c.max_score for c in criteria)
        review.comments = comments.strip()
        review.reviewer = actor
        review.reviewed_at = clock.now()
        review.save(
            update_fields=["scores", "total", "full_marks", "comments", "reviewer", "reviewed_at"]
        )
        url = reverse("dashboard:review", args=[review.pk])
        # the notice is a row of the same transaction: it exists exactly when the result does
        notify(
            town=review.town,
            users=_leaders(review.town),
            title=f"案卷评查结果：{review.case.number} 得分 {review.total}/{review.full_marks}",
            body=review.comments,
            url=url,
        )
    return review


def opinion_issue(*, actor: Any, case: Case, text: str, days: int = 10) -> SupervisionOpinion:
    """监督意见 to the case's town, with a reply clock of ``days`` working days."""
    _require_supervises(actor, case.town)
    if not text.strip():
        raise DomainError("请填写监督意见")
    if not 1 <= days <= 30:
        raise DomainError("答复期限应为 1 至 30 个工作日")
    with transaction.atomic():
        opinion = SupervisionOpinion.all_towns.create(
            town=case.town,
            case=case,
            text=text.strip(),
            days=days,
            issued_by=actor,
            issued_at=clock.now(),
        )
        url = reverse("dashboard:opinion", args=[opinion.pk])
        opinion.deadline = deadline_open(
            town=case.town,
            subject=opinion,
            kind="supervision_reply",
            purpose="监督意见答复",
            article="县司法局行政执法监督",
            start=opinion.issued_at,
            amount=days,
            unit=Deadline.Unit.WORKING_DAYS,
            url=url,
        )
        opinion.save(update_fields=["deadline"])
        events.note(case=case, actor=actor, text=f"县司法局监督意见：{opinion.text}")
        notify(
            town=case.town,
            users=_leaders(case.town),
            title=f"监督意见：{case.number}（{days} 个工作日内答复）",
            body=text,
            url=url,
        )
    return opinion


def opinion_reply(*, actor: Any, opinion: SupervisionOpinion, text: str) -> SupervisionOpinion:
    """The town's leader replies; the reply is appended to the case's record, the clock stops."""
    if not (has_role(actor, LEADER) and actor.town_id == opinion.town_id):
        raise Forbidden("监督意见由本镇队长答复")
    if opinion.replied_at:
        raise DomainError("该监督意见已答复")
    if not text.strip():
        raise DomainError("请填写答复内容")
    with transaction.atomic():
        opinion.reply, opinion.replied_by, opinion.replied_at = text.strip(), actor, clock.now()
        opinion.save(update_fields=["reply", "replied_by", "replied_at"])
        if opinion.deadline:
            deadline_complete(deadline=opinion.deadline, at=opinion.replied_at)
        events.note(case=opinion.case, actor=actor, text=f"答复县司法局监督意见：{opinion.reply}")
    return opinion
