"""The classifier: TF-IDF over character uni/bigrams and jieba words, one feature per item for
"a word of its lexicon occurs", and a linear SVM over the town's items (classes = item codes).

Scores are a softmax of the SVM margins at a temperature fitted on held-out folds, so they read
as probabilities; below the threshold chosen on those folds the suggestion is 不确定.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from .text import normalize, words

# Measured in bench/intake_classify.py and by cross-validation on the corpus (ADR 0015).
WEIGHTS = {"chars": 1.0, "words": 0.5, "lexicon": 0.3}
SVM_C = 0.3


class LexiconMatch(BaseEstimator, TransformerMixin):
    """One column per item: 1 when one of its everyday words occurs in the text."""

    def __init__(self, lexicons: dict[str, list[str]] | None = None):
        self.lexicons = lexicons

    def fit(self, texts: Any, labels: Any = None) -> LexiconMatch:
        lexicons = self.lexicons or {}
        self.codes_ = sorted(lexicons)
        self.terms_ = [[normalize(t) for t in lexicons[c] if t] for c in self.codes_]
        return self

    def transform(self, texts: Any) -> sparse.csr_matrix:
        rows: list[int] = []
        cols: list[int] = []
        for i, text in enumerate(texts):
            text = normalize(text)
            for j, terms in enumerate(self.terms_):
                if any(term in text for term in terms):
                    rows.append(i)
                    cols.append(j)
        return sparse.csr_matrix(
            (numpy.ones(len(rows)), (rows, cols)), shape=(len(texts), len(self.codes_))
        )


def pipeline(lexicons: dict[str, list[str]]) -> Pipeline:
    return Pipeline(
        [
            (
                "features",
                FeatureUnion(
                    [
                        (
                            "chars",
                            TfidfVectorizer(
                                analyzer="char",
                                ngram_range=(1, 2),
                                sublinear_tf=True,
                                preprocessor=normalize,
                            ),
                        ),
                        (
                            "words",
                            TfidfVectorizer(
                                tokenizer=words,
                                token_pattern=None,
                                lowercase=False,
                                sublinear_tf=True,
                            ),
                        ),
                        ("lexicon", LexiconMatch(lexicons)),
                    ],
                    transformer_weights=WEIGHTS,
                ),
            ),
            ("model", LinearSVC(C=SVM_C)),
        ]
    )


@dataclass(frozen=True)
class Suggestion:
    item_id: int
    code: str
    name: str
    domain: str
    score: float
    model: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "code": self.code,
            "name": self.name,
            "domain": self.domain,
            "score": round(self.score, 3),
            "model": self.model,
        }


@dataclass(frozen=True)
class Triage:
    """What the model says about one text: the top items, and whether it is confident."""

    suggestions: list[Suggestion]
    confident: bool
    confidence: float
    model: int | None

    @property
    def top(self) -> Suggestion | None:
        return self.suggestions[0] if self.suggestions else None


@dataclass
class Classifier:
    """A fitted pipeline with its calibration; classes are item codes, so a model does not
    depend on database ids."""

    pipeline: Pipeline
    temperature: float = 1.0
    threshold: float = 1.01  # never confident until calibrated
    metrics: dict[str, Any] = field(default_factory=dict)

    @property
    def classes(self) -> list[str]:
        return list(self.pipeline.named_steps["model"].classes_)

    def margins(self, texts: list[str]) -> numpy.ndarray:
        return numpy.atleast_2d(self.pipeline.decision_function(texts))

    def probabilities(self, texts: list[str]) -> numpy.ndarray:
        return softmax(self.margins(texts), self.temperature)

    def rank(self, text: str, limit: int = 3) -> list[tuple[str, float]]:
        probs = self.probabilities([text])[0]
        order = numpy.argsort(-probs)[:limit]
        classes = self.pipeline.named_steps["model"].classes_
        return [(str(classes[j]), float(probs[j])) for j in order]

    def compact(self) -> Classifier:
        """Store the coefficients as float32: half the size, the same ranking."""
        model = self.pipeline.named_steps["model"]
        model.coef_ = model.coef_.astype(numpy.float32)
        return self


def softmax(margins: numpy.ndarray, temperature: float) -> numpy.ndarray:
    z = margins * temperature
    z = z - z.max(axis=1, keepdims=True)
    e = numpy.exp(z)
    return e / e.sum(axis=1, keepdims=True)
