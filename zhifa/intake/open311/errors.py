"""The one error of the Open311 endpoint, rendered as the spec's error list."""

from __future__ import annotations


class Open311Error(Exception):
    """An error in the spec's shape: HTTP 400 (bad request), 403 (api_key), 404 (unknown)."""

    def __init__(self, status: int, *problems: str):
        super().__init__(problems[0] if problems else "")
        self.status = status
        self.problems = [(str(status), p) for p in problems]
