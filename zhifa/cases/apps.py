from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zhifa.cases"
    label = "cases"
    verbose_name = "案件"

    def ready(self) -> None:
        from zhifa.documents.signals import document_issued, document_voided

        from . import receivers

        document_issued.connect(receivers.on_document_issued, dispatch_uid="cases_document_issued")
        document_voided.connect(receivers.on_document_voided, dispatch_uid="cases_document_voided")
