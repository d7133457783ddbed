"""Read-only admin views of leads, the 12345 outbox and triage models (changes go through the
services); Open311 clients may be renamed or switched off."""

from django.contrib import admin

from .models import ClassifierVersion, Lead, LeadEvent, Open311Client, Outbox, TriageLabel


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


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    """Keys are made with `zhifa open311_client create` (shown once); here they are only
    switched off or renamed."""

    list_display = ("name", "town", "key_prefix", "scopes", "is_active", "last_used_at")
    list_filter = ("is_active", "town")
    readonly_fields = ("town", "key_prefix", "created_at", "last_used_at")
    fields = ("name", "contact", "town", "key_prefix", "scopes", "is_active", "created_at")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClassifierVersion)
class ClassifierVersionAdmin(ReadOnly):
    list_display = ("town", "version", "created_at", "texts", "labels", "threshold", "seconds")
    list_filter = ("town",)
    exclude = ("blob",)


@admin.register(TriageLabel)
class TriageLabelAdmin(ReadOnly):
    list_display = ("lead", "item", "suggested", "verdict", "model_version", "actor", "created_at")
    list_filter = ("verdict", "town")
