from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "zhifa.intake"
    label = "intake"
    verbose_name = "线索"
