from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from zhifa.accounts.access import public_view
from zhifa.api import api
from zhifa.core.excel import export_view


@public_view
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask /favicon.ico for what has no <link rel=icon> (the RSS and Atom feeds)."""
    return redirect(static("zhifa/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("", include("zhifa.core.urls")),
    path("accounts/", include("zhifa.accounts.urls")),
    path("catalog/", include("zhifa.catalog.urls")),
    path("grid/", include("zhifa.grid.urls")),
    path("team/", include("zhifa.team.urls")),
    path("documents/", include("zhifa.documents.urls")),
    path("cases/", include("zhifa.cases.urls")),
    path("intake/", include("zhifa.intake.urls")),
    path("open311/", include("zhifa.intake.open311.urls")),
    path("inspections/", include("zhifa.inspections.urls")),
    path("", include("zhifa.disclosure.urls")),  # /disclosure/ (staff) and /gongshi/ (public)
    path("dashboard/", include("zhifa.dashboard.urls")),
    # The API authenticates itself (token or session) and answers 401 in JSON, never a redirect.
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    # Any list's Excel file (core/excel.py): last, so a list's own export URL wins.
    path("<path:list_path>/export.xlsx", export_view, name="list_export"),
]
# No /media/ URL, in development as in production: stored files are served only by the views of
# their apps, which check town and role (core/files.py).

# With DEBUG off: the API's JSON error shape under /api/, the Chinese error page elsewhere.
handler400 = "zhifa.core.edge.bad_request"
handler403 = "zhifa.core.edge.permission_denied"
handler404 = "zhifa.core.edge.page_not_found"
handler500 = "zhifa.core.edge.server_error"
