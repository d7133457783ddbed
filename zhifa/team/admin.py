"""The roster in the admin (confined to the admin's own town by ``accounts.admin_site``): an
officer's contact details and post are kept here; people join the team, and their certificates
are issued, through the team's services (``officer_register``, ``certificate_issue``)."""

from django.contrib import admin

from .models import Officer


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "employment", "squadron", "position", "work_phone", "is_active"]
    list_filter = ["employment", "squadron", "is_active"]
    search_fields = ["user__full_name", "user__username", "work_phone"]
    fields = [
        "user",
        "employment",
        "squadron",
        "position",
        "original_unit",
        "work_phone",
        "phone",
        "in_reserve_pool",
        "is_active",
        "sort",
    ]
    # who the officer is and what they may do (专职 / 辅助 / 后备) change through the services
    readonly_fields = ["user", "employment"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
