"""The double random draw (双随机), as a pure function of its recorded inputs.

Anyone holding a draw's ``inputs`` (stored with it, and shown on its page and in the API) can
re-run ``draw_run(inputs)`` with this module alone and must get the stored ``result``; the draw's
seal hashes both. Algorithm ``zhifa-draw-v1`` (ADR 0019):

1. Subjects: weighted sampling without replacement by Efraimidis–Spirakis exponential keys.
   The candidates are taken in ascending id order; a ``random.Random`` seeded with the string
   ``"<seed>:subjects"`` gives one ``u = random()`` per candidate; the key is
   ``-ln(1 - u) / weight(level)``; the ``k`` smallest keys are drawn (ties by id), in key order.
   This equals drawing one subject at a time with probability proportional to its weight.
2. Officers: for each drawn subject in that order, the officers of the pool not in conflict with
   it (回避) are shuffled by ``random.Random("<seed>:officers")``'s ``random()`` keys and then
   stably sorted by how many inspections they already got in this draw; the first ``per`` are
   drawn. The load balancing keeps the pairs fair; the shuffle keeps them random.

Only ``random.random()`` and string seeding are used: both are guaranteed by Python to give the
same sequence across versions, so a draw re-runs anywhere.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import random
from collections.abc import Iterable
from typing import Any

from zhifa.core.models.audit import canonical_json

ALGORITHM = "zhifa-draw-v1"


def sha256_of(value: Any) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def seal_of(*, algorithm: str, seed: str, inputs_sha256: str, result_sha256: str) -> str:
    return sha256_of(
        {
            "algorithm": algorithm,
            "seed": seed,
            "inputs": inputs_sha256,
            "result": result_sha256,
        }
    )


def subjects_draw(
    *, seed: str, candidates: Iterable[tuple[int, str]], weights: dict[str, float], k: int
) -> list[int]:
    """The ids of ``k`` candidates ``(id, level)`` drawn with probability ∝ weight(level)."""
    rng = random.Random(f"{seed}:subjects")
    keyed = []
    for subject_id, level in sorted(candidates):
        weight = float(weights.get(level, 0))
        u = rng.random()  # drawn for every candidate, so one's weight never shifts another's u
        if weight <= 0:
            continue
        keyed.append((-math.log(1.0 - u) / weight, subject_id))
    return [subject_id for _, subject_id in heapq.nsmallest(k, keyed)]


def officers_draw(
    *,
    seed: str,
    subjects: list[int],
    pool: Iterable[int],
    conflicts: Iterable[tuple[int, int]],
    per: int,
) -> list[list[int]]:
    """For each subject (in order), ``per`` officer ids from the pool, never one in conflict."""
    rng = random.Random(f"{seed}:officers")
    pool = sorted(set(pool))
    barred: dict[int, set[int]] = {}
    for subject_id, officer_id in conflicts:
        barred.setdefault(subject_id, set()).add(officer_id)
    load = dict.fromkeys(pool, 0)
    pairs = []
    for subject_id in subjects:
        order = {officer: rng.random() for officer in pool}
        free = [o for o in pool if o not in barred.get(subject_id, set())]
        chosen = sorted(free, key=lambda o: (load[o], order[o]))[:per]
        if len(chosen) < per:
            raise ValueError(f"subject {subject_id} has fewer than {per} officers free of conflict")
        for officer in chosen:
            load[officer] += 1
        pairs.append(chosen)
    return pairs


def draw_run(inputs: dict[str, Any]) -> dict[str, Any]:
    """The result of a draw from its canonical inputs (see ``services.draw_inputs``)."""
    if inputs.get("algorithm") != ALGORITHM:
        raise ValueError(f"unknown draw algorithm {inputs.get('algorithm')!r}")
    seed = str(inputs["seed"])
    candidates = [(int(c[0]), str(c[1])) for c in inputs["candidates"]]
    subjects = subjects_draw(
        seed=seed, candidates=candidates, weights=inputs["weights"], k=int(inputs["k"])
    )
    pairs = officers_draw(
        seed=seed,
        subjects=subjects,
        pool=inputs["officers"],
        conflicts=[(int(a), int(b)) for a, b in inputs["conflicts"]],
        per=int(inputs["per"]),
    )
    return {
        "subjects": [
            {"subject": subject_id, "officers": pair}
            for subject_id, pair in zip(subjects, pairs, strict=True)
        ]
    }


def sample_size(*, mode: str, ratio: int | None, count: int | None, population: int) -> int:
    """How many to draw: a ratio of the population (rounded up) or a count, never more than it."""
    wanted = math.ceil(population * (ratio or 0) / 100) if mode == "ratio" else (count or 0)
    return max(0, min(wanted, population))
