"""文书: template versions (the wording admins edit), numbering words, and documents."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from zhifa.core import clock
from zhifa.core.files import unguessable_name
from zhifa.core.tenancy import TownScopedModel

from .definitions import doc_type_choices


def _doc_type_choices() -> list[tuple[str, str]]:
    return doc_type_choices()


class TemplateVersion(TownScopedModel):
    """One version of a document type's wording for a town. Versions are never edited: a change
    is a new version, and a document keeps the version that made it."""

    doc_type = models.CharField("文书类型", max_length=40, choices=_doc_type_choices)
    version = models.PositiveIntegerField("版本")
    blocks = models.JSONField("栏目（JSON）")
    note = models.CharField("修改说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("时间", default=clock.now)

    class Meta:
        verbose_name = "文书模板版本"
        verbose_name_plural = "文书模板版本"
        ordering = ["doc_type", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["town", "doc_type", "version"], name="documents_template_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} 第{self.version}版"


class NumberingRule(TownScopedModel):
    """The word before 〔year〕 in a type's numbers, e.g. “繁砂综执罚决”. Without a rule the word
    is the town's 机关代字 + “综执” + the type's abbreviation."""

    doc_type = models.CharField("文书类型", max_length=40, choices=_doc_type_choices)
    word = models.CharField("文号代字", max_length=30, help_text="如“繁砂综执罚决”")

    class Meta:
        verbose_name = "文号规则"
        verbose_name_plural = "文号规则"
        constraints = [
            models.UniqueConstraint(fields=["town", "doc_type"], name="documents_numbering_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()}：{self.word}〔年度〕N号"


def _pdf_path(instance: Document, filename: str) -> str:
    return unguessable_name(
        f"documents/{instance.town_id}/{instance.number_year or 'draft'}", filename
    )


class Document(TownScopedModel):
    """A document: drafted from a context, issued once (number, PDF, SHA-256), maybe voided."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        ISSUED = "issued", "已签发"
        VOIDED = "voided", "已作废"

    doc_type = models.CharField("文书类型", max_length=40, choices=_doc_type_choices, db_index=True)
    title = models.CharField("标题", max_length=200)
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    context = models.JSONField("内容数据", default=dict)
    template = models.ForeignKey(
        TemplateVersion, verbose_name="模板版本", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("文号", max_length=60, blank=True, db_index=True)
    number_year = models.PositiveSmallIntegerField("文号年度", null=True, blank=True)
    number_seq = models.PositiveIntegerField("文号序号", null=True, blank=True)
    doc_date = models.DateField("文书日期", null=True, blank=True)

    owner_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_id = models.CharField("所属记录", max_length=40, blank=True, db_index=True)
    owner = GenericForeignKey("owner_type", "owner_id")

    pdf = models.FileField("PDF", upload_to=_pdf_path, blank=True)
    pdf_sha256 = models.CharField("PDF SHA-256", max_length=64, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="拟稿人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("拟稿时间", default=clock.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField("签发时间", null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作废人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voided_at = models.DateTimeField("作废时间", null=True, blank=True)
    void_reason = models.CharField("作废原因", max_length=300, blank=True)

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["town", "doc_type", "number_year", "number_seq"]),
            models.Index(fields=["owner_type", "owner_id"]),
        ]
        constraints = [
            # A number, once given, belongs to one document forever (voided ones keep theirs).
            models.UniqueConstraint(
                fields=["town", "doc_type", "number_year", "number_seq"],
                condition=models.Q(number_seq__isnull=False),
                name="documents_number_unique",
            )
        ]

    def __str__(self) -> str:
        return self.number or f"{self.title}（{self.get_status_display()}）"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT
