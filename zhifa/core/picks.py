"""The one answer shape of the pickers' search endpoints (see core/widgets.py): each app's
``GET …/pick/<things>?q=&limit=`` answers ``{"results": [{"id", "label", "hint", ...}]}``,
permission-checked and limited to the caller's town."""

from __future__ import annotations

from typing import Any

from ninja import Schema

from .errors import Forbidden

LIMIT_MAX = 50


class Pick(Schema):
    id: int
    label: str
    hint: str = ""


def pick_limit(limit: int) -> int:
    """A page of results: at least 1, at most LIMIT_MAX."""
    return max(1, min(int(limit), LIMIT_MAX))


def pick_town(request: Any) -> Any:
    """The town the caller acts for; a picker never searches across towns."""
    town = getattr(request, "town", None)
    if town is None:
        raise Forbidden("请先选择所在乡镇")
    return town
