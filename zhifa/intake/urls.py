from django.urls import path

from zhifa.core.views import section_placeholder

app_name = "intake"

urlpatterns = [
    path("", section_placeholder, {"key": "intake"}, name="index"),
]
