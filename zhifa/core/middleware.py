"""Turns a DomainError escaping a page view into a plain Chinese error page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as _LoginRequired
from django.shortcuts import render

from .errors import DomainError


class DomainErrorMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        return self.get_response(request)

    def process_exception(self, request: Any, exception: Exception) -> Any:
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        template = "core/_error.html" if getattr(request, "htmx", False) else "core/error.html"
        return render(request, template, {"error": exception}, status=exception.status)


class LoginRequiredMiddleware(_LoginRequired):
    """Login is required for every page unless the view is declared public.

    The API (``/api/``) authenticates each operation itself (token or session) and answers 401 in
    JSON, so it is left to django-ninja; the URL-walk test checks both.
    """

    def process_view(self, request: Any, view_func: Any, view_args: Any, view_kwargs: Any) -> Any:
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
