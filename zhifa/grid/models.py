"""网格 (grid): zones, villages, 15-digit grid cells, grid members, patrols and regulated subjects.

Geometry is stored as GeoJSON (WGS-84, [lng, lat] order) in JSON columns, so the same code runs on
SQLite and PostgreSQL without a spatial extension; shapely does the geometry in Python and
``locate`` keeps a cached STRtree per town (see locate.py).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from zhifa.core import clock
from zhifa.core.files import Unguessable, unguessable_name
from zhifa.core.tenancy import TownScopedModel

from .identifiers import id_number_mask


class Zone(TownScopedModel):
    """片区: the area one squadron covers (镇区 / 镇区外)."""

    class Kind(models.TextChoices):
        URBAN = "urban", "镇区"
        RURAL = "rural", "镇区外"

    name = models.CharField("片区名称", max_length=50)
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    description = models.CharField("说明", max_length=200, blank=True)
    color = models.CharField("地图颜色", max_length=9, default="#206bc4")

    class Meta:
        verbose_name = "片区"
        verbose_name_plural = "片区"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["town", "name"], name="grid_zone_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Village(TownScopedModel):
    """行政村 / 社区. ``code`` is the 3 digits that follow the town code in a cell's code."""

    zone = models.ForeignKey(
        Zone, verbose_name="片区", on_delete=models.PROTECT, related_name="villages"
    )
    code = models.CharField(
        "村（社区）代码",
        max_length=3,
        validators=[RegexValidator(r"^\d{3}$", "村（社区）代码应为 3 位数字")],
    )
    name = models.CharField("村（社区）名称", max_length=50)
    alias = models.CharField("自然村、俗称", max_length=100, blank=True, help_text="如“马家坡”")
    secretary = models.CharField("村支书（主任）", max_length=30, blank=True)
    phone = models.CharField("村委联系电话", max_length=30, blank=True)

    class Meta:
        verbose_name = "村（社区）"
        verbose_name_plural = "村（社区）"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["town", "code"], name="grid_village_unique_code"),
            models.UniqueConstraint(fields=["town", "name"], name="grid_village_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.alias}）" if self.alias else self.name


class GridCell(TownScopedModel):
    """单元网格: a seamless, non-overlapping polygon with a 15-digit code
    (county 6 + township 3 + village 3 + cell 3; GB/T 30428.1)."""

    code = models.CharField(
        "网格编码",
        max_length=15,
        validators=[RegexValidator(r"^\d{15}$", "网格编码应为 15 位数字")],
    )
    name = models.CharField("网格名称", max_length=50, blank=True)
    village = models.ForeignKey(
        Village, verbose_name="村（社区）", on_delete=models.PROTECT, related_name="cells"
    )
    geometry = models.JSONField("边界（GeoJSON，WGS-84）")
    area_m2 = models.FloatField("面积（平方米）", default=0)
    center_lat = models.FloatField("中心纬度", default=0)
    center_lng = models.FloatField("中心经度", default=0)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "单元网格"
        verbose_name_plural = "单元网格"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["town", "code"], name="grid_cell_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class GridMember(TownScopedModel):
    """网格员: a user who watches some cells and reports what they see."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.PROTECT,
        related_name="grid_member",
    )
    cells = models.ManyToManyField(
        GridCell, verbose_name="负责网格", blank=True, related_name="members"
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    is_active = models.BooleanField("在岗", default=True)

    class Meta:
        verbose_name = "网格员"
        verbose_name_plural = "网格员"

    def __str__(self) -> str:
        return self.user.full_name or self.user.username


class Patrol(TownScopedModel):
    """巡查: a planned route or area for one person (officer or grid member) in one shift."""

    class Kind(models.TextChoices):
        ROUTE = "route", "路线巡查"
        AREA = "area", "片区巡查"

    class Status(models.TextChoices):
        PLANNED = "planned", "待巡查"
        ACTIVE = "active", "巡查中"
        DONE = "done", "已完成"

    title = models.CharField("巡查任务", max_length=100)
    patroller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="巡查人",
        on_delete=models.PROTECT,
        related_name="patrols",
    )
    kind = models.CharField("方式", max_length=10, choices=Kind.choices, default=Kind.AREA)
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    plan = models.JSONField(
        "计划路线或区域（GeoJSON）", null=True, blank=True, help_text="LineString 或 Polygon"
    )
    cells = models.ManyToManyField(
        GridCell, verbose_name="途经网格", blank=True, related_name="patrols"
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PLANNED)
    note = models.CharField("巡查要点", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", default=clock.now, editable=False)

    class Meta:
        verbose_name = "巡查任务"
        verbose_name_plural = "巡查任务"
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title


def checkin_photo_path(instance: PatrolCheckIn, filename: str) -> str:
    return unguessable_name(f"grid/checkins/{instance.town_id}/{instance.patrol_id}", filename)


class PatrolCheckIn(TownScopedModel):
    """巡查签到: a position (WGS-84) and optionally a photo, sent from the patroller's phone."""

    patrol = models.ForeignKey(
        Patrol, verbose_name="巡查任务", on_delete=models.CASCADE, related_name="checkins"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="签到人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("签到时间")
    lat = models.FloatField("纬度")
    lng = models.FloatField("经度")
    accuracy_m = models.FloatField("定位精度（米）", null=True, blank=True)
    cell = models.ForeignKey(
        GridCell,
        verbose_name="所在网格",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ImageField("现场照片", upload_to=checkin_photo_path, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = "巡查签到"
        verbose_name_plural = "巡查签到"
        ordering = ["-at"]


class Subject(TownScopedModel):
    """监管对象 / 当事人: an enterprise, an individual, or a site (煤场, 工地, 矿点, 商铺 …)."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", "企业及其他组织"
        INDIVIDUAL = "individual", "个人"
        SITE = "site", "场所"

    class SiteType(models.TextChoices):
        COAL_YARD = "coal_yard", "煤场"
        CONSTRUCTION = "construction", "工地"
        MINE = "mine", "矿点"
        SHOP = "shop", "商铺"
        DORMITORY = "dormitory", "宿舍区"
        FACTORY = "factory", "厂房"
        FARM = "farm", "养殖场"
        OTHER = "other", "其他"

    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    name = models.CharField("名称或姓名", max_length=100)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    id_number = models.CharField("居民身份证号码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人（负责人）", max_length=30, blank=True)
    site_type = models.CharField("场所类型", max_length=20, choices=SiteType.choices, blank=True)
    operator = models.ForeignKey(
        "self",
        verbose_name="经营（使用）主体",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sites",
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    lat = models.FloatField("纬度", null=True, blank=True)
    lng = models.FloatField("经度", null=True, blank=True)
    cell = models.ForeignKey(
        GridCell,
        verbose_name="所在网格",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subjects",
    )
    note = models.TextField("备注", blank=True)
    created_at = models.DateTimeField("登记时间", default=clock.now, editable=False)

    class Meta:
        verbose_name = "监管对象"
        verbose_name_plural = "监管对象"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["town", "credit_code"],
                condition=~models.Q(credit_code=""),
                name="grid_subject_unique_credit_code",
            ),
            models.UniqueConstraint(
                fields=["town", "id_number"],
                condition=~models.Q(id_number=""),
                name="grid_subject_unique_id_number",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def id_number_masked(self) -> str:
        return id_number_mask(self.id_number)

    @property
    def kind_label(self) -> str:
        if self.kind == self.Kind.SITE and self.site_type:
            return self.get_site_type_display()
        return self.get_kind_display()


class PatrolFinding(TownScopedModel):
    """巡查发现: what a patroller saw. ``intake`` turns these into leads later (grid never imports
    intake); ``taken_at`` / ``taken_ref`` record that a lead was made from it."""

    patrol = models.ForeignKey(
        Patrol,
        verbose_name="巡查任务",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发现人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("发现时间")
    description = models.TextField("发现情况")
    lat = models.FloatField("纬度", null=True, blank=True)
    lng = models.FloatField("经度", null=True, blank=True)
    cell = models.ForeignKey(
        GridCell,
        verbose_name="所在网格",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    subject = models.ForeignKey(
        Subject,
        verbose_name="涉及对象",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    photo = models.ImageField("现场照片", upload_to=Unguessable("grid/findings"), blank=True)
    taken_at = models.DateTimeField("转为线索时间", null=True, blank=True)
    taken_ref = models.CharField("线索编号", max_length=40, blank=True)

    class Meta:
        verbose_name = "巡查发现"
        verbose_name_plural = "巡查发现"
        ordering = ["-at"]

    def __str__(self) -> str:
        return self.description[:30]
