"""What a town's model learns from, and fitting it with a calibration measured on held-out folds.

Training texts: the corpus of everyday complaint language (``intake/corpus``, labelled with the
demo catalog's item codes, used for the town's items with the same code), each item's name and
everyday words (群众常用说法), the town's past cases (cause and summary), and the items squadron
leaders confirmed or corrected at triage (``TriageLabel``, counted twice: the town's own words).
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy
from scipy.optimize import minimize_scalar
from sklearn.model_selection import KFold

from .model import Classifier, pipeline, softmax

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "complaints.tsv"
LABEL_WEIGHT = 2.0
FOLDS = 5
MIN_HELD_OUT = 30  # fewer lead-like texts than this: no calibration, never confident


@dataclass(frozen=True)
class CorpusRow:
    text: str
    domain: str
    item_code: str
    style: str


@cache
def corpus() -> tuple[CorpusRow, ...]:
    with CORPUS.open(encoding="utf-8", newline="") as f:
        return tuple(
            CorpusRow(r["text"], r["domain"], r["item_code"], r["style"])
            for r in csv.DictReader(f, delimiter="\t")
        )


@cache
def corpus_digest() -> str:
    return hashlib.sha256(CORPUS.read_bytes()).hexdigest()[:16]


def short_name(name: str) -> str:
    return name.removeprefix("对").removesuffix("的行政处罚").removesuffix("的处罚")


@dataclass
class TrainingSet:
    texts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    # True for lead-like texts (corpus, cases, triage labels): the folds of the calibration.
    held: list[bool] = field(default_factory=list)
    lexicons: dict[str, list[str]] = field(default_factory=dict)
    items: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, text: str, code: str, *, weight: float = 1.0, held: bool = True) -> None:
        text = (text or "").strip()
        if text and code in self.items:
            self.texts.append(text)
            self.labels.append(code)
            self.weights.append(weight)
            self.held.append(held)

    def digest(self) -> str:
        """Identical training data gives an identical model (reused without refitting)."""
        data = [self.texts, self.labels, self.weights, self.held, sorted(self.lexicons.items())]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


def training_set(town_id: int) -> TrainingSet:
    from zhifa.cases.models import Case
    from zhifa.catalog.models import PowerItem

    from .models import TriageLabel

    ts = TrainingSet()
    for item in PowerItem.all_towns.filter(town_id=town_id, is_retired=False).select_related(
        "domain"
    ):
        domain = item.domain.name if item.domain_id else ""
        ts.items[item.code] = {"id": item.pk, "name": item.name, "domain": domain}
        ts.lexicons[item.code] = item.lexicon_terms
    for code in sorted(ts.items):
        ts.add(short_name(ts.items[code]["name"]), code, held=False)
        if ts.lexicons[code]:
            ts.add("、".join(ts.lexicons[code]), code, held=False)
    for row in corpus():
        ts.add(row.text, row.item_code)
    cases = Case.all_towns.filter(town_id=town_id).prefetch_related("items").order_by("pk")
    for case in cases:
        for item in case.items.all():
            ts.add(f"{case.cause} {case.summary}", item.code)
    labels = TriageLabel.all_towns.filter(town_id=town_id).select_related("item").order_by("pk")
    for label in labels:
        ts.add(label.text, label.item.code, weight=LABEL_WEIGHT)
    return ts


def fit(ts: TrainingSet, *, precision: float) -> Classifier | None:
    """Fit on everything; calibrate the temperature and the confidence threshold on held-out
    folds of the lead-like texts (never on an evaluation set)."""
    if len(set(ts.labels)) < 2:
        return None
    fitted = pipeline(ts.lexicons).fit(ts.texts, ts.labels, model__sample_weight=ts.weights)
    classifier = Classifier(fitted)
    held = numpy.flatnonzero(ts.held)
    if len(held) >= MIN_HELD_OUT:
        _calibrate(classifier, ts, held, precision=precision)
    return classifier.compact()


def _calibrate(
    classifier: Classifier, ts: TrainingSet, held: numpy.ndarray, *, precision: float
) -> None:
    classes = classifier.classes
    index = {c: j for j, c in enumerate(classes)}
    margins = numpy.zeros((len(held), len(classes)))
    always = [i for i, h in enumerate(ts.held) if not h]
    for train, test in KFold(FOLDS, shuffle=True, random_state=0).split(held):
        rows = always + [int(i) for i in held[train]]
        part = pipeline(ts.lexicons).fit(
            [ts.texts[i] for i in rows],
            [ts.labels[i] for i in rows],
            model__sample_weight=[ts.weights[i] for i in rows],
        )
        # Every item has its name in every fold, so the classes line up with the full model's.
        assert list(part.named_steps["model"].classes_) == classes
        margins[test] = part.decision_function([ts.texts[int(i)] for i in held[test]])
    truth = numpy.array([index[ts.labels[int(i)]] for i in held])

    def nll(t: float) -> float:
        p = softmax(margins, t)[numpy.arange(len(truth)), truth]
        return float(-numpy.log(numpy.clip(p, 1e-12, None)).mean())

    temperature = float(minimize_scalar(nll, bounds=(0.05, 50), method="bounded").x)
    probs = softmax(margins, temperature)
    confidence = probs.max(axis=1)
    top = probs.argmax(axis=1)
    correct = top == truth
    top3 = numpy.argsort(-probs, axis=1)[:, :3]
    domains = [ts.items[c]["domain"] for c in classes]
    threshold = _threshold(confidence, correct, precision)
    confident = confidence >= threshold
    classifier.temperature = temperature
    classifier.threshold = threshold
    classifier.metrics = {
        "held_out": len(held),
        "top1_item": round(float(correct.mean()), 4),
        "top3_item": round(float((top3 == truth[:, None]).any(axis=1).mean()), 4),
        "top1_domain": round(
            float(numpy.mean([domains[a] == domains[b] for a, b in zip(top, truth, strict=True)])),
            4,
        ),
        "temperature": round(temperature, 4),
        "threshold": round(threshold, 4),
        "precision_target": precision,
        "confident_share": round(float(confident.mean()), 4),
        "confident_precision": round(float(correct[confident].mean()), 4)
        if confident.any()
        else None,
    }


def _threshold(confidence: numpy.ndarray, correct: numpy.ndarray, precision: float) -> float:
    """The lowest confidence at which the suggestions at or above it are right at least
    ``precision`` of the time; above every score (never confident) when none is."""
    order = numpy.argsort(-confidence)
    hits = numpy.cumsum(correct[order])
    counts = numpy.arange(1, len(order) + 1)
    ok = numpy.flatnonzero(hits / counts >= precision)
    if len(ok) == 0:
        return 1.01
    return float(confidence[order][ok[-1]])
