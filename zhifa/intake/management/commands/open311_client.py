"""Open311 clients: `zhifa open311_client create --town 140924101 --name 城市App --scope requests`
prints the api_key once; `list` shows the clients; `revoke --prefix abcd1234` stops a key."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from zhifa.core.errors import DomainError
from zhifa.core.models import Town
from zhifa.intake.open311.clients import client_create
from zhifa.intake.open311.models import SCOPES, Open311Client


class Command(BaseCommand):
    help = "创建、列出或停用 Open311 客户端（第三方平台的 api_key）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create")
        create.add_argument("--town", required=True, help="乡镇代码（即 jurisdiction_id）")
        create.add_argument("--name", required=True)
        create.add_argument("--contact", default="")
        create.add_argument(
            "--scope", action="append", choices=sorted(SCOPES), help="可重复；默认 requests"
        )
        sub.add_parser("list")
        revoke = sub.add_parser("revoke")
        revoke.add_argument("--prefix", required=True)

    def handle(self, *args, action: str, **options):
        if action == "create":
            town = Town.objects.filter(code=options["town"]).first()
            if town is None:
                raise CommandError(f"乡镇代码不存在：{options['town']}")
            try:
                client, raw = client_create(
                    town=town,
                    name=options["name"],
                    scopes=options["scope"] or ["requests"],
                    contact=options["contact"],
                )
            except DomainError as error:
                raise CommandError(error.message) from error
            self.stdout.write(
                f"已创建 {client.name}（{town.name}，权限 {','.join(client.scopes)}）"
            )
            self.stdout.write(f"api_key（只显示这一次）：{raw}")
        elif action == "list":
            for c in Open311Client.all_towns.select_related("town").order_by("town__code", "name"):
                state = "启用" if c.is_active else "已停用"
                self.stdout.write(
                    f"{c.key_prefix}…  {c.town.code}  {c.name}  {','.join(c.scopes)}  {state}"
                )
        else:
            count = Open311Client.all_towns.filter(key_prefix=options["prefix"]).update(
                is_active=False
            )
            if not count:
                raise CommandError("没有该前缀的客户端")
            self.stdout.write(f"已停用 {count} 个客户端")
