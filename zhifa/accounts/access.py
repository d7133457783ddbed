"""Access helpers shared by pages and the API: role checks that raise, public-view marking."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required

from zhifa.core.errors import Forbidden

from .roles import ROLES, has_role


def require_role(user: Any, *codes: str) -> None:
    """Raise ``Forbidden`` unless the user holds one of the roles (superusers pass)."""
    if getattr(user, "is_superuser", False):
        return
    if not has_role(user, *codes):
        labels = "、".join(ROLES[c] for c in codes)
        raise Forbidden(f"该操作仅限{labels}")


def role_required(*codes: str) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            require_role(request.user, *codes)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def public_view(view: Callable) -> Callable:
    """Declare a page public (no login). The URL-walk test checks every other view is refused."""
    view = login_not_required(view)
    view.zhifa_public = True  # type: ignore[attr-defined]
    return view
