"""Demo: the 案卷评查 checklist (also seeded by migration 0002; a flushed database needs it again)."""

from __future__ import annotations

import importlib

from .models import ReviewCriterion


def seed() -> None:
    criteria = importlib.import_module("zhifa.dashboard.migrations.0002_review_checklist").CRITERIA
    for sort, (code, label, guidance, score) in enumerate(criteria):
        ReviewCriterion.objects.get_or_create(
            code=code,
            defaults={"label": label, "guidance": guidance, "max_score": score, "sort": sort},
        )
