from __future__ import annotations

from ninja import Router, Schema

from .roles import role_labels, user_roles

router = Router(tags=["账号"])


class MeOut(Schema):
    username: str
    full_name: str
    town: str | None
    roles: list[str]
    role_labels: list[str]


@router.get("/me", response=MeOut, summary="当前用户")
def me(request):
    user = request.user
    return MeOut(
        username=user.username,
        full_name=user.full_name,
        town=str(user.town) if user.town else None,
        roles=sorted(user_roles(user)),
        role_labels=role_labels(user),
    )
