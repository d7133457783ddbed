"""API tokens: `token create --user NAME [--scope S …] [--days N]`, `token list [--user NAME]`,
`token revoke ID|PREFIX` (ADR 0026)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zhifa.accounts.services import (
    token_create,
    token_find,
    token_revoke,
    tokens_list,
    user_by_username,
)
from zhifa.core.errors import DomainError


class Command(BaseCommand):
    help = "API 令牌：创建（只显示一次）、列出、吊销"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token")
        create.add_argument("--user", required=True, help="username")
        create.add_argument("--name", default="命令行创建", help="what the token is for")
        create.add_argument(
            "--scope", action="append", default=[], help="read / write / 12345 / area:read …"
        )
        create.add_argument("--days", type=int, default=None, help="days until it expires")
        listing = sub.add_parser("list", help="list tokens (never their secret)")
        listing.add_argument("--user", help="only this user's tokens")
        revoke = sub.add_parser("revoke", help="revoke a token at once")
        revoke.add_argument("token", help="token id or prefix as listed")

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as error:
            raise CommandError(error.message) from error

    def _create(self, options):
        user = user_by_username(options["user"])
        token, raw = token_create(
            user=user,
            name=options["name"],
            scopes=options["scope"] or ("read", "write"),
            days=options["days"],
        )
        self.stdout.write(raw)
        self.stderr.write(
            f"令牌 {token.pk}（{','.join(token.scopes)}）有效期至 "
            f"{timezone.localtime(token.expires_at):%Y-%m-%d %H:%M}；此令牌只显示这一次。"
        )

    def _list(self, options):
        user = user_by_username(options["user"]) if options.get("user") else None
        rows = tokens_list(user=user)
        if not rows:
            self.stdout.write("没有令牌。")
        for token in rows:
            self.stdout.write(
                f"{token.pk:>4}  {token.prefix}…  {token.user.username:<12} {_state(token):<4} "
                f"权限 {','.join(token.scopes) or '无'}  到期 {_when(token.expires_at)}  "
                f"最近使用 {_when(token.last_used_at)}  {token.name}"
            )

    def _revoke(self, options):
        token = token_revoke(token=token_find(options["token"]))
        self.stdout.write(
            f"已吊销令牌 {token.pk}（{token.prefix}…，{token.user.username}，{token.name}）"
        )


def _when(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else "—"


def _state(token) -> str:
    if token.revoked_at:
        return "已吊销"
    if token.expires_at and token.expires_at <= timezone.now():
        return "已过期"
    return "有效"
