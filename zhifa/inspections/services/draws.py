"""The sealed double random draw (ADR 0019): its inputs, the draw, a redraw with a reason, and
the verification anyone can run."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction

from zhifa.core import clock
from zhifa.core.audit import chain_verify
from zhifa.core.errors import DomainError, RuleViolation
from zhifa.core.sequences import sequence_next
from zhifa.grid.models import Subject
from zhifa.team.models import Officer
from zhifa.team.rules import MIN_HANDLERS, eligible_handlers

from .. import rules
from ..draw import ALGORITHM, draw_run, sample_size, seal_of, sha256_of
from ..models import DEFAULT_LEVEL, Draw, Inspection, Plan, PlanEvent, RiskLevel
from ..permissions import APPROVERS, DRAWERS, require
from .common import actor_or_none, inspection_event, plan_event, text
from .plans import lock_plan

DRAW_ARTICLE = "《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号）"


def _officer_pool(plan: Plan, on: dt.date) -> dict[int, dict[str, str]]:
    """Officers certified on ``on`` for every item of the plan: {id: {name, cert_no}} (the
    certificate of the first item is recorded; a certificate not limited to domains covers all)."""
    pool: dict[int, dict[str, str]] | None = None
    for item in plan.items.select_related("domain").order_by("pk"):
        found = {
            h.officer.pk: {"name": h.officer.name, "cert_no": h.certificate_number}
            for h in eligible_handlers(town=plan.town, on=on, item=item)
        }
        pool = found if pool is None else {k: v for k, v in pool.items() if k in found}
    return pool or {}


def draw_inputs(*, plan: Plan, on: dt.date, seed: str) -> dict[str, Any]:
    """Everything the draw depends on, in canonical form: scope, exclusions (with reasons), the
    candidates with their levels, the weights, the officer pool and the 回避 pairs."""
    scope = rules.subject_filter(
        villages=list(plan.villages.values_list("pk", flat=True)),
        kinds=plan.subject_kinds,
        site_types=plan.site_types,
        levels=plan.risk_levels,
    )
    rows = (
        Subject.all_towns.filter(town_id=plan.town_id)
        .filter(scope)
        .values_list("pk", "risk__level")
        .order_by("pk")
    )
    in_scope = [(pk, level or DEFAULT_LEVEL) for pk, level in rows]
    ids = [pk for pk, _ in in_scope]
    pool = _officer_pool(plan, on)
    conflicts = [
        (s, o) for s, o in rules.conflicts_of(town_id=plan.town_id, subject_ids=ids) if o in pool
    ]
    barred: dict[int, int] = {}
    for subject_id, _ in conflicts:
        barred[subject_id] = barred.get(subject_id, 0) + 1
    recent = rules.repeat_inspections(town_id=plan.town_id, on=on, subject_ids=None)
    counts = rules.yearly_counts(town_id=plan.town_id, year=on.year, subject_ids=None)
    caps = {level: rules.yearly_cap(level) for level in RiskLevel.values}
    candidates, excluded = [], []
    for pk, level in in_scope:
        if pk in recent:
            excluded.append([pk, "repeat_window"])
        elif counts.get(pk, 0) >= caps.get(level, 0):
            excluded.append([pk, "yearly_cap"])
        elif len(pool) - barred.get(pk, 0) < MIN_HANDLERS:
            excluded.append([pk, "no_officers"])
        else:
            candidates.append([pk, level])
    k = min(
        sample_size(
            mode=plan.sample_mode,
            ratio=plan.sample_ratio,
            count=plan.sample_count,
            population=len(in_scope),
        ),
        len(candidates),
    )
    return {
        "algorithm": ALGORITHM,
        "seed": seed,
        "plan": plan.number,
        "drawn_on": on.isoformat(),
        "population": len(in_scope),
        "k": k,
        "per": MIN_HANDLERS,
        "weights": {lv: settings.ZHIFA_INSPECTION_DRAW_WEIGHTS[lv] for lv in RiskLevel.values},
        "window_days": rules.window_days(),
        "caps": caps,
        "candidates": candidates,
        "excluded": excluded,
        "officers": sorted(pool),
        "officer_certs": {str(k_): v for k_, v in sorted(pool.items())},
        "conflicts": [list(c) for c in conflicts],
    }


def _seal_and_create(
    *, plan: Plan, actor: Any, on: dt.date, seed: str, reason: str, supersedes: Draw | None
) -> Draw:
    inputs = draw_inputs(plan=plan, on=on, seed=seed)
    if not inputs["candidates"] or inputs["k"] == 0:
        raise DomainError("抽查范围内没有可抽取的检查对象", code="nothing_to_draw")
    result = draw_run(inputs)
    inputs_sha, result_sha = sha256_of(inputs), sha256_of(result)
    seal = seal_of(
        algorithm=ALGORITHM, seed=seed, inputs_sha256=inputs_sha, result_sha256=result_sha
    )
    draw = Draw.objects.create(
        town=plan.town,
        plan=plan,
        seq=(supersedes.seq + 1) if supersedes else 1,
        algorithm=ALGORITHM,
        seed=seed,
        drawn_on=on,
        inputs=inputs,
        result=result,
        inputs_sha256=inputs_sha,
        result_sha256=result_sha,
        seal=seal,
        reason=reason,
        supersedes=supersedes,
        drawn_by=actor_or_none(actor),
    )
    items = list(plan.items.all())
    certs = inputs["officer_certs"]
    subjects = {
        s.pk: s for s in Subject.all_towns.filter(pk__in=[r["subject"] for r in result["subjects"]])
    }
    officers = {o.pk: o for o in Officer.all_towns.filter(pk__in=inputs["officers"])}
    planned_on = max(on, plan.period_start)
    for row in result["subjects"]:
        seq = sequence_next(town=plan.town, kind="inspection", year=planned_on.year)
        inspection = Inspection.objects.create(
            town=plan.town,
            number=f"JC{planned_on.year}{seq:05d}",
            origin=Inspection.Origin.RANDOM,
            plan=plan,
            draw=draw,
            subject=subjects[row["subject"]],
            planned_on=planned_on,
            handlers=[{"officer": o, **certs[str(o)]} for o in row["officers"]],
            created_by=actor_or_none(actor),
        )
        inspection.items.set(items)
        inspection.officers.set([officers[o] for o in row["officers"]])
        inspection_event(
            inspection,
            actor,
            "drawn",
            f"双随机抽取：{plan.name}第{draw.seq}次抽取，检查人员"
            + "、".join(certs[str(o)]["name"] for o in row["officers"]),
            plan=plan.number,
            draw=draw.seq,
            seal=seal,
            officers=[certs[str(o)] for o in row["officers"]],
        )
    plan_event(
        plan,
        actor,
        "redrawn" if supersedes else "drawn",
        f"第{draw.seq}次随机抽取：范围内 {inputs['population']} 户，可抽 {len(inputs['candidates'])} 户，"
        f"抽取 {inputs['k']} 户" + (f"；重新抽取理由：{reason}" if reason else ""),
        draw=draw.seq,
        algorithm=ALGORITHM,
        seed=seed,
        inputs_sha256=inputs_sha,
        result_sha256=result_sha,
        seal=seal,
        subjects=[r["subject"] for r in result["subjects"]],
        supersedes=supersedes.seq if supersedes else None,
        reason=reason,
    )
    return draw


def _seed(seed: str | None) -> str:
    seed = (seed or "").strip() or secrets.token_hex(16)
    if len(seed) > 64:
        raise DomainError("随机种子不能超过 64 个字符", code="bad_seed")
    return seed


def plan_draw(
    *, plan: Plan, actor: Any, seed: str | None = None, on: dt.date | None = None
) -> Draw:
    """Draw once for an approved plan and seal it. A second call is refused: a new draw goes
    through ``plan_redraw`` with a recorded reason."""
    require(actor, DRAWERS, "进行随机抽取")
    on = on or clock.today()
    seed = _seed(seed)
    with transaction.atomic():
        plan = lock_plan(plan)
        if plan.status != Plan.Status.APPROVED:
            raise RuleViolation(
                "检查计划经批准后方可抽取", article=DRAW_ARTICLE, code="plan_not_approved"
            )
        if not plan.period_start <= on <= plan.period_end:
            raise DomainError("抽取日期应在计划检查期间内", code="bad_date")
        if plan.draws.exists():
            raise RuleViolation(
                "本计划已抽取并封存，不能重新抽取；确需重新抽取的，应由队长说明理由",
                article=DRAW_ARTICLE,
                code="draw_sealed",
            )
        return _seal_and_create(
            plan=plan, actor=actor, on=on, seed=seed, reason="", supersedes=None
        )


def plan_redraw(
    *, plan: Plan, actor: Any, reason: str, seed: str | None = None, on: dt.date | None = None
) -> Draw:
    """A new draw that supersedes the sealed one, with a leader's recorded reason. Refused once any
    inspection of the sealed draw has started; the first draw stays on the record."""
    require(actor, APPROVERS, "重新抽取（仅限队长、副队长）")
    reason = text(reason, label="重新抽取理由", minimum=8, maximum=300)
    on = on or clock.today()
    seed = _seed(seed)
    with transaction.atomic():
        plan = lock_plan(plan)
        current = plan.draws.filter(status=Draw.Status.SEALED).order_by("-seq").first()
        if current is None:
            raise DomainError("本计划尚未抽取", code="no_draw")
        if not plan.period_start <= on <= plan.period_end:
            raise DomainError("抽取日期应在计划检查期间内", code="bad_date")
        started = current.inspections.exclude(
            status__in=[Inspection.Status.DRAWN, Inspection.Status.CANCELLED]
        )
        if started.exists():
            raise RuleViolation(
                "已有检查开始实施，不能重新抽取", article=DRAW_ARTICLE, code="draw_in_use"
            )
        for inspection in current.inspections.filter(status=Inspection.Status.DRAWN):
            inspection.status = Inspection.Status.CANCELLED
            inspection.save(update_fields=["status"])
            inspection_event(
                inspection, actor, "cancelled", f"重新抽取，本次抽取作废：{reason}", reason=reason
            )
        current.status = Draw.Status.SUPERSEDED
        current.save(update_fields=["status"])
        return _seal_and_create(
            plan=plan, actor=actor, on=on, seed=seed, reason=reason, supersedes=current
        )


def draw_verify(*, draw: Draw) -> list[str]:
    """Re-run the draw from its stored inputs and check every hash and the plan's record.
    An empty list means anyone re-running it gets the same result."""
    problems = []
    if sha256_of(draw.inputs) != draw.inputs_sha256:
        problems.append("抽取输入与封存哈希不符")
    try:
        again = draw_run(draw.inputs)
    except (KeyError, TypeError, ValueError) as error:
        problems.append(f"无法按记录的输入重新抽取：{error}")
        again = None
    if again is not None and again != draw.result:
        problems.append("按记录的种子和输入重新抽取，结果与封存结果不同")
    if sha256_of(draw.result) != draw.result_sha256:
        problems.append("抽取结果与封存哈希不符")
    seal = seal_of(
        algorithm=draw.algorithm,
        seed=draw.seed,
        inputs_sha256=draw.inputs_sha256,
        result_sha256=draw.result_sha256,
    )
    if seal != draw.seal:
        problems.append("封存哈希不符")
    sealed = PlanEvent.all_towns.filter(plan_id=draw.plan_id, event_type__in=["drawn", "redrawn"])
    if not any(e.new.get("seal") == draw.seal and e.new.get("draw") == draw.seq for e in sealed):
        problems.append("计划记录中找不到本次抽取的封存哈希")
    problems.extend(chain_verify(event_model=PlanEvent, subject=draw.plan))
    return problems
