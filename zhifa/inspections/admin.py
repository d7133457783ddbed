from django.contrib import admin

from .models import ChecklistItem, OfficerConflict


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ("item", "sort", "text", "violation_item", "is_active")
    list_filter = ("is_active",)
    search_fields = ("text", "item__name")


@admin.register(OfficerConflict)
class OfficerConflictAdmin(admin.ModelAdmin):
    list_display = ("officer", "subject", "kind", "reason", "recorded_at")
    list_filter = ("kind",)
