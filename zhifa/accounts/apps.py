from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zhifa.accounts"
    label = "accounts"
    verbose_name = "用户与权限"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .roles import roles_sync

        post_migrate.connect(lambda **kw: roles_sync(), dispatch_uid="zhifa_roles_sync", weak=False)
