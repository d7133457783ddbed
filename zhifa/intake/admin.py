"""Read-only admin views of leads and the 12345 outbox (changes go through the services)."""

from django.contrib import admin

from .models import Lead, LeadEvent, Outbox


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Lead)
class LeadAdmin(ReadOnly):
    list_display = ("number", "source", "source_ref", "status", "received_at", "town")
    list_filter = ("source", "status", "town")
    search_fields = ("number", "source_ref", "text")
    exclude = ("reporter_name", "reporter_phone")  # revealed only on the triage page, recorded


@admin.register(LeadEvent)
class LeadEventAdmin(ReadOnly):
    list_display = ("lead", "seq", "event_type", "summary", "actor_name", "created_at")


@admin.register(Outbox)
class OutboxAdmin(ReadOnly):
    list_display = ("lead", "kind", "attempts", "next_try", "acked_at", "last_error")
    list_filter = ("kind",)
