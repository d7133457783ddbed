from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "zhifa.intake"
    label = "intake"
    verbose_name = "线索"

    def ready(self) -> None:
        # Findings come from grid, and outcomes flow back from cases, through their signals
        # (neither imports intake).
        from zhifa.cases import signals
        from zhifa.grid.signals import finding_reported

        from . import receivers

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
