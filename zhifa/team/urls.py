from django.urls import path

from . import views

app_name = "team"

urlpatterns = [
    path("", views.index, name="index"),
    path("officers/<int:pk>/", views.officer_detail, name="officer"),
    path("squadrons/", views.squadrons, name="squadrons"),
    path("liaison/", views.liaison, name="liaison"),
    path("duty/", views.duty, name="duty"),
    path("public/<str:town_code>/", views.public_list, name="public"),
    path("public/<str:town_code>/photo/<int:pk>/", views.public_photo, name="public_photo"),
]
