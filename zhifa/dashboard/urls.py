from django.urls import path

from . import views, views_annual, views_monthly
from . import views_supervision as sv

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("county/", views.county, name="county"),
    path("warnings/", views.warnings, name="warnings"),
    path("town/<str:code>/", views.town, name="town"),
    path("town/<str:code>/list/<slug:key>/", views.drill, name="drill"),
    path("town/<str:code>/heat.json", views.heat, name="heat"),
    path("town/<str:code>/monthly/", views_monthly.reports, name="monthly"),
    path("town/<str:code>/monthly/generate/", views_monthly.generate, name="monthly_generate"),
    path(
        "town/<str:code>/monthly/<int:pk>.<str:kind>",
        views_monthly.download,
        name="monthly_download",
    ),
    path(
        "town/<str:code>/monthly/preview.<str:kind>",
        views_monthly.preview,
        name="monthly_preview",
    ),
    path("town/<str:code>/annual/<int:year>/", views_annual.annual_town, name="annual"),
    path("county/annual/<int:year>/", views_annual.annual_county, name="annual_county"),
    path("reviews/", sv.reviews, name="reviews"),
    path("reviews/draw/", sv.review_draw, name="review_draw"),
    path("reviews/<int:pk>/", sv.review, name="review"),
    path("opinions/", sv.opinions, name="opinions"),
    path("opinions/new/", sv.opinion_new, name="opinion_new"),
    path("opinions/<int:pk>/", sv.opinion, name="opinion"),
    path("public/<str:town_code>/<int:year>/", views_annual.annual_public, name="annual_public"),
]
