"""Runs each app's demo seeder (``zhifa/<app>/demo.py``: ``seed()``), in the dependency order of
settings.ZHIFA_APPS, one transaction each. Every seeder is idempotent."""

from __future__ import annotations

import importlib

from django.conf import settings
from django.db import transaction


def demo_seeders() -> list:
    seeders = []
    for app in settings.ZHIFA_APPS:
        try:
            module = importlib.import_module(f"{app}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.demo":
                raise
            continue
        seeders.append((app, module.seed))
    return seeders


def seed_demo(*, stdout=None) -> None:
    for app, seed in demo_seeders():
        with transaction.atomic():
            seed()
        if stdout is not None:
            stdout.write(f"  ✓ {app}")
