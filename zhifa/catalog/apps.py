from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "zhifa.catalog"
    label = "catalog"
    verbose_name = "清单"

    def ready(self) -> None:
        from zhifa.core.audit import chain_checks, verifier_register

        from .models import PowerItem, PowerItemEvent

        verifier_register("清单事项", chain_checks(PowerItem, PowerItemEvent))
