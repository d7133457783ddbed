from django.contrib import admin, messages

from .audit import event_append
from .calendar import calendar_year_publish
from .errors import DomainError
from .models import CalendarDay, CalendarYear, Deadline, Notification, Sequence, Town, TownEvent


@admin.register(Town)
class TownAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county_name", "agency_name", "doc_prefix", "is_active"]
    search_fields = ["code", "name"]
    fieldsets = [
        (None, {"fields": ["code", "name", "county_name", "is_active"]}),
        ("执法主体", {"fields": ["agency_name", "team_name", "doc_prefix"]}),
        (
            "文书所用的县级信息（未填写的，文书留空白横线待手工填写）",
            {
                "fields": [
                    "county_government",
                    "court",
                    "payment_bank",
                    "payment_account",
                    "payment_online",
                    "power_company",
                ]
            },
        ),
        ("地图中心", {"fields": ["center_lat", "center_lng"]}),
    ]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # a town's own admin keeps its facts; its code (the grid's prefix) and status are the root's
        return [] if request.user.is_superuser else ["code", "is_active"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        changed = [name for name in form.changed_data if name in form.cleaned_data]
        if change and changed:
            labels = "、".join(str(Town._meta.get_field(name).verbose_name) for name in changed)
            event_append(
                event_model=TownEvent,
                subject=obj,
                actor=request.user,
                event_type="settings_changed",
                summary=f"修改乡镇信息：{labels}",
                old={name: form.initial.get(name) for name in changed},
                new={name: form.cleaned_data[name] for name in changed},
            )


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "is_workday", "name"]
    list_filter = ["is_workday"]
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "official", "source", "entered_by", "entered_at"]
    readonly_fields = ["official", "entered_by", "entered_at"]
    actions = ["publish"]

    @admin.action(description="发布为正式放假安排（重算暂定期限）")
    def publish(self, request, queryset):
        for row in queryset:
            try:
                moved = calendar_year_publish(year=row.year, actor=request.user, source=row.source)
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(request, f"{row.year} 年已发布，{moved} 个期限已重算")


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["purpose", "town", "due_at", "unit", "provisional", "status", "alarm"]
    list_filter = ["status", "alarm", "provisional", "unit"]


admin.site.register(Sequence)
admin.site.register(Notification)
