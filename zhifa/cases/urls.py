from django.urls import path

from zhifa.core.views import section_placeholder

app_name = "cases"

urlpatterns = [
    path("", section_placeholder, {"key": "cases"}, name="index"),
]
