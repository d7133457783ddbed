"""笔录 (inspection / interview records) and 证据 (evidence files)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from zhifa.core import clock
from zhifa.core.files import unguessable_name
from zhifa.core.tenancy import TownScopedModel
from zhifa.documents.models import Document
from zhifa.grid.models import Subject

from .case import Case


class Record(TownScopedModel):
    """现场检查（勘验）笔录 or 询问笔录, with the structured facts the law asks for."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", "现场检查（勘验）笔录"
        INTERVIEW = "interview", "询问笔录"

    class Signature(models.TextChoices):
        SIGNED = "signed", "当事人已签名"
        REFUSED = "refused", "当事人拒绝签名"
        ABSENT = "absent", "当事人不在场，由见证人签名"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="records")
    kind = models.CharField("笔录类别", max_length=12, choices=Kind.choices)
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间")
    place = models.CharField("地点", max_length=200)
    officers = models.JSONField("执法人员及证号", default=list)
    party = models.ForeignKey(
        Subject,
        verbose_name="当事人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    present = models.CharField("在场人", max_length=100, blank=True)
    interviewee = models.JSONField("被询问人", default=dict, blank=True)
    findings = models.TextField("检查情况", blank=True)
    qa = models.JSONField("问答", default=list, blank=True)
    area_unit = models.CharField("面积单位", max_length=10, default="亩")
    permitted_area = models.DecimalField(
        "批准（登记）面积", max_digits=12, decimal_places=2, null=True, blank=True
    )
    occupied_area = models.DecimalField(
        "实际占用面积", max_digits=12, decimal_places=2, null=True, blank=True
    )
    excess_area = models.DecimalField(
        "超出面积", max_digits=12, decimal_places=2, null=True, blank=True
    )
    measurements = models.TextField("测量情况", blank=True)
    signature = models.CharField("签名情况", max_length=10, choices=Signature.choices)
    witness = models.CharField("见证人", max_length=100, blank=True)
    recorder = models.CharField("记录人", max_length=50, blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name="笔录文书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", default=clock.now)

    class Meta:
        verbose_name = "笔录"
        verbose_name_plural = "笔录"
        ordering = ["started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{timezone.localtime(self.started_at):%Y-%m-%d %H:%M}）"


def excess_of(permitted: Decimal | None, occupied: Decimal | None) -> Decimal | None:
    """Occupied minus permitted, in Decimal (29.7 − 14.43 = 15.27); None unless both are known."""
    if permitted is None or occupied is None:
        return None
    return (Decimal(occupied) - Decimal(permitted)).quantize(Decimal("0.01"))


def evidence_path(instance: Evidence, filename: str) -> str:
    return unguessable_name(f"cases/{instance.town_id}/{instance.case_id}", filename)


class Evidence(TownScopedModel):
    """证据: a photo, video, audio or document file; its type is taken from its content."""

    class Kind(models.TextChoices):
        PHOTO = "photo", "照片"
        VIDEO = "video", "视频"
        AUDIO = "audio", "录音"
        DOCUMENT = "document", "书证（文件）"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField("证据类别", max_length=10, choices=Kind.choices)
    file = models.FileField("文件", upload_to=evidence_path, max_length=300)
    original_name = models.CharField("原文件名", max_length=200)
    mime = models.CharField("文件类型", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    description = models.CharField("证明内容", max_length=300)
    captured_at = models.DateTimeField("拍摄时间（EXIF）", null=True, blank=True)
    lat = models.FloatField("拍摄纬度（EXIF）", null=True, blank=True)
    lng = models.FloatField("拍摄经度（EXIF）", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", default=clock.now)

    class Meta:
        verbose_name = "证据"
        verbose_name_plural = "证据"
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.original_name}"
