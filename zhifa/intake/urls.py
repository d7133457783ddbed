from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("report/", views.report, name="report"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/", views.mine_detail, name="mine_detail"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/photos/<int:photo_id>", views.photo, name="photo"),
    path("<int:pk>/act/<str:action>/", views.act, name="act"),
    path("public/track/", views.public_track, name="public_track"),
    path("public/<str:town_code>/report/", views.public_report, name="public_report"),
]
