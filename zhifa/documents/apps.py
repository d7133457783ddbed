from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "zhifa.documents"
    label = "documents"
    verbose_name = "文书"

    def ready(self) -> None:
        from zhifa.core.audit import verifier_register

        from .selectors import documents_verify

        verifier_register("文书", documents_verify)
