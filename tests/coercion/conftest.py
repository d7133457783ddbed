"""The case-ready town of the cases tests (grid, team, catalog items, two certified officers and
a party), shared by the coercion tests."""

from __future__ import annotations

from tests.cases import conftest as _cases

_media = _cases._media
ACT_DAY = _cases.ACT_DAY
cells, fresh_index, places = _cases.cells, _cases.fresh_index, _cases.places
domains, departments, squadrons, make_officer = (
    _cases.domains,
    _cases.departments,
    _cases.squadrons,
    _cases.make_officer,
)
items, handlers, party, new_case = _cases.items, _cases.handlers, _cases.party, _cases.new_case
