from django.contrib import admin

from .models import Document, NumberingRule, TemplateVersion


@admin.register(TemplateVersion)
class TemplateVersionAdmin(admin.ModelAdmin):
    list_display = ("doc_type", "version", "town", "note", "created_at")
    list_filter = ("town", "doc_type")
    readonly_fields = ("created_at",)

    def has_change_permission(self, request, obj=None):  # versions are never edited
        return False


@admin.register(NumberingRule)
class NumberingRuleAdmin(admin.ModelAdmin):
    list_display = ("doc_type", "word", "town")
    list_filter = ("town",)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "doc_type", "status", "town", "issued_at")
    list_filter = ("town", "doc_type", "status")
    search_fields = ("number", "title")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
