from django.urls import path

from zhifa.core.views import section_placeholder

app_name = "grid"

urlpatterns = [
    path("", section_placeholder, {"key": "grid"}, name="index"),
]
