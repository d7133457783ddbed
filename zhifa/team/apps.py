from django.apps import AppConfig


class TeamConfig(AppConfig):
    name = "zhifa.team"
    label = "team"
    verbose_name = "队伍"
