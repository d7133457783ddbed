"""线索 (Lead): one model for every source, its hash-chained record, its photos, and the 12345
bridge's outbound queue (Outbox)."""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from zhifa.core import clock
from zhifa.core.files import Unguessable
from zhifa.core.models import AuditEvent, ChainedRecord
from zhifa.core.tenancy import TownScopedModel


def tracking_code() -> str:
    """A citizen's code to check a report: 10 characters, no look-alikes (0/O, 1/I)."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class Lead(TownScopedModel, ChainedRecord):
    # derive from the record's events; verify-record compares them (ADR 0026)
    RECORDED_FIELDS = ("status", "outcome")

    class Source(models.TextChoices):
        HOTLINE = "hotline", "12345 工单"
        PATROL = "patrol", "巡查发现"
        GRID = "grid", "网格上报"
        TRANSFER_IN = "transfer_in", "县级部门移送"
        REPORT = "report", "群众举报"
        ASSIGNMENT = "assignment", "领导交办"
        OPEN311 = "open311", "第三方平台（Open311）"

    class Status(models.TextChoices):
        NEW = "new", "待分拣"
        CASE = "case", "已立案办理"
        TRANSFERRED = "transferred", "已移送主管部门"
        MERGED = "merged", "已合并"
        DISMISSED = "dismissed", "不予受理"
        SENT_BACK = "sent_back", "已退单"
        ANSWERED = "answered", "已办结答复"

    OPEN_STATUSES = (Status.NEW,)

    number = models.CharField("线索编号", max_length=30, blank=True, db_index=True)
    source = models.CharField("来源", max_length=20, choices=Source.choices)
    source_ref = models.CharField("来源编号", max_length=60, blank=True)
    source_due = models.DateTimeField("来源办理时限", null=True, blank=True)
    received_at = models.DateTimeField("接收时间", default=clock.now)
    text = models.TextField("反映内容")
    address = models.CharField("地址", max_length=200, blank=True)
    lat = models.FloatField("纬度（WGS-84）", null=True, blank=True)
    lng = models.FloatField("经度（WGS-84）", null=True, blank=True)
    datum = models.CharField("原始坐标系", max_length=10, blank=True)
    cell = models.ForeignKey(
        "grid.GridCell", verbose_name="网格", null=True, blank=True, on_delete=models.SET_NULL
    )
    squadron = models.ForeignKey(
        "team.Squadron", verbose_name="中队", null=True, blank=True, on_delete=models.SET_NULL
    )
    subject = models.ForeignKey(
        "grid.Subject",
        verbose_name="涉及对象",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
    )
    reporter_name = models.CharField("反映人", max_length=50, blank=True)
    reporter_phone = models.CharField("联系电话", max_length=30, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上报人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finding = models.OneToOneField(
        "grid.PatrolFinding",
        verbose_name="巡查发现",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    suggestions = models.JSONField("事项建议", default=list, blank=True)
    triaged_at = models.DateTimeField("分拣时间", null=True, blank=True)
    # The model version behind ``suggestions`` and whether its top item cleared the calibrated
    # threshold; below it triage says 不确定 and no item is preselected anywhere.
    triage_model = models.PositiveIntegerField("分拣模型版本", null=True, blank=True)
    triage_confident = models.BooleanField("分拣把握", null=True, blank=True)
    item = models.ForeignKey(
        "catalog.PowerItem",
        verbose_name="认定事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name="案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name="合并到",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )
    department = models.ForeignKey(
        "catalog.Department",
        verbose_name="移送部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField("处理理由", max_length=300, blank=True)
    outcome = models.TextField("办理结果", blank=True)
    outcome_at = models.DateTimeField("办结时间", null=True, blank=True)
    tracking_code = models.CharField(
        "查询码", max_length=12, default=tracking_code, unique=True, editable=False
    )
    # 12345 work order clocks (law.md §5): dispatch, send-back window, reply.
    signed_at = models.DateTimeField("签收时间", null=True, blank=True)
    dispatch_due = models.DateTimeField("签收时限", null=True, blank=True)
    send_back_due = models.DateTimeField("退单时限", null=True, blank=True)
    reply_due = models.DateTimeField("答复时限", null=True, blank=True)
    extensions = models.PositiveSmallIntegerField("延期次数", default=0)
    reply_deadline = models.ForeignKey(
        "core.Deadline",
        verbose_name="答复期限",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "线索"
        verbose_name_plural = "线索"
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=~models.Q(number=""),
                name="intake_lead_number_unique",
            ),
            # 12345 orders are idempotent on the platform's order number. ``source`` stays out of
            # the key: PostgreSQL drops a qual implied by the partial index's predicate, and a
            # middle key column without its qual turns the lookup into a scan of the whole town.
            models.UniqueConstraint(
                fields=["town", "source_ref"],
                condition=models.Q(source="hotline"),
                name="intake_hotline_order_unique",
            ),
        ]
        indexes = [models.Index(fields=["town", "status", "received_at"])]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:20]}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.NEW

    @property
    def reporter_masked(self) -> str:
        return mask_name(self.reporter_name)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.reporter_phone)

    @property
    def text_masked(self) -> str:
        """The report as pages and the API show it: phone and ID numbers and the reporter's own
        name masked (the clear reporter is revealed, and recorded, on its own)."""
        return mask_text(self.text, reporter_name=self.reporter_name, phone=self.reporter_phone)


def mask_name(name: str) -> str:
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_phone(phone: str) -> str:
    """At most the last 4 digits stay readable (the reporter right sees the rest, recorded)."""
    digits = phone.strip()
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


_PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1\d{6}|0\d{2,3}[- ]?\d{3,4})(\d{4})(?!\d)")
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")


def mask_text(text: str, *, reporter_name: str = "", phone: str = "") -> str:
    """Free text with mobile and landline numbers cut to their last 4 digits, ID numbers masked,
    and the reporter's name and phone masked wherever they appear."""
    text = _ID.sub(r"\1********\2", text)
    text = _PHONE.sub(lambda m: "*" * len(m.group(1)) + m.group(2), text)
    if reporter_name and len(reporter_name) >= 2:
        text = text.replace(reporter_name, mask_name(reporter_name))
    if phone:
        text = text.replace(phone, mask_phone(phone))
    return text


