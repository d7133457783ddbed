from django.conf import settings
from django.db import models


class CalendarYear(models.Model):
    """A year's official holiday schedule as entered by an admin (国务院办公厅放假安排).

    For years the ``chinese-calendar`` package does not know, deadlines are provisional until the
    year is marked official here; publishing recomputes open provisional deadlines.
    """

    year = models.PositiveSmallIntegerField("年度", primary_key=True)
    official = models.BooleanField("已录入正式放假安排", default=False)
    source = models.CharField("依据文件", max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField("录入时间", null=True, blank=True)

    class Meta:
        verbose_name = "年度放假安排"
        verbose_name_plural = "年度放假安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} 年{'（正式）' if self.official else '（暂定）'}"


class CalendarDay(models.Model):
    """One day that differs from the weekday rule: a holiday on a weekday or a 调休 workday."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否工作日")
    name = models.CharField(
        "名称", max_length=30, blank=True, help_text="如“国庆节”“国庆节调休上班”"
    )

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name or ('上班' if self.is_workday else '休息')}"
