"""Triage classifier figures against the demo catalog: training and retraining time, prediction
time per text, the held-out (cross-validated) figures the calibration saw, and — on the
independent evaluation set (tests/intake/data/eval_independent.tsv, written by another writer and
never trained on) — top-1 domain, top-3 item, the confident share and a per-domain confusion table.

Run: .venv/bin/python bench/intake_classify.py [--misses]  (builds a throw-away SQLite database)
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ZHIFA_VAR_DIR"] = tempfile.mkdtemp(prefix="zhifa-bench-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

EVAL = ROOT / "tests" / "intake" / "data" / "eval_independent.tsv"


def evaluate(town, rows: list[dict[str, str]], *, misses: bool) -> None:
    from zhifa.catalog.models import Domain
    from zhifa.intake import classify

    domains = [d.name for d in Domain.objects.order_by("sort")]
    confusion: dict[str, Counter] = defaultdict(Counter)
    top1 = top3 = items = item1 = confident = confident_right = 0
    _, model = classify.model_for(town.pk)
    started = time.perf_counter()
    for r in rows:
        model.rank(r["text"])
    per_model = (time.perf_counter() - started) * 1000 / len(rows)
    started = time.perf_counter()
    results = [classify.suggest(town_id=town.pk, text=r["text"]) for r in rows]
    per = (time.perf_counter() - started) * 1000 / len(rows)
    for row, got in zip(rows, results, strict=True):
        predicted = got.top.domain if got.top else "—"
        confusion[row["domain"]][predicted] += 1
        top1 += predicted == row["domain"]
        confident += got.confident
        if row.get("item_code"):
            items += 1
            codes = [s.code for s in got.suggestions]
            top3 += row["item_code"] in codes
            item1 += bool(codes) and codes[0] == row["item_code"]
            confident_right += got.confident and bool(codes) and codes[0] == row["item_code"]
        if misses and predicted != row["domain"]:
            print(f"  miss [{row['domain']}→{predicted}] {row['text'][:40]}")
    n = len(rows)
    print(f"texts: {n} ({items} with an item code)")
    print(
        f"prediction: model {per_model:.2f} ms/text; suggest() with item lookup {per:.2f} ms/text"
    )
    print(
        f"top-1 domain: {top1 / n:.1%}   top-3 item: {top3 / max(items, 1):.1%}   "
        f"top-1 item: {item1 / max(items, 1):.1%}"
    )
    print(
        f"confident: {confident / n:.1%} of texts; top-1 item right when confident: "
        f"{confident_right}/{confident} of those with an item code"
    )
    short = [d[:4] for d in domains]
    print("confusion (rows: labelled domain, columns: predicted domain)")
    print(f"{'':>8}" + "".join(f"{s:>6}" for s in short) + f"{'acc':>8}")
    for d in domains:
        total = sum(confusion[d].values())
        if not total:
            continue
        cells = "".join(f"{confusion[d][c]:>6}" for c in domains)
        print(f"{d:>8}{cells}{confusion[d][d] / total:>8.0%}")


def main() -> None:
    misses = "--misses" in sys.argv
    call_command("migrate", verbosity=0)
    from tests.intake.labelled import LABELLED
    from zhifa.accounts.demo import demo_towns
    from zhifa.catalog.demo import seed as seed_catalog
    from zhifa.intake import classify

    town = demo_towns()["main"]
    seed_catalog()
    started = time.perf_counter()
    row = classify.model_train(town_id=town.pk)
    first = time.perf_counter() - started
    print(f"training set: {row.texts} texts; first training (incl. jieba load): {first:.2f} s")
    for key, value in row.metrics.items():
        print(f"  held-out {key}: {value}")
    classify.store._fitted.clear()
    started = time.perf_counter()
    again = classify.model_train(town_id=town.pk, force=True)
    print(
        f"retraining (fit + 5-fold calibration, jieba warm): {time.perf_counter() - started:.2f} s"
        f" → v{again.version}, model {len(again.blob or b'') / 1024:.0f} KiB"
    )
    print("\n— dev set (tests/intake/labelled.py, domain labels only) —")
    evaluate(town, [{"text": t, "domain": d} for t, d in LABELLED], misses=misses)
    if EVAL.exists():
        with EVAL.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        print(f"\n— independent evaluation set ({EVAL.relative_to(ROOT)}) —")
        evaluate(town, rows, misses=misses)
    else:
        print(f"\n(no independent set at {EVAL.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
