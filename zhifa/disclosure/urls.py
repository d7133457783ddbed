"""公示: the staff board under /disclosure/ and the public portal under /gongshi/ (no login)."""

from django.urls import path

from . import views, views_public

app_name = "disclosure"

urlpatterns = [
    path("disclosure/", views.index, name="index"),
    path("disclosure/preview/<int:case_id>/", views.preview, name="preview"),
    path("gongshi/", views_public.towns, name="towns"),
    path("gongshi/<str:town_code>/", views_public.portal, name="portal"),
    path("gongshi/<str:town_code>/decisions/", views_public.decisions, name="decisions"),
    path("gongshi/<str:town_code>/decisions/<int:pk>/", views_public.decision, name="decision"),
    path("gongshi/<str:town_code>/decisions/rss.xml", views_public.rss, name="rss"),
    path("gongshi/<str:town_code>/decisions/atom.xml", views_public.atom, name="atom"),
    path("gongshi/<str:town_code>/decisions.json", views_public.listing, name="listing"),
]
