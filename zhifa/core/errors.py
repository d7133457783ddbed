"""One domain error type: a stable code for machines and a Chinese message for people.

Services raise these; the API turns them into ``{"code", "message", "details"}`` and pages show the
message. A rule of the law raises ``RuleViolation`` naming its article, and must change nothing.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    code = "invalid"
    status = 400

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: dict[str, Any] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status
        self.details = details or {}

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": self.details}


class NotFound(DomainError):
    code = "not_found"
    status = 404


class Forbidden(DomainError):
    code = "forbidden"
    status = 403


class Conflict(DomainError):
    code = "conflict"
    status = 409


class RuleViolation(DomainError):
    """A legal or workflow rule refused the act. ``article`` names the provision, in Chinese."""

    code = "rule_violation"
    status = 422

    def __init__(self, message: str, *, article: str, code: str | None = None, **details: Any):
        super().__init__(
            f"{message}（{article}）", code=code, details={"article": article, **details}
        )
        self.article = article
