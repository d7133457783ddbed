from django.contrib import admin

from .models import Department, Domain, PowerItem, PowerItemEvent


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["sort", "code", "name"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "town", "is_active"]
    list_filter = ["kind", "town"]
    search_fields = ["name", "short_name"]


@admin.register(PowerItem)
class PowerItemAdmin(admin.ModelAdmin):
    """Read-only here: items change through the catalog pages (services), which keep their record."""

    list_display = ["code", "name", "type", "domain", "department", "town", "is_retired"]
    list_filter = ["type", "domain", "town", "is_retired"]
    search_fields = ["code", "name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PowerItemEvent)
class PowerItemEventAdmin(admin.ModelAdmin):
    list_display = ["item", "seq", "event_type", "summary", "actor_name", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
