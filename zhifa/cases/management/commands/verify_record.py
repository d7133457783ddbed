"""Check the hash chain of one case's record (--case N, its id or number) or of every case."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zhifa.cases.models import Case
from zhifa.cases.selectors import record_problems


class Command(BaseCommand):
    help = "核验案件全过程记录的哈希链（被改动、删除或截断的记录都会被发现）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--case", help="案件 ID 或案件编号；不填则核验全部案件")

    def handle(self, *args: Any, **options: Any) -> None:
        cases = Case.all_towns.order_by("pk")
        if options.get("case"):
            ref = options["case"]
            cases = cases.filter(pk=int(ref)) if ref.isdigit() else cases.filter(number=ref)
            if not cases.exists():
                raise CommandError(f"未找到案件：{ref}")
        broken = 0
        checked = 0
        for case in cases.iterator():
            checked += 1
            problems = record_problems(case)
            if problems:
                broken += 1
                self.stdout.write(self.style.ERROR(f"✗ {case.number}：" + "；".join(problems)))
        if broken:
            raise CommandError(f"核验 {checked} 件案件，{broken} 件记录异常")
        self.stdout.write(self.style.SUCCESS(f"✓ 核验 {checked} 件案件，记录完整"))
