from django.contrib import admin

from .models import Portal, Withholding


@admin.register(Portal)
class PortalAdmin(admin.ModelAdmin):
    list_display = ("town", "phone", "complaint_phone", "updated_at")


@admin.register(Withholding)
class WithholdingAdmin(admin.ModelAdmin):
    """Read-only: a withholding is recorded through the preview page, on the case's record."""

    list_display = ("case", "reason", "decided_by", "created_at")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
