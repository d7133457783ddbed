from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "zhifa.intake"
    label = "intake"
    verbose_name = "线索"

    def ready(self) -> None:
        # Outcomes flow back from cases through its signals (cases never imports intake).
        from zhifa.cases import signals

        from . import receivers

        signals.case_closed.connect(receivers.on_case_closed, dispatch_uid="intake_case_closed")
        signals.case_transferred.connect(
            receivers.on_case_transferred, dispatch_uid="intake_case_transferred"
        )
        signals.case_withdrawn.connect(
            receivers.on_case_withdrawn, dispatch_uid="intake_case_withdrawn"
        )
