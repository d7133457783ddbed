"""Verify every record: each kind's keyed hash chains, rows against their events, and issued
documents against their hashes (ADR 0026). Prints a Chinese report; exits non-zero on a problem."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zhifa.core.audit import verifiers
from zhifa.core.errors import DomainError


class Command(BaseCommand):
    help = "核验全过程记录：签名哈希链、主记录与事件是否一致、已签发文书文件的哈希"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--case", help="案件 ID 或案件编号；只核验这一件案件")

    def handle(self, *args: Any, **options: Any) -> None:
        checked = broken = 0
        for label, check in verifiers():
            if options.get("case") and label != "案件":
                continue
            kind_checked = kind_broken = 0
            try:
                for subject, problems in check(options):
                    kind_checked += 1
                    if problems:
                        kind_broken += 1
                        self.stdout.write(
                            self.style.ERROR(f"✗ {label} {subject}：" + "；".join(problems))
                        )
            except DomainError as error:
                raise CommandError(f"{label}：{error.message}") from error
            except Exception as error:  # a broken row must not end the report with a traceback
                kind_broken += 1
                self.stdout.write(self.style.ERROR(f"✗ {label}：核验中断（{error}）"))
            mark = "✗" if kind_broken else "✓"
            self.stdout.write(f"{mark} {label}：核验 {kind_checked} 件，异常 {kind_broken} 件")
            checked += kind_checked
            broken += kind_broken
        if broken:
            raise CommandError(f"核验 {checked} 件记录，{broken} 件记录异常")
        self.stdout.write(self.style.SUCCESS(f"✓ 核验 {checked} 件记录，记录完整"))
