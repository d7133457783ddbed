from django.urls import path

from zhifa.core.views import section_placeholder

app_name = "documents"

urlpatterns = [
    path("", section_placeholder, {"key": "documents"}, name="index"),
]
