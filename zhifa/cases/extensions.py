"""Where the apps to the right of ``cases`` in the chain plug into the case file.

``cases`` never imports ``coercion`` or ``penalty`` (the chain points one way: DESIGN, Apps); they
register here from their ``AppConfig.ready`` what the case file must know of them: the checks a
case must pass before it ends, the measures whose clocks belong to a case, the step forms and page
sections of the case page, the pages mounted under ``/cases/``, the attachments of a transfer and
what a change of the case's party must respect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Run before a case is closed or withdrawn; each raises ``RuleViolation`` to refuse.
end_checks: list[Callable[[Any], None]] = []
# Run before a case is closed (not withdrawn); each raises ``RuleViolation`` to refuse.
close_checks: list[Callable[[Any], None]] = []
# Models with a ``case`` foreign key whose ``Deadline`` rows count as the case's clocks.
measure_models: list[type] = []
# verb → step form class (with ``label``, ``reviewer_step``, ``available(case)`` and ``perform``);
# ``first`` forms come before the case file's own steps on the page, the others after them.
step_forms_first: dict[str, type] = {}
step_forms_after: dict[str, type] = {}
# (template name, context builder) for sections of the case page; a builder returns None to skip.
page_sections: list[tuple[str, Callable[[Any], dict[str, Any] | None]]] = []
# Rows (name, pages) of a case's documents that travel with a transfer letter.
transfer_attachments: list[Callable[[Any], list[dict[str, str]]]] = []
# Run (case, subject) in the transaction that changes a case's party, on the locked case: the guards
# before anything (each raises ``DomainError`` to refuse), the followers once the party really
# changes (they may still refuse, or carry the new party into their own rows).
party_guards: list[Callable[[Any, Any], None]] = []
party_followers: list[Callable[[Any, Any], None]] = []
# URL patterns mounted in the ``cases`` namespace (public paths under /cases/ stay where they were).
urlpatterns: list[Any] = []


def step_forms() -> dict[str, type]:
    return {**step_forms_first, **step_forms_after}


def ends_check(case: Any, *, closing: bool) -> None:
    """Every registered check before the case ends; ``closing`` adds the close-only ones."""
    for check in end_checks + (close_checks if closing else []):
        check(case)


def page_context(case: Any) -> tuple[list[str], dict[str, Any]]:
    templates: list[str] = []
    context: dict[str, Any] = {}
    for template, build in page_sections:
        extra = build(case)
        if extra is not None:
            templates.append(template)
            context.update(extra)
    return templates, context
