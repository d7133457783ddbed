from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_otp import login as otp_login

from zhifa.core.errors import DomainError

from . import second_factor as sf
from .access import public_view
from .forms import LoginForm
from .roles import role_labels


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


login = public_view(LoginView.as_view())
logout = auth_views.LogoutView.as_view()


def second_factor(request: HttpRequest) -> HttpResponse:
    """Verify the second factor; a user without a confirmed device enrols here first (QR code)."""
    device = sf.confirmed_device(request.user)
    enrolling = device is None
    if enrolling:
        device = sf.enrolment_device(request.user)
    error = ""
    if request.method == "POST":
        try:
            sf.code_check(device, request.POST.get("otp_token", ""))
        except DomainError as failure:
            error = failure.message
        else:
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(sf.safe_next(request))
    # not yet through the door: no navigation, no menus, only the code and a way out
    context = {
        "enrolling": enrolling,
        "error": error,
        "next": sf.safe_next(request),
        "outside_shell": True,
    }
    if enrolling:
        context["qr"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
        context["secret"] = b32encode(device.bin_key).decode()
    return render(request, "accounts/second_factor.html", context, status=422 if error else 200)


def profile(request: HttpRequest) -> HttpResponse:
    tokens = request.user.api_tokens.filter(revoked_at__isnull=True)
    return render(
        request,
        "accounts/profile.html",
        {"roles": role_labels(request.user), "tokens": tokens},
    )
