from django.apps import AppConfig


class CoercionConfig(AppConfig):
    name = "zhifa.coercion"
    label = "coercion"
    verbose_name = "强制"

    def ready(self) -> None:
        from zhifa.cases import extensions

        from . import hooks
        from .forms import STEP_FORMS
        from .models import AssistanceRequest, EvidenceHold, Seizure

        if hooks.measures_ended not in extensions.end_checks:
            extensions.end_checks.append(hooks.measures_ended)
            extensions.measure_models.extend([EvidenceHold, Seizure, AssistanceRequest])
            extensions.transfer_attachments.append(hooks.seizure_attachments)
        extensions.step_forms_after.update(STEP_FORMS)
