"""Demo catalog for the demo towns (idempotent)."""

from __future__ import annotations

from zhifa.core.models import Town

from .demo_departments import seed_departments


def seed() -> None:
    for town in Town.objects.filter(code__in=["140924101", "140924103"]):
        seed_departments(town)
