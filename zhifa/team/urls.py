from django.urls import path

from zhifa.core.views import section_placeholder

app_name = "team"

urlpatterns = [
    path("", section_placeholder, {"key": "team"}, name="index"),
]
