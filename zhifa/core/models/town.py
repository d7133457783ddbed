from django.core.validators import RegexValidator
from django.db import models

from .audit import AuditEvent, ChainedRecord


class Town(ChainedRecord):
    """乡镇: the tenant. Every domain record belongs to one town."""

    code = models.CharField(
        "乡镇代码",
        max_length=9,
        unique=True,
        validators=[RegexValidator(r"^\d{9}$", "乡镇代码应为 9 位数字（县级 6 位 + 乡镇 3 位）")],
        help_text="县级行政区划代码 6 位 + 乡镇 3 位，网格编码的前 9 位。",
    )
    name = models.CharField("乡镇名称", max_length=50)
    county_name = models.CharField("所属县（市、区）", max_length=50)
    agency_name = models.CharField(
        "执法主体名称",
        max_length=100,
        help_text="以乡镇人民政府名义执法，如“繁峙县砂河镇人民政府”。",
    )
    team_name = models.CharField("执法队名称", max_length=100)
    doc_prefix = models.CharField(
        "文号机关代字",
        max_length=10,
        help_text="文号前缀，如“繁砂”，组成“繁砂综执罚决〔2026〕7号”。",
    )
    county_government = models.CharField(
        "行政复议机关",
        max_length=100,
        help_text="乡镇政府行为的复议机关为县级人民政府（复议法第二十四条）。",
    )
    center_lat = models.DecimalField(
        "中心纬度", max_digits=9, decimal_places=6, null=True, blank=True
    )
    center_lng = models.DecimalField(
        "中心经度", max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "乡镇"
        verbose_name_plural = "乡镇"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.county_name}{self.name}"


class TownEvent(AuditEvent):
    """The town's own record: settings changes, calendar publications, recomputed deadlines."""

    SUBJECT_FIELD = "subject"

    subject = models.ForeignKey(Town, on_delete=models.PROTECT, related_name="events")

    class Meta(AuditEvent.Meta):
        verbose_name = "乡镇事件"
        verbose_name_plural = "乡镇事件"
        constraints = [
            models.UniqueConstraint(fields=["subject", "seq"], name="core_townevent_seq_unique")
        ]
