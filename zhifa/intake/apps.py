from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "zhifa.intake"
    label = "intake"
    verbose_name = "线索"

    def ready(self) -> None:
        from zhifa.core.audit import chain_checks, verifier_register

        from .models import Lead, LeadEvent

        verifier_register("线索", chain_checks(Lead, LeadEvent, lambda lead: lead.tracking_code))
        # Findings come from grid, and outcomes flow back from cases, through their signals
        # (neither imports intake).
        from zhifa.cases import signals
        from zhifa.core.queues import queues_register
        from zhifa.grid.signals import finding_reported

        from . import receivers
        from .queues import lead_queues

        queues_register(lead_queues)

        finding_reported.connect(
            receivers.on_finding_reported, dispatch_uid="intake_finding_reported"
        )
        signals.case_closed.connect(receivers.on_case_closed, dispatch_uid="intake_case_closed")
        signals.case_transferred.connect(
            receivers.on_case_transferred, dispatch_uid="intake_case_transferred"
        )
        signals.case_withdrawn.connect(
            receivers.on_case_withdrawn, dispatch_uid="intake_case_withdrawn"
        )
