"""Work queues by role, on the home page (工作台) and 我的工作. ``core`` knows no app: each app
registers a provider in its ``AppConfig.ready`` that returns the queues a user has in it (an empty
list for a role it does not serve); the pages ask ``queues_for(user)``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class QueueRow:
    title: str
    url: str
    hint: str = ""
    badge: str = ""
    level: str = "secondary"  # a Tabler colour: danger, warning, success, secondary …


@dataclass
class Queue:
    key: str
    title: str
    icon: str
    rows: list[QueueRow] = field(default_factory=list)
    empty: str = "暂无"
    more_url: str = ""
    total: int | None = None

    @property
    def count(self) -> int:
        return len(self.rows) if self.total is None else self.total


Provider = Callable[[Any], list[Queue]]
_PROVIDERS: list[Provider] = []


def queues_register(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def queues_for(user: Any) -> list[Queue]:
    if not getattr(user, "is_authenticated", False):
        return []
    found: list[Queue] = []
    for provider in _PROVIDERS:
        found.extend(provider(user))
    return found
