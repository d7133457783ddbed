from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zhifa.cases"
    label = "cases"
    verbose_name = "案件"

    def ready(self) -> None:
        from zhifa.core.audit import verifier_register

        from .selectors import cases_verify

        verifier_register("案件", cases_verify)
        from zhifa.core.queues import queues_register
        from zhifa.documents.signals import document_issued, document_voided

        from . import receivers
        from .queues import case_queues

        queues_register(case_queues)

        document_issued.connect(receivers.on_document_issued, dispatch_uid="cases_document_issued")
        document_voided.connect(receivers.on_document_voided, dispatch_uid="cases_document_voided")
