"""`record_key show` (the current key id and where keys come from) and `record_key rotate`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zhifa.core.errors import DomainError
from zhifa.core.record_keys import key_rotate, ring


class Command(BaseCommand):
    help = "记录签名密钥：查看当前密钥编号、轮换密钥（旧密钥保留用于核验）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["show", "rotate"])

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "rotate":
                self.stdout.write(f"已启用新密钥 {key_rotate()}；此后的记录以它签名。")
            keys = ring()
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"当前密钥：{keys.current}；共 {len(keys.keys)} 把（{'、'.join(keys.keys)}）；"
            f"来源：{'环境变量 ZHIFA_RECORD_KEYS' if keys.source == 'env' else '密钥文件'}"
        )
