from django.core.management.base import BaseCommand

from zhifa.core.deadlines import deadline_sweep
from zhifa.core.sweeps import sweep_hooks_run


class Command(BaseCommand):
    help = (
        "Raise due-soon and overdue deadline alarms, close parties' windows that have passed and "
        "run the apps' periodic hooks (run every few minutes)."
    )

    def handle(self, *args, **options):
        result = deadline_sweep()
        self.stdout.write(
            f"即将到期 {result.due_soon} 项，已超期 {result.overdue} 项，"
            f"当事人期限届满 {result.elapsed} 项"
        )
        sweep_hooks_run()
