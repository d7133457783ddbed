from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zhifa.cases"
    label = "cases"
    verbose_name = "案件"

    def ready(self) -> None:
        from zhifa.core.deadlines import window_kinds_register
        from zhifa.documents.signals import document_issued, document_voided

        from . import receivers

        document_issued.connect(receivers.on_document_issued, dispatch_uid="cases_document_issued")
        document_voided.connect(receivers.on_document_voided, dispatch_uid="cases_document_voided")
        # the party's windows after the prior notice (处罚法第四十四条、第六十三条、第六十四条)
        window_kinds_register("statement", "hearing_request")
