"""Triage's classifier (ADR 0015): suggest catalog items for a lead's text, with a calibrated
confidence and the model version that said so. See ``model`` (features, SVM), ``training``
(what a town's model learns from; calibration on held-out folds) and ``store`` (versions trained
in the background, loaded per process)."""

from .model import Classifier, Suggestion, Triage
from .store import cache_clear, fingerprint, latest, model_for, model_train, suggest
from .text import words

__all__ = [
    "Classifier",
    "Suggestion",
    "Triage",
    "cache_clear",
    "fingerprint",
    "latest",
    "model_for",
    "model_train",
    "suggest",
    "words",
]
