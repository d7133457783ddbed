"""What the penalty rules share: the answer of a clock, money in yuan, the kind of party."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zhifa.core.articles import (
    CITIZEN,
    ORGANISATION,
)
from zhifa.core.errors import DomainError


@dataclass(frozen=True)
class Clock:
    """A computed date and whether the calendar behind it is only provisional."""

    due: dt.date
    provisional: bool = False
    warning: str = ""


def _yuan(value: Decimal | int | str | None) -> Decimal:
    try:
        return Decimal(str(value if value not in (None, "") else 0))
    except ArithmeticError as error:
        raise DomainError("金额应为数字", code="bad_amount") from error


def party_kind_of(subject: Any) -> str:
    """citizen for an individual, organisation for a company, site owner or other body."""
    kind = getattr(subject, "kind", "")
    return CITIZEN if kind == "individual" else ORGANISATION
