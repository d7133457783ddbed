"""The main navigation: sections in the order of the method 清单 · 队伍 · 网格 · 机制, and what
decides whether a user is offered a link or a button at all.

URL names only (no imports of the apps), so core stays at the left of the dependency line. A view
declares who may open it with ``@guarded(check)``: the decorator runs ``check(user)`` (which
raises ``Forbidden`` to refuse) before the view, and keeps it on the view, so ``may_open(user,
url_name)`` asks the very check the view will make — the sidebar, the home page and the pages'
buttons never keep a second list of roles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from .errors import Forbidden, NotFound

Check = Callable[[Any], None]


def guarded(check: Check) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Refuse the view unless ``check(request.user)`` passes; record the check on the view."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            check(request.user)
            return view(request, *args, **kwargs)

        wrapper.zhifa_access = check  # type: ignore[attr-defined]
        return wrapper

    return decorator


def view_allows(view: Callable[..., Any], user: Any) -> bool:
    """Whether the view's declared check lets the user in (a view without one: signed-in users)."""
    check = getattr(view, "zhifa_access", None)
    if check is None:
        return True
    try:
        check(user)
    except (Forbidden, NotFound, PermissionDenied):
        return False
    return True


def may_open(user: Any, url_name: str, *args: Any) -> bool:
    """Whether to offer the user a link (or a form's button) to ``url_name``."""
    if not getattr(user, "is_authenticated", False):
        return False
    try:
        match = resolve(reverse(url_name, args=args))
    except (NoReverseMatch, Resolver404):
        return False
    return view_allows(match.func, user)


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    url_name: str
    icon: str
    summary: str
    # other pages of the section, offered (first one allowed) to a user who may not open url_name
    also: tuple[str, ...] = ()

    def url_for(self, user: Any) -> str | None:
        """The section's page this user may open, or None (the section is not offered)."""
        for name in (self.url_name, *self.also):
            if may_open(user, name):
                return reverse(name)
        return None


SECTIONS: tuple[Section, ...] = (
    Section(
        "catalog",
        "清单",
        "catalog:index",
        "list-check",
        "权责清单：下放事项、实施依据、原实施部门、裁量基准与清单互认。",
    ),
    Section(
        "team",
        "队伍",
        "team:index",
        "users-group",
        "执法队伍：执法队员与执法证、两个中队、“1+1+1”联络、辅助人员与后备人员库、值班表。",
        also=("team:liaison",),
    ),
    Section(
        "grid",
        "网格",
        "grid:index",
        "map-2",
        "网格：片区、村、单元网格地图，网格员与巡查，监管对象及其历史。",
    ),
    Section(
        "intake",
        "线索",
        "intake:index",
        "inbox",
        "线索：12345 工单、巡查发现、网格上报、县级移送函、群众举报，分拨与答复。",
    ),
    Section(
        "cases",
        "案件",
        "cases:index",
        "briefcase",
        "案件：立案、调查取证、责令改正、强制措施、协助函、处罚程序、移送与联动执法、结案。",
    ),
    Section(
        "inspections",
        "检查",
        "inspections:index",
        "clipboard-check",
        "行政检查：双随机抽查计划、随机抽取、检查清单、检查码与结果公示。",
    ),
    Section(
        "documents",
        "文书",
        "documents:index",
        "file-text",
        "执法文书：生成、编号、打印、送达与卷宗。",
    ),
    Section(
        "dashboard", "统计", "dashboard:index", "chart-bar", "统计：驾驶舱、期限看板、报表与导出。"
    ),
    Section(
        "disclosure",
        "公示",
        "disclosure:index",
        "speakerphone",
        "公示：权责清单、执法人员、处罚决定的公开与撤回。",
    ),
)
