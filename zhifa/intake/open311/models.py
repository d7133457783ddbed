"""Open311 clients (a city app, a WeChat mini-program, a county platform: one api_key each, with
scopes, per town) and what each filed request carried beyond the lead."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils import timezone

from zhifa.core.tenancy import TownScopedModel

SCOPES = {
    "requests": "提交诉求（POST requests）",
    "updates": "补充说明（POST servicerequestupdates）",
}


def key_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def key_new() -> str:
    return secrets.token_urlsafe(24)


class Open311Client(TownScopedModel):
    name = models.CharField("客户端名称", max_length=100)
    contact = models.CharField("联系人及电话", max_length=100, blank=True)
    key_prefix = models.CharField("密钥前缀", max_length=8, editable=False)
    key_hash = models.CharField("密钥摘要", max_length=64, unique=True, editable=False)
    scopes = models.JSONField("权限范围", default=list)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "Open311 客户端"
        verbose_name_plural = "Open311 客户端"
        ordering = ["town", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.key_prefix}…）"

    def allows(self, scope: str) -> bool:
        return self.is_active and scope in (self.scopes or [])


class Open311Request(TownScopedModel):
    """The Open311 side of a lead: the client that filed it, the service and its answers, the
    media link. The reporter's e-mail is kept for call-back only and never served."""

    lead = models.OneToOneField("intake.Lead", on_delete=models.PROTECT, related_name="open311")
    client = models.ForeignKey(
        Open311Client, verbose_name="客户端", on_delete=models.PROTECT, related_name="requests"
    )
    service_code = models.CharField("服务代码", max_length=40)
    description = models.TextField("诉求描述", blank=True)
    attributes = models.JSONField("补充信息", default=dict, blank=True)
    media_url = models.URLField("图片链接", max_length=1000, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    account_id = models.CharField("账户标识", max_length=100, blank=True)
    device_id = models.CharField("设备标识", max_length=100, blank=True)
    created_at = models.DateTimeField("接收时间", default=timezone.now)

    class Meta:
        verbose_name = "Open311 诉求"
        verbose_name_plural = "Open311 诉求"
        ordering = ["-created_at"]
