"""Read-only admin views: the case and its record are changed only through the services."""

from django.contrib import admin

from .models import Appeal, Case, CaseEvent, Penalty


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


@admin.register(Penalty)
class PenaltyAdmin(ReadOnly):
    list_display = ["case", "procedure", "outcome", "status", "amount", "decided_on", "paid_on"]
    list_filter = ["procedure", "outcome", "status"]
    search_fields = ["case__number", "case__cause"]


@admin.register(Appeal)
class AppealAdmin(ReadOnly):
    list_display = ["case", "kind", "body", "filed_on", "outcome", "decided_on"]
    list_filter = ["kind", "outcome"]
