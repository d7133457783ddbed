"""`restore ARCHIVE [--force]`: verify the archive, restore database and files, verify records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from zhifa.core.backup import backup_restore
from zhifa.core.errors import DomainError


class Command(BaseCommand):
    help = "从备份恢复数据库与文件（先校验备份；恢复后核验全部记录）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", help="zhifa backup 生成的 .tar.gz 文件")
        parser.add_argument("--force", action="store_true", help="覆盖已有数据的数据库")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_restore(archive=Path(options["archive"]), force=options["force"])
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"已恢复 {manifest['engine']} 数据库与 {len(manifest['files']) - 1} 个文件"
            f"（备份于 {manifest['created_at']}），正在核验记录……"
        )
        call_command("migrate", "--noinput", verbosity=0)
        call_command("verify_record", stdout=self.stdout)
