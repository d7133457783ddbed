"""The cockpit's figures: each one a name, a definition a leader can read, and the filter that
selects the rows behind it.

The same filter (a ``Q`` on one model) is used for the aggregate and for the drill-down list, so a
figure and the list it opens can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q

from zhifa.core.articles import A72, short
from zhifa.core.clock import TZ

from .sources import ACTIVE_STATES, Appeal, Case, Deadline, Lead, Penalty, State


@dataclass(frozen=True)
class Period:
    """A closed range of local dates (both ends included)."""

    since: dt.date
    until: dt.date

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.since, dt.time.min, tzinfo=TZ)

    @property
    def end(self) -> dt.datetime:
        """The first instant after the period (exclusive bound)."""
        return dt.datetime.combine(self.until + dt.timedelta(days=1), dt.time.min, tzinfo=TZ)

    def times(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lt": self.end})

    def days(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.since, f"{field}__lte": self.until})

    @property
    def label(self) -> str:
        return f"{self.since:%Y-%m-%d} 至 {self.until:%Y-%m-%d}"


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    definition: str
    # the model of the rows behind the figure, and the filter selecting them (None: not a list)
    model: type | None = None
    rows: Callable[[Period, dt.datetime], Q] | None = None

    @property
    def has_list(self) -> bool:
        """For templates (which would call ``rows``): whether a list stands behind the figure."""
        return self.rows is not None


def late_clock() -> Exists:
    """The case has a clock that was met late, or was still open when the case closed."""
    late = Deadline.all_towns.filter(
        subject_type=ContentType.objects.get_for_model(Case), subject_id=OuterRef("pk")
    ).filter(
        Q(done_at__gt=F("due_at"))
        | Q(status=Deadline.Status.OPEN, due_at__lt=OuterRef("closed_at"))
    )
    return Exists(late)


def case_registered(p: Period, now: dt.datetime) -> Q:
    return p.times("registered_at")


def case_filed(p: Period, now: dt.datetime) -> Q:
    return p.times("filed_at")


def case_closed(p: Period, now: dt.datetime) -> Q:
    return Q(state=State.CLOSED) & p.times("closed_at")


def case_closed_on_time(p: Period, now: dt.datetime) -> Q:
    return case_closed(p, now) & ~Q(late_clock())


def case_open(p: Period, now: dt.datetime) -> Q:
    return Q(state__in=ACTIVE_STATES)


def lead_received(p: Period, now: dt.datetime) -> Q:
    return p.times("received_at")


def hotline_signable(p: Period, now: dt.datetime) -> Q:
    return p.times("received_at") & Q(source=Lead.Source.HOTLINE, dispatch_due__isnull=False)


def hotline_signed_on_time(p: Period, now: dt.datetime) -> Q:
    return hotline_signable(p, now) & Q(signed_at__lte=F("dispatch_due"))


def hotline_reply_due(p: Period, now: dt.datetime) -> Q:
    """12345 orders received in the period whose reply is due by now or already given."""
    return (
        p.times("received_at")
        & Q(source=Lead.Source.HOTLINE, reply_due__isnull=False)
        & (Q(reply_due__lt=now) | Q(outcome_at__isnull=False))
    )


def hotline_replied_on_time(p: Period, now: dt.datetime) -> Q:
    return hotline_reply_due(p, now) & Q(outcome_at__lte=F("reply_due"))


PENALISED = [Penalty.Status.EFFECTIVE, Penalty.Status.CHANGED]


def penalty_decided(p: Period, now: dt.datetime) -> Q:
    return p.days("decided_on") & Q(outcome=Penalty.Outcome.PENALTY, status__in=PENALISED)


def penalty_outstanding(p: Period, now: dt.datetime) -> Q:
    return penalty_decided(p, now) & Q(paid_on__isnull=True, amount__gt=0)


def appeal_filed(p: Period, now: dt.datetime) -> Q:
    return p.days("filed_on")


def appeal_changed(p: Period, now: dt.datetime) -> Q:
    return appeal_filed(p, now) & Q(outcome__in=[Appeal.Outcome.CHANGED, Appeal.Outcome.REVOKED])


def deadline_overdue(p: Period, now: dt.datetime) -> Q:
    return Q(status=Deadline.Status.OPEN, due_at__lt=now)


METRICS: dict[str, Metric] = {
    m.key: m
    for m in [
        Metric(
            "leads",
            "线索总数",
            "件",
            "期内接收的线索（各来源合计，按接收时间）",
            Lead,
            lead_received,
        ),
        Metric(
            "hotline_signed_rate",
            "12345 按时签收率",
            "%",
            "期内接收、设有签收时限的 12345 工单中，在签收时限前签收的比例",
        ),
        Metric(
            "hotline_replied_rate",
            "12345 按时答复率",
            "%",
            "期内接收、答复时限已到或已答复的 12345 工单中，在答复时限前办结答复的比例",
        ),
        Metric(
            "registered", "登记案件", "件", "期内登记的案件（按登记时间）", Case, case_registered
        ),
        Metric("filed", "立案", "件", "期内批准立案的案件（按立案时间）", Case, case_filed),
        Metric("closed", "结案", "件", "期内结案（办结）的案件（按结案时间）", Case, case_closed),
        Metric("close_rate", "结案率", "%", "期内结案数 ÷ 期内登记案件数"),
        Metric(
            "on_time_rate",
            "按期结案率",
            "%",
            "期内结案的案件中，案件的每一个法定期限都按期完成（没有超期完成、结案时也没有超期未完成）的比例；"
            "期限按工作日日历计算，节假日顺延",
        ),
        Metric(
            "lead_to_case_days",
            "线索到立案平均用时",
            "工作日",
            "期内登记、由线索转来的案件，从线索接收日到案件登记日的平均工作日数（不含起算日，节假日不计）",
        ),
        Metric(
            "filing_to_decision_days",
            "立案到决定平均用时",
            "工作日",
            "期内作出处罚决定的案件，从立案日到决定日的平均工作日数（不含起算日，节假日不计）",
        ),
        Metric(
            "orders_complied_rate",
            "责令改正履行率",
            "%",
            "期内复查的责令改正（停止）通知中，复查时已履行的比例",
        ),
        Metric(
            "penalties",
            "处罚决定",
            "件",
            "期内作出且有效（含变更）的行政处罚决定",
            Penalty,
            penalty_decided,
        ),
        Metric("fines", "罚款金额", "元", "期内处罚决定的罚款金额合计"),
        Metric("collected", "已缴罚款", "元", "期内处罚决定中已缴纳的罚款合计"),
        Metric(
            "outstanding",
            "未缴罚款",
            "元",
            "期内处罚决定中尚未缴纳的罚款合计",
            Penalty,
            penalty_outstanding,
        ),
        Metric("surcharges", "加处罚款", "元", f"期内处罚决定的加处罚款合计（{short(A72)}）"),
        Metric("transfers", "移送", "件", "期内移送县级部门或司法机关的案件"),
        Metric("transfers_received", "移送已接收", "件", "期内移送中对方已签收回执的"),
        Metric("joint_operations", "联动执法", "次", "期内开展的联动执法"),
        Metric(
            "appeals", "复议/诉讼", "件", "期内申请行政复议或提起行政诉讼的", Appeal, appeal_filed
        ),
        Metric(
            "appeal_changed_rate",
            "复议/诉讼纠错率",
            "%",
            "期内复议、诉讼中已有结果的，决定被变更或撤销的比例",
        ),
        Metric("open_cases", "在办案件", "件", "当前未结案、未移送、未撤销的案件", Case, case_open),
        Metric(
            "overdue",
            "当前超期期限",
            "个",
            "当前仍在进行、已过届满时间的期限（案件、措施、线索的各类期限）",
            Deadline,
            deadline_overdue,
        ),
    ]
}

# The figures with a list behind them (drill-down and Excel export).
DRILLABLE = {k: m for k, m in METRICS.items() if m.rows is not None}
