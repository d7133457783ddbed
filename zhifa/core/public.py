"""The frame every public page (公示, no login) shares: the town's name, its public contacts and
the portal's sections, on ``core/public_base.html``.

The contacts are kept by the 公示 section, to the right of every app whose public page uses the
frame; it registers a provider here when it loads (``contacts_provider``), so the power list and
the officers page show the same contacts as the portal without importing it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ContactsProvider = Callable[[Any], Any]

_providers: list[ContactsProvider] = []


def contacts_provider(provider: ContactsProvider) -> ContactsProvider:
    """Register ``provider(town)``, returning an object with ``phone``, ``complaint_phone``,
    ``address``, ``hours`` and ``supervision`` (or None when the town has none on file)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def town_contacts(town: Any) -> Any:
    """The town's public contacts from the first provider that has them, or None."""
    if getattr(town, "pk", None) is None:  # a page of no one town (the list of towns)
        return None
    for provider in _providers:
        found = provider(town)
        if found is not None:
            return found
    return None
