"""Suggest catalog items from a lead's text: jieba words + character uni/bigrams, TF-IDF, and a linear (SVM)
model trained on the town's catalog (item names, domains, legal provisions) and its past cases.

The model trains in tens of milliseconds, so it is cached per town and retrained when the
catalog or the town's cases change (a cheap fingerprint query decides; see ADR 0015).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

import jieba
import numpy
from django.db.models import Count, Max
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

jieba.setLogLevel(logging.WARNING)

_lock = threading.Lock()
_models: dict[int, tuple[tuple[Any, ...], Classifier | None]] = {}

# Words that say nothing about the matter; leads are full of them.
STOP = set(
    [
        "的",
        "了",
        "在",
        "有",
        "是",
        "和",
        "与",
        "及",
        "我",
        "你",
        "他",
        "她",
        "们",
        "这",
        "那",
        "个",
        "人",
        "说",
        "反映",
        "群众",
        "来电",
        "市民",
        "村民",
        "请",
        "求",
        "要求",
        "处理",
        "相关",
        "部门",
        "情况",
        "问题",
        "一个",
        "没有",
        "附近",
        "现在",
        "一直",
        "已经",
        "希望",
        "尽快",
        "核实",
        "进行",
        "对",
        "被",
        "把",
        "给",
        "等",
    ]
)


def words(text: str) -> list[str]:
    return [w for w in jieba.lcut(text) if w.strip() and w not in STOP and not w.isdigit()]


@dataclass(frozen=True)
class Suggestion:
    item_id: int
    code: str
    name: str
    domain: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "code": self.code,
            "name": self.name,
            "domain": self.domain,
            "score": round(self.score, 3),
        }


class Classifier:
    def __init__(self, texts: list[str], labels: list[int], items: dict[int, dict[str, str]]):
        self.items = items
        # Character uni/bigrams carry most of the signal in short colloquial Chinese; jieba words
        # add whole terms (采矿, 秸秆) at half weight. Measured in bench/intake_classify.py.
        self.pipeline = Pipeline(
            [
                (
                    "features",
                    FeatureUnion(
                        [
                            (
                                "words",
                                TfidfVectorizer(
                                    tokenizer=words,
                                    token_pattern=None,
                                    lowercase=False,
                                    sublinear_tf=True,
                                ),
                            ),
                            (
                                "chars",
                                TfidfVectorizer(
                                    analyzer="char", ngram_range=(1, 2), sublinear_tf=True
                                ),
                            ),
                        ],
                        transformer_weights={"words": 0.5, "chars": 1.0},
                    ),
                ),
                ("model", LinearSVC(C=0.5)),
            ]
        )
        self.pipeline.fit(texts, labels)

    def suggest(self, text: str, limit: int = 3) -> list[Suggestion]:
        margins = self.pipeline.decision_function([text])[0]
        # A softmax over the margins: a relative confidence for display, not a probability.
        weights = numpy.exp((margins - margins.max()) * 10.0)
        scores = weights / weights.sum()
        classes = self.pipeline.named_steps["model"].classes_
        ranked = sorted(zip(classes, scores, strict=True), key=lambda p: -p[1])[:limit]
        return [
            Suggestion(
                item_id=int(pk),
                code=self.items[int(pk)]["code"],
                name=self.items[int(pk)]["name"],
                domain=self.items[int(pk)]["domain"],
                score=float(p),
            )
            for pk, p in ranked
        ]


def _fingerprint(town_id: int) -> tuple[Any, ...]:
    from zhifa.cases.models import Case
    from zhifa.catalog.models import LegalProvision, PowerItem

    items = PowerItem.all_towns.filter(town_id=town_id).aggregate(
        n=Count("pk"), at=Max("updated_at")
    )
    laws = LegalProvision.all_towns.filter(item__town_id=town_id).aggregate(
        n=Count("pk"), m=Max("pk")
    )
    cases = Case.all_towns.filter(town_id=town_id).aggregate(n=Count("pk"), m=Max("pk"))
    return (items["n"], items["at"], laws["n"], laws["m"], cases["n"], cases["m"])


def training_set(town_id: int) -> tuple[list[str], list[int], dict[int, dict[str, str]]]:
    """One text per item (name, domain, provisions) and one per past case (cause and summary)."""
    from zhifa.cases.models import Case
    from zhifa.catalog.models import PowerItem

    texts: list[str] = []
    labels: list[int] = []
    items: dict[int, dict[str, str]] = {}
    for item in (
        PowerItem.all_towns.filter(town_id=town_id)
        .select_related("domain")
        .prefetch_related("provisions")
    ):
        domain = item.domain.name if item.domain_id else ""
        items[item.pk] = {"code": item.code, "name": item.name, "domain": domain}
        name = item.name.removeprefix("对").removesuffix("的行政处罚").removesuffix("的处罚")
        texts.append(f"{item.name} {name} {domain}")
        labels.append(item.pk)
        for provision in item.provisions.all():
            texts.append(f"{name} {provision.law} {provision.text[:400]}")
            labels.append(item.pk)
    for case in Case.all_towns.filter(town_id=town_id).prefetch_related("items"):
        for item in case.items.all():
            if item.pk in items:
                texts.append(f"{case.cause} {case.summary}")
                labels.append(item.pk)
    return texts, labels, items


def classifier_for(town_id: int) -> Classifier | None:
    """The town's model, retrained when its fingerprint moved; None with fewer than two items."""
    fingerprint = _fingerprint(town_id)
    cached = _models.get(town_id)
    if cached and cached[0] == fingerprint:
        return cached[1]
    with _lock:
        texts, labels, items = training_set(town_id)
        model = Classifier(texts, labels, items) if len(set(labels)) >= 2 else None
        _models[town_id] = (fingerprint, model)
    return model


def suggest(*, town_id: int, text: str, limit: int = 3) -> list[Suggestion]:
    model = classifier_for(town_id)
    return model.suggest(text, limit) if model else []


def cache_clear() -> None:
    _models.clear()
