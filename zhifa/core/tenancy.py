"""Towns are tenants: the one place where a request is confined to its towns' rows.

Every domain model inherits ``TownScopedModel``. Its default manager filters by the towns in the
current scope, which ``TenantMiddleware`` sets for each request from the signed-in user (or API
token): a user sees their own town, a county user the towns they supervise, an anonymous request
none. Public views enter a town's scope explicitly (``public_town_scope``). Outside a request
(management commands, jobs, tests' own set-up) no scope is set and queries see every town; such code
acts for the system and must choose its town itself. ``Model.all_towns`` is the explicit unscoped
manager for services that must look across towns (numbering, sweeps).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from .models import Town

_scope: ContextVar[frozenset[int] | None] = ContextVar("zhifa_town_scope", default=None)


def current_town_ids() -> frozenset[int] | None:
    """The town ids the current request may see, or None outside any request (system)."""
    return _scope.get()


def scope_set(town_ids: Iterable[int]) -> None:
    """Narrow the current request to these towns (used by API token auth after the middleware)."""
    _scope.set(frozenset(town_ids))


@contextmanager
def town_scope(town_ids: Iterable[int] | None) -> Iterator[None]:
    token = _scope.set(None if town_ids is None else frozenset(town_ids))
    try:
        yield
    finally:
        _scope.reset(token)


def town_ids_for_user(user: Any) -> frozenset[int]:
    """Towns a user works in: their own, plus those a county user supervises."""
    if user is None or not user.is_authenticated:
        return frozenset()
    ids: set[int] = set(user.supervised_towns.values_list("pk", flat=True))
    if user.town_id:
        ids.add(user.town_id)
    if user.is_superuser and not ids:
        from .models import Town

        ids = set(Town.objects.values_list("pk", flat=True))
    return frozenset(ids)


class TownScopedQuerySet(models.QuerySet):
    def in_town(self, town: Town | int) -> TownScopedQuerySet:
        return self.filter(town=town)


class TownScopedManager(models.Manager.from_queryset(TownScopedQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> TownScopedQuerySet:
        qs = super().get_queryset()
        ids = _scope.get()
        if ids is None:
            return qs
        return qs.filter(town_id__in=ids)


class TownScopedModel(models.Model):
    """Base of every domain record: it belongs to one town and is seen only within its scope."""

    town = models.ForeignKey(
        "core.Town", verbose_name="乡镇", on_delete=models.PROTECT, related_name="+"
    )

    objects = TownScopedManager()
    all_towns = models.Manager.from_queryset(TownScopedQuerySet)()

    class Meta:
        abstract = True


class TenantMiddleware:
    """Sets ``request.town`` (the town the user acts for) and the row scope for the request."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        ids = town_ids_for_user(getattr(request, "user", None))
        request.town_ids = ids
        request.town = active_town(request, ids)
        token = _scope.set(ids)
        try:
            return self.get_response(request)
        finally:
            _scope.reset(token)


def active_town(request: Any, ids: frozenset[int]) -> Town | None:
    """The user's own town, or for county users the one chosen in the session."""
    from .models import Town

    if not ids:
        return None
    chosen = request.session.get("town_id") if hasattr(request, "session") else None
    user = request.user
    pk = chosen if chosen in ids else (user.town_id if user.town_id in ids else min(ids))
    return Town.objects.filter(pk=pk).first()


@contextmanager
def public_town_scope(town: Town) -> Iterator[None]:
    """Public pages (no login) show one town's public rows: enter its scope explicitly."""
    with town_scope([town.pk]):
        yield