class LeadEvent(AuditEvent):
    SUBJECT_FIELD = "lead"

    lead = models.ForeignKey(Lead, on_delete=models.PROTECT, related_name="events")

    class Meta(AuditEvent.Meta):
        verbose_name = "线索记录"
        verbose_name_plural = "线索记录"
        constraints = [
            models.UniqueConstraint(fields=["lead", "seq"], name="intake_leadevent_seq_unique")
        ]


class LeadPhoto(TownScopedModel):
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="photos")
    file = models.ImageField("照片", upload_to=Unguessable("intake/photos"))
    sha256 = models.CharField("SHA-256", max_length=64)
    taken_at = models.DateTimeField("上传时间", default=clock.now)

    class Meta:
        verbose_name = "线索照片"
        verbose_name_plural = "线索照片"
        ordering = ["pk"]


class Outbox(TownScopedModel):
    """One message to the 12345 platform; the delivery task retries it until acknowledged."""

    class Kind(models.TextChoices):
        SIGN = "sign", "签收"
        SEND_BACK = "send_back", "退单"
        EXTENSION = "extension", "延期申请"
        REPLY = "reply", "答复"
        CLOSE = "close", "办结"

    lead = models.ForeignKey(Lead, on_delete=models.PROTECT, related_name="outbox")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    payload = models.JSONField("内容", default=dict)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    next_try = models.DateTimeField("下次尝试", default=timezone.now, db_index=True)
    acked_at = models.DateTimeField("确认时间", null=True, blank=True)
    last_error = models.CharField("最近错误", max_length=300, blank=True)

    class Meta:
        verbose_name = "12345 待发消息"
        verbose_name_plural = "12345 待发消息"
        ordering = ["pk"]

    @property
    def delivered(self) -> bool:
        return self.acked_at is not None


# Models of the classify and open311 modules live in this app.
from .classify.models import ClassifierVersion, TriageLabel  # noqa: E402
from .open311.models import Open311Client, Open311Request  # noqa: E402

__all__ = [
    "ClassifierVersion",
    "Lead",
    "LeadEvent",
    "LeadPhoto",
    "Open311Client",
    "Open311Request",
    "Outbox",
    "TriageLabel",
]
