"""Bounded field types for the API schemas: what the edge accepts, documented in the OpenAPI.

Every id, count, page, date and text an operation takes has a range, so a caller learns the limit
from the schema and gets a 422 in the one error shape instead of a database error. Text limits
come from the model's column where there is one (``model_lengths``), otherwise ``Line``/``Text``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.db import models
from ninja import Query, Schema
from pydantic import ConfigDict, Field

# Ids are positive and fit PostgreSQL's bigint (SQLite's integer); larger ones name nothing.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# Day counts of legal periods: the longest in the law is years, never centuries.
Days = Annotated[int, Field(ge=0, le=3650)]
# A date the working-day calendar can work with (core.workdays.CALENDAR_YEARS); facts are
# further checked by the rules (catalog.rules.fact_date_require).
Day = Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2099, 12, 31))]
Year = Annotated[int, Field(ge=1900, le=2099)]
# Money and areas: two decimals, within the columns (max_digits 12 for areas, 14 for money).
Amount = Annotated[Decimal, Field(ge=0, le=Decimal("9999999999.99"), decimal_places=2)]
Lat = Annotated[float, Field(ge=-90, le=90)]
Lng = Annotated[float, Field(ge=-180, le=180)]
# A one-line value (a name, a number, a code) and a free text (facts, reasons, opinions).
Line = Annotated[str, Field(max_length=200)]
Text = Annotated[str, Field(max_length=20000)]

MAX_PAGE = 200
MAX_OFFSET = 1_000_000


def limit_param(default: int = 50) -> Any:
    """A page size: 1 to 200."""
    return Query(default, ge=1, le=MAX_PAGE)


def offset_param() -> Any:
    """A page start: 0 to one million."""
    return Query(0, ge=0, le=MAX_OFFSET)


def max_length(model: type[models.Model], field: str) -> int:
    """The column's limit of a model's text field (a TextField gets ``Text``'s)."""
    found = model._meta.get_field(field)
    return getattr(found, "max_length", None) or 20000


def sized(model: type[models.Model], field: str) -> Any:
    """``Annotated[str, …]`` limited to the length of ``model.field``'s column."""
    return Annotated[str, Field(max_length=max_length(model, field))]


class OpenSchema(Schema):
    """An answer whose named fields are fixed and which may gain others (never lose or retype)."""

    model_config = ConfigDict(extra="allow")
