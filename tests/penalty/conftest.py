"""The case-ready town of the cases tests (grid, team, catalog items, two certified officers, a
party, S5's company and fine rules, the stall keeper of S4), shared by the penalty tests."""

from __future__ import annotations

from tests.cases import conftest as _cases

_media = _cases._media
ACT_DAY, decide = _cases.ACT_DAY, _cases.decide
cells, fresh_index, places = _cases.cells, _cases.fresh_index, _cases.places
domains, departments, squadrons, make_officer = (
    _cases.domains,
    _cases.departments,
    _cases.squadrons,
    _cases.make_officer,
)
items, handlers, party, new_case = _cases.items, _cases.handlers, _cases.party, _cases.new_case
dust_rules, company, stall, chair = _cases.dust_rules, _cases.company, _cases.stall, _cases.chair
proposed_case, notified_case = _cases.proposed_case, _cases.notified_case
