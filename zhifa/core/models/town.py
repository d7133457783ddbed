from django.core.validators import RegexValidator
from django.db import models

from .audit import AuditEvent, ChainedRecord

# What a document prints where a fact of the town has not been entered: a line to fill in by hand.
BLANK = "＿＿＿＿＿＿＿＿"


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
        help_text="以乡镇人民政府名义执法，如“某某县某某镇人民政府”。",
    )
    team_name = models.CharField("执法队名称", max_length=100)
    doc_prefix = models.CharField(
        "文号机关代字",
        max_length=10,
        help_text="文号前缀，如“繁砂”，组成“繁砂综执罚决〔2026〕7号”。",
    )
    # Facts of the town's county that documents print (issue 14): entered by the admin per town,
    # never written in code. A fact not entered yet prints as a blank line (``fact``).
    county_government = models.CharField(
        "行政复议机关",
        max_length=100,
        blank=True,
        help_text="乡镇政府行为的复议机关为县级人民政府（复议法第二十四条），如“某某县人民政府”。",
    )
    payment_bank = models.CharField(
        "罚款缴款银行",
        max_length=100,
        blank=True,
        help_text="行政处罚决定书、当场处罚决定书写明的代收罚款银行。",
    )
    payment_account = models.CharField("罚款缴款账号", max_length=60, blank=True)
    payment_online = models.CharField(
        "电子缴款渠道",
        max_length=100,
        blank=True,
        help_text="如本省非税收入电子缴款系统；不填则文书只写银行缴款。",
    )
    court = models.CharField(
        "申请强制执行的人民法院",
        max_length=100,
        blank=True,
        help_text="申请人民法院强制执行时的受理法院，如“某某县人民法院”。",
    )
    power_company = models.CharField(
        "供电企业",
        max_length=100,
        blank=True,
        help_text="停止供电协助函的收函单位。",
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

    def fact(self, name: str) -> str:
        """A county fact for a document: as entered, or a blank line to fill in by hand."""
        return getattr(self, name) or BLANK


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
