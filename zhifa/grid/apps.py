from django.apps import AppConfig


class GridConfig(AppConfig):
    name = "zhifa.grid"
    label = "grid"
    verbose_name = "网格"
