from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "zhifa.dashboard"
    label = "dashboard"
    verbose_name = "统计"

    def ready(self) -> None:
        from zhifa.core.sweeps import sweep_hook_register

        from .tasks import monthly_reports_enqueue

        sweep_hook_register("monthly_reports", monthly_reports_enqueue)
