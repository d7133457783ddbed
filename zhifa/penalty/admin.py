"""Read-only admin views of the penalty file: it is changed only through the services."""

from django.contrib import admin

from zhifa.cases.admin import ReadOnly

from .models import Appeal, Penalty


@admin.register(Penalty)
class PenaltyAdmin(ReadOnly):
    list_display = ["case", "procedure", "outcome", "status", "amount", "decided_on", "paid_on"]
    list_filter = ["procedure", "outcome", "status"]
    search_fields = ["case__number", "case__cause"]


@admin.register(Appeal)
class AppealAdmin(ReadOnly):
    list_display = ["case", "kind", "body", "filed_on", "outcome", "decided_on"]
    list_filter = ["kind", "outcome"]
