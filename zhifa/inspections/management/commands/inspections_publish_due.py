from django.core.management.base import BaseCommand

from zhifa.inspections.services import inspections_publish_due


class Command(BaseCommand):
    help = "Publish inspection results whose 20-working-day publication window ends today (一公开)."

    def handle(self, *args, **options) -> None:
        published = inspections_publish_due()
        self.stdout.write(f"published {len(published)} inspection result(s)")
