from django.core.management import call_command
from django.core.management.base import BaseCommand

from zhifa.core.seeding import seed_demo


class Command(BaseCommand):
    help = "Migrate and seed the demo towns (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-migrate", action="store_true")

    def handle(self, *args, **options):
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("写入演示数据 …")
        seed_demo(stdout=self.stdout)
