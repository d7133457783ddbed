"""API authentication: bearer tokens (systems, scripts) and the signed-in session (pages)."""

from __future__ import annotations

from typing import Any

from ninja.security import HttpBearer, SessionAuth

from zhifa.core.tenancy import scope_set, town_ids_for_user

from .services import token_authenticate, token_scope_require


class BearerTokenAuth(HttpBearer):
    def authenticate(self, request: Any, token: str) -> Any:
        found = token_authenticate(token)
        if found is None:
            return None
        token_scope_require(found, method=request.method, path=request.path)
        request.user = found.user
        request.api_token = found
        ids = town_ids_for_user(found.user)
        request.town_ids = ids
        request.town = found.user.town
        scope_set(ids)
        return found.user


class SessionUserAuth(SessionAuth):
    """The browser session (CSRF-checked for writes), as signed in on the pages."""


def api_auth() -> list[Any]:
    return [BearerTokenAuth(), SessionUserAuth()]
