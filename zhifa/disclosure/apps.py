from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "zhifa.disclosure"
    label = "disclosure"
    verbose_name = "公示"

    def ready(self) -> None:
        # registers the "不予公开" event label on the case record's timeline
        from . import services  # noqa: F401
