from django.contrib import admin

from .models import ReviewCriterion


@admin.register(ReviewCriterion)
class ReviewCriterionAdmin(admin.ModelAdmin):
    list_display = ("sort", "label", "max_score", "active", "guidance")
    list_editable = ("max_score", "active")
    ordering = ("sort",)
