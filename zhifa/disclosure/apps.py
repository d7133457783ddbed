from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "zhifa.disclosure"
    label = "disclosure"
    verbose_name = "公示"

    def ready(self) -> None:
        # registers the "不予公开" event label on the case record's timeline
        from zhifa.core.public import contacts_provider

        from . import services  # noqa: F401
        from .selectors import town_portal

        # every public page's frame (core/public_base.html) shows the town's public contacts
        contacts_provider(town_portal)
