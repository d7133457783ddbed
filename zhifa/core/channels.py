"""Outbound notification channels (configured by ``ZHIFA_NOTIFICATION_CHANNELS``).

A channel sends one notification and returns a short status for the delivery record. E-mail works
out of the box; SMS goes through an ``SmsGateway`` adapter chosen by ``ZHIFA_SMS_GATEWAY`` — each
province's gateway (运营商短信平台, 政务短信) is one small subclass.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from .models import Notification

log = logging.getLogger(__name__)


class Channel:
    name = "channel"

    def send(self, notification: Notification) -> str:
        raise NotImplementedError


class EmailChannel(Channel):
    name = "email"

    def send(self, notification: Notification) -> str:
        address = notification.user.email
        if not address:
            return "skipped: no e-mail"
        send_mail(
            subject=f"【执法平台】{notification.title}",
            message=f"{notification.body}\n\n{notification.url}".strip(),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[address],
        )
        return "sent"


class SmsGateway:
    """Adapter interface for an SMS platform."""

    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class LogSmsGateway(SmsGateway):
    """Writes messages to the log: the default where no SMS platform is contracted."""

    def send(self, phone: str, text: str) -> None:
        log.info("SMS to %s: %s", phone, text)


class SmsChannel(Channel):
    name = "sms"

    def send(self, notification: Notification) -> str:
        phone = getattr(notification.user, "phone", "")
        if not phone:
            return "skipped: no phone"
        gateway: SmsGateway = import_string(settings.ZHIFA_SMS_GATEWAY)()
        gateway.send(phone, f"【执法平台】{notification.title}")
        return "sent"


def configured_channels() -> list[Channel]:
    return [import_string(path)() for path in settings.ZHIFA_NOTIFICATION_CHANNELS]
