from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "zhifa.inspections"
    label = "inspections"
    verbose_name = "行政检查"

    def ready(self) -> None:
        from zhifa.core.audit import chain_checks, verifier_register

        from .models import Inspection, InspectionEvent, Plan, PlanEvent

        verifier_register("检查计划", chain_checks(Plan, PlanEvent))
        verifier_register("行政检查", chain_checks(Inspection, InspectionEvent))
