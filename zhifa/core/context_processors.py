from __future__ import annotations

from typing import Any

from .navigation import SECTIONS
from .notifications import unread_for


def shell(request: Any) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    nav = []
    for section in SECTIONS:
        url = section.url_for(user)  # the view's own check decides (navigation.guarded)
        if url is None:
            continue
        nav.append({"section": section, "url": url, "active": request.path.startswith(url)})
    unread = unread_for(user)
    return {
        "nav": nav,
        "current_town": getattr(request, "town", None),
        "unread_count": unread.count(),
        "unread_latest": list(unread[:5]),
    }
