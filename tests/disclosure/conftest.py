"""The case-ready town of the cases tests (S5's company, fine rules, officers), and a helper that
decides S5's penalty on its story date."""

from __future__ import annotations

from tests.cases import conftest as _cases

_media = _cases._media
cells, fresh_index, places = _cases.cells, _cases.fresh_index, _cases.places
domains, departments, squadrons, make_officer = (
    _cases.domains,
    _cases.departments,
    _cases.squadrons,
    _cases.make_officer,
)
items, handlers, party, new_case = _cases.items, _cases.handlers, _cases.party, _cases.new_case
dust_rules, company, proposed_case, notified_case = (
    _cases.dust_rules,
    _cases.company,
    _cases.proposed_case,
    _cases.notified_case,
)
decide = _cases.decide
