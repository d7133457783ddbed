from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import public_view
from .forms import LoginForm
from .roles import role_labels


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


login = public_view(LoginView.as_view())
logout = auth_views.LogoutView.as_view()


def profile(request: HttpRequest) -> HttpResponse:
    tokens = request.user.api_tokens.filter(revoked_at__isnull=True)
    return render(
        request,
        "accounts/profile.html",
        {"roles": role_labels(request.user), "tokens": tokens},
    )
