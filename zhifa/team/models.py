"""队伍 (team): the team's structure, officers and their 执法证, the 1+1+1 liaison and the duty roster."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from zhifa.catalog.models import Department, Domain
from zhifa.core.files import Unguessable
from zhifa.core.tenancy import TownScopedModel
from zhifa.grid.models import Zone


class Team(TownScopedModel):
    """The town's 综合行政执法队: led by the mayor, the vice-mayor in charge as deputy."""

    name = models.CharField("执法队名称", max_length=100)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="队长（镇长）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="副队长（分管副镇长）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    motto = models.CharField("工作机制", max_length=100, blank=True)

    class Meta:
        verbose_name = "执法队"
        verbose_name_plural = "执法队"
        constraints = [models.UniqueConstraint(fields=["town"], name="team_one_team_per_town")]

    def __str__(self) -> str:
        return self.name


class Squadron(TownScopedModel):
    """中队: covers one zone (镇区 / 镇区外); ``locate`` reaches it through the zone."""

    name = models.CharField("中队名称", max_length=50)
    zone = models.OneToOneField(
        Zone, verbose_name="负责片区", on_delete=models.PROTECT, related_name="squadron"
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="中队长",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "中队"
        verbose_name_plural = "中队"
        ordering = ["zone__kind", "name"]

    def __str__(self) -> str:
        return self.name


class Officer(TownScopedModel):
    """A member of the team. Only 专职 staff with a valid 执法证 may act as handlers."""

    class Employment(models.TextChoices):
        FULL_TIME = "full_time", "专职执法人员"
        AUXILIARY = "auxiliary", "辅助人员"
        RESERVE = "reserve", "后备人员"

    class Duty(models.TextChoices):
        PATROL = "patrol", "巡查员"
        RECORDER = "recorder", "记录员"
        ARCHIVIST = "archivist", "资料员"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.PROTECT,
        related_name="officer",
    )
    employment = models.CharField("人员类别", max_length=12, choices=Employment.choices)
    squadron = models.ForeignKey(
        Squadron,
        verbose_name="所属中队",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officers",
    )
    position = models.CharField("职务", max_length=50, blank=True)
    original_unit = models.CharField("原单位（编制所在）", max_length=100, blank=True)
    duties = models.JSONField(
        "辅助岗位", default=list, blank=True, help_text="一员多岗：巡查员、记录员、资料员"
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    work_phone = models.CharField(
        "办公电话",
        max_length=30,
        blank=True,
        help_text="工作电话，作为承办人印在文书的“联系电话”处（不用个人手机号）",
    )
    photo = models.ImageField("公示照片", upload_to=Unguessable("team/photos"), blank=True)
    in_reserve_pool = models.BooleanField("列入后备人员库", default=False)
    is_active = models.BooleanField("在岗", default=True)
    sort = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        verbose_name = "执法队员"
        verbose_name_plural = "执法队员"
        ordering = ["sort", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.user.full_name or self.user.username

    @property
    def duty_labels(self) -> list[str]:
        labels = dict(self.Duty.choices)
        return [labels[d] for d in self.duties if d in labels]


class Certificate(TownScopedModel):
    """行政执法证. An officer holds several over time; each may list the domains it covers
    (an empty list means it is not limited to domains)."""

    officer = models.ForeignKey(
        Officer, verbose_name="持证人", on_delete=models.CASCADE, related_name="certificates"
    )
    number = models.CharField("证件编号", max_length=30)
    issuer = models.CharField("发证机关", max_length=100, default="山西省人民政府")
    domains = models.ManyToManyField(Domain, verbose_name="执法领域", blank=True, related_name="+")
    valid_from = models.DateField("有效期起")
    valid_to = models.DateField("有效期止")
    revoked_on = models.DateField("注销（暂扣）日期", null=True, blank=True)

    class Meta:
        verbose_name = "行政执法证"
        verbose_name_plural = "行政执法证"
        ordering = ["-valid_to"]
        constraints = [
            models.UniqueConstraint(
                fields=["town", "number"], name="team_certificate_unique_number"
            )
        ]

    def __str__(self) -> str:
        return self.number

    def is_valid_on(self, day: dt.date) -> bool:
        if self.revoked_on and self.revoked_on <= day:
            return False
        return self.valid_from <= day <= self.valid_to


class Liaison(TownScopedModel):
    """“1+1+1” 联络: an officer ↔ one county department or county enforcement team ↔ the town
    leader in charge of that domain."""

    officer = models.OneToOneField(
        Officer, verbose_name="执法队员", on_delete=models.CASCADE, related_name="liaison"
    )
    domain = models.ForeignKey(
        Domain, verbose_name="领域", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department,
        verbose_name="对接县直部门（执法队）",
        on_delete=models.PROTECT,
        related_name="+",
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="分管镇领导",
        on_delete=models.PROTECT,
        related_name="+",
    )
    leader_title = models.CharField("领导职务", max_length=50, blank=True)

    class Meta:
        verbose_name = "“1+1+1”联络"
        verbose_name_plural = "“1+1+1”联络"
        ordering = ["domain__sort"]


class DutyShift(TownScopedModel):
    """值班表的一班: 定点 (fixed post), 巡逻 (patrol) or 备勤 (on call)."""

    class Kind(models.TextChoices):
        FIXED = "fixed", "定点值守"
        PATROL = "patrol", "巡逻"
        ON_CALL = "on_call", "备勤"

    officer = models.ForeignKey(
        Officer, verbose_name="值班人员", on_delete=models.CASCADE, related_name="shifts"
    )
    kind = models.CharField("班次类型", max_length=10, choices=Kind.choices)
    starts_at = models.DateTimeField("开始")
    ends_at = models.DateTimeField("结束")
    post = models.CharField("岗位或路线", max_length=100, blank=True)
    squadron = models.ForeignKey(
        Squadron,
        verbose_name="中队",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="shifts",
    )

    class Meta:
        verbose_name = "值班"
        verbose_name_plural = "值班"
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["town", "starts_at"])]
