"""The one way other modules and apps reach a case and the people acting on it from a request:
the acting user, the case (through the object gate ``case_get_for_user``), this town's officers,
parties and approving heads, and a measure's row with its case checked. Pages and the API of
``cases``, ``coercion`` and ``penalty`` all use these; a refusal is a Chinese ``Forbidden`` or
``DomainError``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from zhifa.core.errors import DomainError, Forbidden, NotFound
from zhifa.grid.models import Subject
from zhifa.team.models import Officer

from . import selectors as sel
from .models import Case


def page_town(request: HttpRequest) -> Any:
    if getattr(request, "town", None) is None:
        raise Forbidden("请先选择所在乡镇")
    return request.town  # type: ignore[attr-defined]


def actor_require(user: Any) -> None:
    if not sel.can_act(user):
        raise Forbidden("该操作仅限执法队员、中队长或队长")


def page_actor(request: HttpRequest) -> Any:
    actor_require(request.user)
    return request.user


def form_perform(form: Any, actor: Any) -> Any:
    """Run the form's service; a refusal goes back onto the form so nothing typed is lost."""
    try:
        return form.perform(actor=actor)
    except DomainError as error:
        form.add_error(None, error.message)
        return None


def api_actor(request: Any) -> Any:
    if not sel.can_act(request.user):
        raise Forbidden("该操作仅限执法队员、中队长或队长")
    if getattr(request, "town", None) is None:
        raise Forbidden("请先选择所在乡镇")
    return request.user


def api_case(request: Any, case_id: int) -> Case:
    return sel.case_get_for_user(request.user, case_id)


def api_officers(request: Any, ids: list[int] | None) -> list[Officer] | None:
    if not ids:
        return None
    found = list(Officer.objects.filter(pk__in=ids, town=request.town).select_related("user"))
    if len(found) != len(set(ids)):
        raise DomainError("所选执法人员不存在或不属于本镇", code="bad_officer")
    return found


def api_subject(request: Any, pk: int | None) -> Subject | None:
    if not pk:
        return None
    found = Subject.objects.filter(pk=pk, town=request.town).first()
    if found is None:
        raise DomainError("当事人不存在或不属于本镇", code="bad_subject")
    return found


def api_approver(request: Any, pk: int | None) -> Any:
    """The approving head is the caller, always: approval is the head's own act (ADR 0028). A
    body naming someone else is refused — an officer's step that needs approval is asked for on
    the case page and waits in the leaders' inbox (待我审批)."""
    if pk and pk != request.user.pk:
        raise Forbidden(
            "批准须由负责人本人作出，不能在申请中填写他人为批准人；"
            "请在案件页面提请批准，由负责人在“待我审批”中批准"
        )
    return request.user


def api_owned(model: Any, request: Any, pk: int) -> Any:
    obj = model.objects.filter(pk=pk).select_related("case").first()
    if obj is None:
        raise NotFound("未找到该记录")
    sel.case_get_for_user(request.user, obj.case_id)
    return obj
