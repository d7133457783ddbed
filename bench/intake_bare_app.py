"""WSGI app for bench/intake_throughput.py: Zhifa as deployed, plus one bare Django view at
/bench/bare that inserts one row with a raw SQL statement (the floor to compare with)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.decorators import login_not_required  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402


@csrf_exempt
@login_not_required
def bare(request):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_intake_bare (order_no, body, at) VALUES (%s, %s, now())",
            [request.headers.get("X-Order", ""), request.body.decode("utf-8")],
        )
    return HttpResponse('{"code": "0"}', content_type="application/json", status=201)


urlpatterns = [path("bench/bare", bare), path("", include("zhifa.urls"))]
settings.ROOT_URLCONF = __name__
application = get_wsgi_application()
