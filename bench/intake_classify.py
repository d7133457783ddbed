"""Classifier accuracy on the labelled set (tests/intake/labelled.py) against the demo catalog.

Run: .venv/bin/python bench/intake_classify.py  (builds a throw-away SQLite database)
Prints training time, prediction time, top-1 and top-3 domain accuracy, and the misses.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ZHIFA_VAR_DIR"] = tempfile.mkdtemp(prefix="zhifa-bench-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    from tests.intake.labelled import LABELLED
    from zhifa.accounts.demo import demo_towns
    from zhifa.catalog.demo import seed as seed_catalog
    from zhifa.intake import classify
    from zhifa.intake.classify import training_set

    town = demo_towns()["main"]
    seed_catalog()
    texts, labels, _ = training_set(town.pk)
    started = time.perf_counter()
    model = classify.classifier_for(town.pk)
    trained = (time.perf_counter() - started) * 1000
    classify.words("预热分词")
    top1 = top3 = 0
    misses = []
    started = time.perf_counter()
    for text, domain in LABELLED:
        got = model.suggest(text, limit=3)
        top1 += got[0].domain == domain
        top3 += domain in {s.domain for s in got}
        if got[0].domain != domain:
            misses.append((text, domain, f"{got[0].code} {got[0].name}"))
    per = (time.perf_counter() - started) * 1000 / len(LABELLED)
    domains = len({d for _, d in LABELLED})
    print(f"training set: {len(texts)} texts over {len(set(labels))} items")
    print(f"labelled set: {len(LABELLED)} texts over {domains} domains")
    print(
        f"training (incl. jieba load on first run): {trained:.0f} ms; prediction {per:.1f} ms/text"
    )
    print(f"top-1 domain accuracy: {top1 / len(LABELLED):.1%}  top-3: {top3 / len(LABELLED):.1%}")
    for text, want, got in misses:
        print(f"  miss [{want}] {text[:28]} → {got}")
    classify.cache_clear()
    started = time.perf_counter()
    classify.classifier_for(town.pk)
    print(f"retrain (jieba warm): {(time.perf_counter() - started) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
