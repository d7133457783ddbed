from django.urls import path

from zhifa.core.views import section_placeholder

app_name = "dashboard"

urlpatterns = [
    path("", section_placeholder, {"key": "dashboard"}, name="index"),
]
