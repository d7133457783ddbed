"""The cockpit's map heat: cases registered in the period per 单元网格 and per village, over the
grid's cell outlines (GeoJSON, WGS-84, as the grid stores them). One grouped count per cell in
the database; the cells' shapes come from the grid."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Q

from zhifa.grid.models import GridCell

from .metrics import Period
from .sources import ACTIVE_STATES, Case


def heat_geojson(*, town_id: int, period: Period) -> dict[str, Any]:
    """Every cell of the town with ``n`` (cases registered in the period in the cell) and
    ``open`` (of them, still being handled), and the same summed over its village; cases
    without a cell are counted in ``unplaced``."""
    counts = {
        row["cell_id"]: row
        for row in Case.all_towns.filter(town_id=town_id)
        .filter(period.times("registered_at"))
        .values("cell_id")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(state__in=ACTIVE_STATES)))
        .order_by()
    }
    cells = list(GridCell.all_towns.filter(town_id=town_id).select_related("village"))
    village_n: dict[int, int] = defaultdict(int)
    village_open: dict[int, int] = defaultdict(int)
    for cell in cells:
        row = counts.get(cell.pk) or {}
        village_n[cell.village_id] += row.get("n", 0)
        village_open[cell.village_id] += row.get("open", 0)
    features = []
    for cell in cells:
        row = counts.get(cell.pk) or {}
        features.append(
            {
                "type": "Feature",
                "geometry": cell.geometry,
                "properties": {
                    "code": cell.code,
                    "name": cell.name,
                    "village": cell.village.name,
                    "village_code": cell.village.code,
                    "n": row.get("n", 0),
                    "open": row.get("open", 0),
                    "village_n": village_n[cell.village_id],
                    "village_open": village_open[cell.village_id],
                },
            }
        )
    unplaced = counts.get(None) or {}
    return {
        "type": "FeatureCollection",
        "features": features,
        "unplaced": unplaced.get("n", 0),
        "period": period.label,
    }
