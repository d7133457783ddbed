"""Mounted at /open311/ by zhifa/urls.py; {format} is xml or json (the view answers others)."""

from django.urls import re_path

from . import views

app_name = "open311"

FMT = r"\.(?P<fmt>[a-z]+)$"

urlpatterns = [
    re_path(r"^discovery" + FMT, views.discovery, name="discovery_root"),
    re_path(r"^v2/discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^v2/services" + FMT, views.service_list, name="services"),
    re_path(r"^v2/services/(?P<code>[\w-]+)" + FMT, views.service_definition, name="service"),
    re_path(r"^v2/requests" + FMT, views.requests, name="requests"),
    re_path(r"^v2/requests/(?P<number>[\w-]+)" + FMT, views.request_detail, name="request"),
    re_path(r"^v2/servicerequestupdates" + FMT, views.updates, name="updates"),
]
