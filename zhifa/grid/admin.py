from django.contrib import admin

from .models import GridCell, GridMember, Patrol, PatrolFinding, Subject, Village, Zone


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "town"]


@admin.register(Village)
class VillageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "alias", "zone", "town"]
    list_filter = ["town", "zone"]


@admin.register(GridCell)
class GridCellAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "village", "area_m2"]
    list_filter = ["town", "village"]
    search_fields = ["code", "name"]
    exclude = ["geometry"]


@admin.register(GridMember)
class GridMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "phone", "is_active", "town"]
    filter_horizontal = ["cells"]


@admin.register(Patrol)
class PatrolAdmin(admin.ModelAdmin):
    list_display = ["title", "patroller", "starts_at", "status"]


@admin.register(PatrolFinding)
class PatrolFindingAdmin(admin.ModelAdmin):
    list_display = ["at", "reported_by", "cell", "taken_ref"]


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "site_type", "cell"]
    list_filter = ["town", "kind", "site_type"]
    search_fields = ["name", "credit_code"]
    exclude = ["id_number"]
