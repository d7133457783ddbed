"""清单 (catalog): domains and departments. Power items, provisions and allocation build on these."""

from __future__ import annotations

from django.db import models

from zhifa.core.tenancy import TownScopedModel


class Domain(models.Model):
    """执法领域: a national reference list (应急, 公安, 消防, 自然资源 …), the same for every town."""

    code = models.SlugField("代码", max_length=30, unique=True)
    name = models.CharField("领域", max_length=20, unique=True)
    sort = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "执法领域"
        verbose_name_plural = "执法领域"
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return self.name


class Department(TownScopedModel):
    """原实施部门 and other bodies the town deals with: county departments, the county's
    comprehensive enforcement teams, dispatched agencies, judicial organs and outside bodies that
    receive letters (the power supply company)."""

    class Kind(models.TextChoices):
        COUNTY_DEPARTMENT = "county_department", "县直部门"
        COUNTY_TEAM = "county_team", "县级综合行政执法队"
        DISPATCHED = "dispatched", "派驻机构"
        JUDICIAL = "judicial", "司法机关"
        OUTSIDE = "outside", "其他单位"

    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True)
    kind = models.CharField("类别", max_length=30, choices=Kind.choices)
    domains = models.ManyToManyField(Domain, verbose_name="领域", blank=True, related_name="+")
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "部门与单位"
        verbose_name_plural = "部门与单位"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["town", "name"], name="catalog_department_unique_name")
        ]

    def __str__(self) -> str:
        return self.short_name or self.name
