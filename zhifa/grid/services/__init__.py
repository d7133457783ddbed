"""Writes of the grid: places and cell import, grid members, patrols, check-ins, findings,
subjects. Callers import from here; each concept lives in its own module."""

from .patrols import (
    FINDING_MIN_CHARS,
    PLAN_AHEAD_DAYS,
    grid_member_assign,
    patrol_check_in,
    patrol_day_check,
    patrol_finding_report,
    patrol_finding_take,
    patrol_finish,
    patrol_plan,
)
from .places import (
    MAX_IMPORT_ERRORS_SHOWN,
    SLIVER_MAX_SHARE,
    SLIVER_WIDTH_M,
    ImportResult,
    cells_import,
    village_create,
    zone_create,
)
from .subjects import subject_register

__all__ = [
    "FINDING_MIN_CHARS",
    "MAX_IMPORT_ERRORS_SHOWN",
    "PLAN_AHEAD_DAYS",
    "SLIVER_MAX_SHARE",
    "SLIVER_WIDTH_M",
    "ImportResult",
    "cells_import",
    "grid_member_assign",
    "patrol_check_in",
    "patrol_day_check",
    "patrol_finding_report",
    "patrol_finding_take",
    "patrol_finish",
    "patrol_plan",
    "subject_register",
    "village_create",
    "zone_create",
]
