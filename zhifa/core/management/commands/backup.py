"""`backup [--output DIR]` writes a verified archive; `backup --verify ARCHIVE` checks one."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zhifa.core.backup import backup_create, backup_verify
from zhifa.core.errors import DomainError


class Command(BaseCommand):
    help = "备份数据库与文件（含各文件哈希清单）；--verify 校验一个备份"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", help="备份目录（默认 var/backups）")
        parser.add_argument("--verify", metavar="ARCHIVE", help="只校验这个备份文件")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options.get("verify"):
                archive = Path(options["verify"])
            else:
                archive = backup_create(output_dir=options.get("output"))
            with tempfile.TemporaryDirectory() as tmp:
                manifest = backup_verify(archive=archive, into=Path(tmp))
        except DomainError as error:
            raise CommandError(error.message) from error
        files = len(manifest["files"]) - 1
        self.stdout.write(
            self.style.SUCCESS(
                f"✓ 备份 {archive} 校验通过：数据库（{manifest['engine']}）与 {files} 个文件，"
                f"生成于 {manifest['created_at']}"
            )
        )
        self.stdout.write("提示：记录签名密钥不在备份中，请另行妥善保存（见 README）。")
