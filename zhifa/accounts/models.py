from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    """A person who signs in. Works in one town; county users may also supervise several."""

    full_name = models.CharField("姓名", max_length=50)
    phone = models.CharField("手机号", max_length=20, blank=True)
    town = models.ForeignKey(
        "core.Town",
        verbose_name="所属乡镇",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    supervised_towns = models.ManyToManyField(
        "core.Town", verbose_name="督导乡镇", blank=True, related_name="supervisors"
    )
    organisation = models.CharField(
        "单位", max_length=100, blank=True, help_text="县直部门联络员填写所在部门或县级执法队"
    )

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def role_codes(self) -> set[str]:
        from .roles import user_roles

        return user_roles(self)


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField("前缀", max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField("权限范围", default=list, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    expires_at = models.DateTimeField("到期时间", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    @property
    def is_valid(self) -> bool:
        from zhifa.core import clock

        now = clock.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
