from django.core.management.base import BaseCommand, CommandError

from zhifa.accounts.services import token_create, user_by_username
from zhifa.core.errors import DomainError


class Command(BaseCommand):
    help = "Create an API token for a user and print it once."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token")
        create.add_argument("--user", required=True, help="username")
        create.add_argument("--name", default="命令行创建", help="what the token is for")
        create.add_argument("--scope", action="append", default=[], help="scope (repeatable)")

    def handle(self, *args, **options):
        try:
            user = user_by_username(options["user"])
        except DomainError as error:
            raise CommandError(error.message) from error
        _, raw = token_create(user=user, name=options["name"], scopes=options["scope"])
        self.stdout.write(raw)
