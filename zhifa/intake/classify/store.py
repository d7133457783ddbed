"""A town's model versions: trained by a background job, stored in the database, loaded by each
process that triages.

``suggest`` uses the town's latest version. When the training data moved since (a confirmed or
corrected item, a new case, an edited lexicon or catalog), it enqueues ``retrain_classifier`` and
goes on with the version it has, so triage never waits for training; only a town without any
version trains at once (in the task worker, where triage runs).
"""

from __future__ import annotations

import hashlib
import pickle
import threading
import time
import zlib
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max

from .model import Classifier, Suggestion, Triage
from .models import ClassifierVersion, TriageLabel
from .training import corpus_digest, fit, training_set

FEATURES_VERSION = 2  # bump when the features or the model change: every town retrains
KEEP_BLOBS = 3  # older versions keep their figures, not their model

_lock = threading.RLock()
_loaded: dict[int, tuple[int, str, Classifier]] = {}
_fitted: dict[str, Classifier | None] = {}
_scheduled: set[tuple[int, str]] = set()
_checked: dict[int, float] = {}


def check_seconds() -> float:
    """How often a process compares a town's data with its latest version (a few queries)."""
    default = 0 if getattr(settings, "TESTING", False) else 10
    return float(getattr(settings, "ZHIFA_INTAKE_MODEL_CHECK_SECONDS", default))


def precision_target() -> float:
    """How often a suggestion marked confident must be right on held-out folds."""
    return float(getattr(settings, "ZHIFA_INTAKE_CONFIDENT_PRECISION", 0.9))


def fingerprint(town_id: int) -> str:
    """A cheap summary of everything the town's model learns from."""
    from zhifa.cases.models import Case
    from zhifa.catalog.models import LegalProvision, PowerItem

    parts: list[Any] = [FEATURES_VERSION, corpus_digest(), precision_target()]
    parts += (
        PowerItem.all_towns.filter(town_id=town_id)
        .aggregate(n=Count("pk"), at=Max("updated_at"))
        .values()
    )
    parts += (
        LegalProvision.all_towns.filter(item__town_id=town_id)
        .aggregate(n=Count("pk"), m=Max("pk"))
        .values()
    )
    parts += Case.all_towns.filter(town_id=town_id).aggregate(n=Count("pk"), m=Max("pk")).values()
    parts += (
        TriageLabel.all_towns.filter(town_id=town_id)
        .aggregate(n=Count("pk"), m=Max("pk"), at=Max("created_at"))
        .values()
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def latest(town_id: int) -> ClassifierVersion | None:
    return (
        ClassifierVersion.all_towns.filter(town_id=town_id)
        .defer("blob")
        .order_by("-version")
        .first()
    )


def model_train(*, town_id: int, force: bool = False) -> ClassifierVersion | None:
    """Train a new version unless the latest was trained on the same data; None when the town
    has fewer than two items."""
    current = fingerprint(town_id)
    last = latest(town_id)
    if last is not None and last.fingerprint == current and not force:
        return last
    started = time.perf_counter()
    ts = training_set(town_id)
    key = ts.digest()
    with _lock:
        if key not in _fitted:
            if len(_fitted) >= 8:
                _fitted.pop(next(iter(_fitted)))
            _fitted[key] = fit(ts, precision=precision_target())
        model = _fitted[key]
    if model is None:
        return None
    blob = zlib.compress(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    try:
        with transaction.atomic():
            number = (
                ClassifierVersion.all_towns.filter(town_id=town_id).aggregate(m=Max("version"))["m"]
                or 0
            ) + 1
            row = ClassifierVersion.all_towns.create(
                town_id=town_id,
                version=number,
                fingerprint=current,
                texts=len(ts.texts),
                labels=TriageLabel.all_towns.filter(town_id=town_id).count(),
                threshold=model.threshold,
                seconds=round(time.perf_counter() - started, 3),
                metrics=model.metrics,
                blob=blob,
            )
            ClassifierVersion.all_towns.filter(
                town_id=town_id, version__lte=number - KEEP_BLOBS
            ).exclude(blob=b"").update(blob=b"")
    except IntegrityError:
        # A concurrent job saved the same version number first; its model is as new as ours.
        return latest(town_id)
    with _lock:
        _loaded[town_id] = (row.pk, row.fingerprint, model)
    return row


def model_for(town_id: int) -> tuple[ClassifierVersion, Classifier] | None:
    row = latest(town_id)
    if row is None:
        row = model_train(town_id=town_id)
        if row is None:
            return None
    elif time.monotonic() - _checked.get(town_id, -1e9) >= check_seconds():
        _checked[town_id] = time.monotonic()
        current = fingerprint(town_id)
        if row.fingerprint != current:
            _schedule(town_id, current)
            row = latest(town_id) or row  # an immediate backend has trained it already
    with _lock:
        cached = _loaded.get(town_id)
        if cached is not None and cached[:2] == (row.pk, row.fingerprint):
            return row, cached[2]
    blob = ClassifierVersion.all_towns.filter(pk=row.pk).values_list("blob", flat=True).first()
    if not blob:
        return None
    model: Classifier = pickle.loads(zlib.decompress(bytes(blob)))  # our own database's bytes
    with _lock:
        _loaded[town_id] = (row.pk, row.fingerprint, model)
    return row, model


def _schedule(town_id: int, current: str) -> None:
    with _lock:
        if (town_id, current) in _scheduled:
            return
        _scheduled.add((town_id, current))
    from ..tasks import retrain_classifier

    retrain_classifier.enqueue(town_id)


def suggest(*, town_id: int, text: str, limit: int = 3) -> Triage:
    """The top items for a text, with the version that said so and whether it is confident."""
    found = model_for(town_id)
    if found is None:
        return Triage(suggestions=[], confident=False, confidence=0.0, model=None)
    row, model = found
    from zhifa.catalog.models import PowerItem

    ranked = model.rank(text, limit)
    items = {
        i.code: i
        for i in PowerItem.all_towns.filter(
            town_id=town_id, code__in=[c for c, _ in ranked]
        ).select_related("domain")
    }
    suggestions = [
        Suggestion(
            item_id=items[code].pk,
            code=code,
            name=items[code].name,
            domain=items[code].domain.name if items[code].domain_id else "",
            score=score,
            model=row.version,
        )
        for code, score in ranked
        if code in items
    ]
    confidence = suggestions[0].score if suggestions else 0.0
    return Triage(
        suggestions=suggestions,
        confident=bool(suggestions) and confidence >= model.threshold,
        confidence=confidence,
        model=row.version,
    )


def cache_clear() -> None:
    with _lock:
        _loaded.clear()
        _scheduled.clear()
        _checked.clear()
