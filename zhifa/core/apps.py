from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhifa.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        from .audit import chain_checks, verifier_register
        from .models import Town, TownEvent

        verifier_register("乡镇", chain_checks(Town, TownEvent))
        from . import signals  # noqa: F401
        from .lengths import lengths_connect

        lengths_connect()
