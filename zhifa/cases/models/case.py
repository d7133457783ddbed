"""案件: the case, its lawful state machine (django-fsm-2), handlers and its hash-chained record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from zhifa.catalog.models import Department, PowerItem
from zhifa.core import clock
from zhifa.core.models import AuditEvent, ChainedRecord
from zhifa.core.tenancy import TownScopedModel
from zhifa.grid.models import GridCell, Subject
from zhifa.team.models import Officer, Squadron


class State(models.TextChoices):
    REGISTERED = "registered", "已登记"
    FILED = "filed", "已立案"
    INVESTIGATING = "investigating", "调查中"
    PROPOSED = "proposed", "已提出处理意见"
    # The penalty procedure's own steps (机制 III) add their transitions on these states.
    NOTIFIED = "notified", "已事先告知"
    HEARING = "hearing", "听证中"
    UNDER_REVIEW = "under_review", "法制审核中"
    DECIDED = "decided", "已决定"
    SERVED = "served", "已送达"
    EXECUTING = "executing", "执行中"
    CLOSED = "closed", "已结案"
    TRANSFERRED = "transferred", "已移送"
    WITHDRAWN = "withdrawn", "已撤销立案"


S = State
ACTIVE_STATES = [s for s in S.values if s not in (S.CLOSED, S.TRANSFERRED, S.WITHDRAWN)]
# States before a decision in which the case can still leave the town (移送) — 行政处罚法第二十七条.
TRANSFERABLE = [S.REGISTERED, S.FILED, S.INVESTIGATING, S.PROPOSED]
WITHDRAWABLE = [S.FILED, S.INVESTIGATING, S.PROPOSED]
# 结案: a matter not filed (不予立案), or a decision served (and executed, when it asks for it). A
# proposal never closes directly: it goes on to its notice, its no-penalty decision or its transfer.
CLOSABLE = [S.REGISTERED, S.SERVED, S.EXECUTING]
# 机制 III: the states a penalty decision may be made from (after the prior notice).
DECIDABLE = [S.NOTIFIED, S.HEARING, S.UNDER_REVIEW]
# 执行: the first act of execution (payment, reminder) moves a served decision to executing; later
# acts (a payment after the reminder, the application to the court) happen there.
EXECUTABLE = [S.SERVED, S.EXECUTING]


# Conditions of the transitions (django-fsm asks them yes or no; ``rules.transition_require``
# gives each one's refusal in Chinese).
def proposes_penalty(case: Case) -> bool:
    """The handlers proposed a penalty (拟给予行政处罚)."""
    return case.proposal == Case.Proposal.PENALTY


def proposes_no_penalty(case: Case) -> bool:
    """The handlers proposed no penalty (拟不予行政处罚, 第三十三条)."""
    return case.proposal == Case.Proposal.NO_PENALTY


class Case(ConcurrentTransitionMixin, TownScopedModel, ChainedRecord):
    """One matter the team handles lawfully: from registration to closure or transfer.

    ``state`` is protected: only the transition methods below change it, and only services call
    them (inside a transaction, with the row locked, writing the event in the same transaction).
    """

    # derive from the record's events; verify-record compares them (ADR 0026)
    RECORDED_FIELDS = ("state", "cause", "outcome")

    class Source(models.TextChoices):
        PATROL = "patrol", "巡查发现"
        ASSIGNMENT = "assignment", "领导交办"
        GRID = "grid", "网格上报"
        HOTLINE = "hotline", "12345 工单"
        REPORT = "report", "群众举报"
        TRANSFER_IN = "transfer_in", "县级部门移送"
        OTHER = "other", "其他"

    class Proposal(models.TextChoices):
        NONE = "", "—"
        PENALTY = "penalty", "拟给予行政处罚"
        NO_PENALTY = "no_penalty", "拟不予行政处罚"
        TRANSFER = "transfer", "拟移送"

    number = models.CharField("案件编号", max_length=60, db_index=True)
    year = models.PositiveSmallIntegerField("年度")
    seq = models.PositiveIntegerField("序号")
    cause = models.CharField("案由", max_length=200)
    source = models.CharField("案件来源", max_length=20, choices=Source.choices)
    source_ref = models.CharField("来源编号", max_length=60, blank=True)
    summary = models.TextField("基本案情")
    discovered_on = models.DateField("发现日期")
    act_date = models.DateField("违法行为发生日期", null=True, blank=True)
    # 行政处罚法第三十六条: five years instead of two (known at registration, confirmed at filing)
    serious_harm = models.BooleanField("涉及公民生命健康安全、金融安全且有危害后果", default=False)
    address = models.CharField("地点", max_length=200)
    lat = models.FloatField("纬度", null=True, blank=True)
    lng = models.FloatField("经度", null=True, blank=True)
    cell = models.ForeignKey(
        GridCell,
        verbose_name="网格",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    squadron = models.ForeignKey(
        Squadron,
        verbose_name="责任中队",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    items = models.ManyToManyField(PowerItem, verbose_name="涉及事项", related_name="cases")
    parties = models.ManyToManyField(
        Subject, verbose_name="当事人", blank=True, related_name="cases"
    )
    handlers = models.ManyToManyField(
        Officer, verbose_name="承办人", through="CaseHandler", related_name="cases"
    )
    shared_with = models.ManyToManyField(
        Department, verbose_name="共享部门", blank=True, related_name="shared_cases"
    )
    state = FSMField(
        "状态", max_length=20, choices=State.choices, default=S.REGISTERED, protected=True
    )
    proposal = models.CharField(
        "处理意见", max_length=12, choices=Proposal.choices, blank=True, default=""
    )
    proposal_text = models.TextField("处理意见说明", blank=True)
    outcome = models.TextField("处理结果", blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报告人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField("登记时间", default=clock.now)
    filed_at = models.DateTimeField("立案时间", null=True, blank=True)
    filing_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="立案批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField("结案（办结）时间", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "案件"
        verbose_name_plural = "案件"
        ordering = ["-registered_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["town", "year", "seq"], name="cases_case_number_unique")
        ]
        indexes = [
            models.Index(fields=["town", "state", "-registered_at"], name="cases_case_town_state"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.cause}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # The record head moves only through core.audit.event_append (which may run on another
        # instance of this row, e.g. a document receiver): an update never writes it back.
        if self.pk and not kwargs.get("update_fields") and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in ("record_length", "record_head")
            ]
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_closed(self) -> bool:
        return self.state == S.CLOSED

    # --- transitions: domain verbs; services are the only callers --------------------------------

    @transition(field=state, source=S.REGISTERED, target=S.FILED)
    def file(self) -> None:
        """立案 (approved by the head)."""

    @transition(field=state, source=S.FILED, target=S.INVESTIGATING)
    def investigate(self) -> None:
        """调查取证 begins."""

    @transition(field=state, source=S.INVESTIGATING, target=S.PROPOSED)
    def propose(self) -> None:
        """The handlers' proposal after investigation (行政处罚法第五十七条)."""

    @transition(field=state, source=S.PROPOSED, target=S.INVESTIGATING)
    def reinvestigate(self) -> None:
        """补充调查: the proposal went back for more evidence."""

    @transition(field=state, source=TRANSFERABLE, target=S.TRANSFERRED)
    def transfer(self) -> None:
        """移送 to a county department or a judicial organ."""

    @transition(field=state, source=WITHDRAWABLE, target=S.WITHDRAWN)
    def withdraw(self) -> None:
        """撤销立案 with a reason."""

    @transition(field=state, source=S.PROPOSED, target=S.NOTIFIED, conditions=[proposes_penalty])
    def notify(self) -> None:
        """事先告知 served (行政处罚法第四十四条): only a proposed penalty is notified."""

    @transition(field=state, source=S.NOTIFIED, target=S.HEARING)
    def hear(self) -> None:
        """听证 requested in time (第六十四条)."""

    @transition(field=state, source=[S.NOTIFIED, S.HEARING, S.UNDER_REVIEW], target=S.UNDER_REVIEW)
    def review(self) -> None:
        """法制审核 (第五十八条); a review that did not pass may be followed by another."""

    @transition(field=state, source=DECIDABLE, target=S.DECIDED)
    def decide(self) -> None:
        """行政处罚决定 under the ordinary procedure, after the prior notice."""

    @transition(field=state, source=S.PROPOSED, target=S.DECIDED, conditions=[proposes_no_penalty])
    def decide_no_penalty(self) -> None:
        """不予行政处罚决定 on a no-penalty proposal (第三十三条; no prior notice needed)."""

    @transition(field=state, source=S.REGISTERED, target=S.DECIDED)
    def decide_on_the_spot(self) -> None:
        """简易程序: registered → decided on the spot (第五十一条)."""

    @transition(field=state, source=S.DECIDED, target=S.SERVED)
    def serve(self) -> None:
        """送达 of the decision (第六十一条)."""

    @transition(field=state, source=EXECUTABLE, target=S.EXECUTING)
    def execute(self) -> None:
        """执行: payment (on the spot or later), reminder, court enforcement."""

    @transition(field=state, source=CLOSABLE, target=S.CLOSED)
    def close(self) -> None:
        """结案 (or 不予立案 for a registered matter)."""


class CaseHandler(TownScopedModel):
    """承办人: an officer on the case, with the certificate that qualified them when assigned."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handler_rows")
    officer = models.ForeignKey(
        Officer, verbose_name="执法队员", on_delete=models.PROTECT, related_name="+"
    )
    certificate_number = models.CharField("执法证号", max_length=30)
    assigned_on = models.DateField("指派日期")
    is_lead = models.BooleanField("主办人", default=False)

    class Meta:
        verbose_name = "承办人"
        verbose_name_plural = "承办人"
        ordering = ["-is_lead", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "officer"], name="cases_handler_unique")
        ]


class CaseEvent(AuditEvent):
    """One step on the case's record (全过程记录): written only by ``cases.events`` helpers."""

    SUBJECT_FIELD = "case"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")

    class Meta(AuditEvent.Meta):
        verbose_name = "案件记录"
        verbose_name_plural = "案件记录"
        constraints = [
            models.UniqueConstraint(fields=["case", "seq"], name="cases_caseevent_seq_unique")
        ]
