from django.contrib import admin, messages

from .calendar import calendar_year_publish
from .errors import DomainError
from .models import CalendarDay, CalendarYear, Deadline, Notification, Sequence, Town


@admin.register(Town)
class TownAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county_name", "agency_name", "doc_prefix", "is_active"]
    search_fields = ["code", "name"]


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
