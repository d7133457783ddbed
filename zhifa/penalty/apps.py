from django.apps import AppConfig


class PenaltyConfig(AppConfig):
    name = "zhifa.penalty"
    label = "penalty"
    verbose_name = "处罚"

    def ready(self) -> None:
        from zhifa.cases import extensions
        from zhifa.core.deadlines import window_kinds_register
        from zhifa.core.queues import queues_register

        from . import hooks
        from .forms import PENALTY_STEP_FORMS

        if hooks.executed not in extensions.close_checks:
            extensions.close_checks.append(hooks.executed)
            extensions.page_sections.append(("penalty/_penalty.html", hooks.page_section))
            extensions.urlpatterns.extend(hooks.urlpatterns())
            extensions.party_guards.append(hooks.party_fixed_after_notice)
            extensions.party_followers.append(hooks.party_follows)
        queues_register(hooks.reviewer_queues)
        extensions.step_forms_first.update(PENALTY_STEP_FORMS)
        # the party's windows after the prior notice (处罚法第四十四条、第六十三条、第六十四条)
        window_kinds_register("statement", "hearing_request")
