"""Read-only admin views: the case and its record are changed only through the services."""

from django.contrib import admin

from .models import Case, CaseEvent


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Case)
class CaseAdmin(ReadOnly):
    list_display = ["number", "cause", "state", "discovered_on", "town"]
    list_filter = ["state", "town"]
    search_fields = ["number", "cause"]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnly):
    list_display = ["case", "seq", "event_type", "summary", "actor_name", "created_at"]
    list_filter = ["event_type"]
