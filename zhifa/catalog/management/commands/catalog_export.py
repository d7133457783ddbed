from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhifa.catalog.excel import catalog_export
from zhifa.core.models import Town


class Command(BaseCommand):
    help = "导出乡镇权责清单为 Excel（.xlsx）"

    def add_arguments(self, parser):
        parser.add_argument("--town", required=True, help="乡镇代码（9 位）")
        parser.add_argument("--out", required=True, help="输出文件路径")

    def handle(self, *args, town, out, **options):
        found = Town.objects.filter(code=town).first()
        if found is None:
            raise CommandError(f"没有代码为 {town} 的乡镇")
        Path(out).write_bytes(catalog_export(town=found))
        self.stdout.write(f"已导出 {found} 的权责清单：{out}")
