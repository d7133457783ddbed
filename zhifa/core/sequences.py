"""Gapless numbers per (town, kind, year): case numbers, document numbers (文号).

The number is taken inside the caller's transaction: if the caller rolls back, the number is given
back, so issued numbers have no gaps. PostgreSQL locks the counter row (``select_for_update``);
SQLite runs every transaction as ``BEGIN IMMEDIATE`` (settings), which serialises writers. Never a
database sequence: sequences skip values on rollback.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import Sequence, Town


def sequence_next(*, town: Town, kind: str, year: int) -> int:
    with transaction.atomic():
        rows = Sequence.all_towns.select_for_update()
        row = rows.filter(town=town, kind=kind, year=year).first()
        if row is None:
            try:
                with transaction.atomic():
                    row = Sequence.all_towns.create(town=town, kind=kind, year=year, last_value=0)
            except IntegrityError:
                # Another transaction created it first; wait for its lock and go on from there.
                row = rows.get(town=town, kind=kind, year=year)
        row.last_value += 1
        row.save(update_fields=["last_value"])
        return row.last_value


def sequence_peek(*, town: Town, kind: str, year: int) -> int:
    """The last number issued (0 if none), for display only."""
    row = Sequence.all_towns.filter(town=town, kind=kind, year=year).first()
    return row.last_value if row else 0
