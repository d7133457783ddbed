from django.urls import path

from zhifa.core.views import section_placeholder

app_name = "disclosure"

urlpatterns = [
    path("", section_placeholder, {"key": "disclosure"}, name="index"),
]
