"""The admin site: every model admin confined to the signed-in user's towns, with no way up.

``ZhifaAdminSite.register`` mixes ``TownScopedAdmin`` into every model admin registered anywhere
(ours and Django's own), so no admin page can forget it:

- lists and objects: rows of the user's towns only (a superuser sees all); users of other towns,
  superusers, their tokens and other towns are not there at all;
- choices: a town, user or town-scoped row offered in a form is one of the user's towns; groups are
  the role groups only; permissions and supervised towns are for superusers only;
- groups (the roles' permissions, shared by all towns) are changed by superusers only; other rows
  that belong to no town (the holiday calendar) follow the role permissions of ``permissions.py``.

Superuser-only fields (``SUPERUSER_FIELDS``) are taken out of every form for everyone else, so
they can be neither seen nor posted.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest

from zhifa.core.tenancy import town_ids_for_user

SUPERUSER_FIELDS = ("is_superuser", "user_permissions", "supervised_towns")


def _is_root(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "is_superuser", False))


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True


def scope_queryset(model: type[models.Model], qs: Any, town_ids: frozenset[int]) -> Any:
    """Rows of ``model`` that belong to these towns; None when the model belongs to no town."""
    from django.contrib.auth import get_user_model

    from zhifa.core.models import Town

    user_model = get_user_model()
    if model is Town:
        return qs.filter(pk__in=town_ids)
    if model is user_model:
        return qs.filter(town_id__in=town_ids, is_superuser=False)
    if _has_field(model, "town"):
        return qs.filter(town_id__in=town_ids)
    for field in model._meta.get_fields():
        if getattr(field, "many_to_one", False) and field.related_model is user_model:
            return qs.filter(
                **{f"{field.name}__town_id__in": town_ids, f"{field.name}__is_superuser": False}
            )
    return None


class TownScopedAdmin(admin.ModelAdmin):
    def get_queryset(self, request: HttpRequest) -> Any:
        qs = super().get_queryset(request)
        if _is_root(request):
            return qs
        scoped = scope_queryset(self.model, qs, town_ids_for_user(request.user))
        return qs if scoped is None else scoped

    def _is_global(self) -> bool:
        """Groups carry the permissions of every role in every town: only a superuser edits them
        (the role groups are set by ``roles_sync`` after each migrate)."""
        from django.contrib.auth.models import Group, Permission

        return self.model in (Group, Permission)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        if self._is_global() and not _is_root(request):
            return False
        return super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if self._is_global() and not _is_root(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if self._is_global() and not _is_root(request):
            return False
        return super().has_delete_permission(request, obj)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if _is_root(request):
            return fieldsets
        return [
            (name, {**opts, "fields": _without(opts.get("fields", ()))}) for name, opts in fieldsets
        ]

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        if not _is_root(request) and kwargs.get("fields") is not None:
            kwargs["fields"] = _without(kwargs["fields"])
        return super().get_form(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if not _is_root(request):
            qs = kwargs.get("queryset", db_field.related_model._default_manager.all())
            scoped = scope_queryset(db_field.related_model, qs, town_ids_for_user(request.user))
            if scoped is not None:
                kwargs["queryset"] = scoped
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if not _is_root(request):
            from django.contrib.auth.models import Group

            from .roles import GROUP_NAMES

            related = db_field.related_model
            qs = kwargs.get("queryset", related._default_manager.all())
            if related is Group:
                kwargs["queryset"] = qs.filter(name__in=GROUP_NAMES.values())
            else:
                scoped = scope_queryset(related, qs, town_ids_for_user(request.user))
                if scoped is not None:
                    kwargs["queryset"] = scoped
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not _is_root(request):
            towns = town_ids_for_user(request.user)
            if not change and _has_field(type(obj), "town") and obj.town_id is None:
                obj.town_id = request.user.town_id  # a user added here works in the admin's town
            town_id = getattr(obj, "town_id", None)
            if _has_field(type(obj), "town") and town_id is not None and town_id not in towns:
                raise PermissionDenied("不能管理其他乡镇的数据")
            if getattr(obj, "is_superuser", False):
                raise PermissionDenied("不能设置超级管理员")
        super().save_model(request, obj, form, change)


def _without(fields: Any) -> list[Any]:
    kept = []
    for field in fields:
        if isinstance(field, list | tuple):
            kept.append(type(field)(f for f in field if f not in SUPERUSER_FIELDS))
        elif field not in SUPERUSER_FIELDS:
            kept.append(field)
    return kept


class ZhifaAdminSite(admin.AdminSite):
    site_header = "执法平台 系统管理"
    site_title = "执法平台"

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        base = admin_class or admin.ModelAdmin
        if not issubclass(base, TownScopedAdmin):
            base = type(f"TownScoped{base.__name__}", (TownScopedAdmin, base), {})
        super().register(model_or_iterable, base, **options)
