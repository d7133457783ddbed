from django.urls import path

from zhifa.core.views import section_placeholder

app_name = "catalog"

urlpatterns = [
    path("", section_placeholder, {"key": "catalog"}, name="index"),
]
