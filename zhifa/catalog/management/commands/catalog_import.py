from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhifa.catalog.excel import ImportRejected, catalog_import
from zhifa.core.models import Town


class Command(BaseCommand):
    help = "从 Excel（.xlsx）导入乡镇权责清单；有一处错误则全部不导入"

    def add_arguments(self, parser):
        parser.add_argument("--town", required=True, help="乡镇代码（9 位）")
        parser.add_argument("path", help="清单文件路径")

    def handle(self, *args, town, path, **options):
        found = Town.objects.filter(code=town).first()
        if found is None:
            raise CommandError(f"没有代码为 {town} 的乡镇")
        try:
            result = catalog_import(town=found, actor=None, content=Path(path).read_bytes())
        except ImportRejected as rejected:
            for e in rejected.details.get("errors", []):
                self.stderr.write(f"第{e['row']}行「{e['column']}」：{e['message']}")
            raise CommandError(rejected.message) from rejected
        self.stdout.write(result.message)
