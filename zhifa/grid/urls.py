from django.urls import path

from . import views

app_name = "grid"

urlpatterns = [
    path("", views.index, name="index"),
    path("villages/", views.villages, name="villages"),
    path("import/", views.cell_import, name="import"),
    path("subjects/", views.subjects, name="subjects"),
    path("subjects/new/", views.subject_register, name="subject_register"),
    path("patrols/", views.patrols, name="patrols"),
    path("patrols/new/", views.patrol_new, name="patrol_new"),
    path("patrols/<int:pk>/", views.patrol_detail, name="patrol"),
    path("patrols/<int:pk>/check-in/", views.patrol_check_in, name="patrol_check_in"),
    path("patrols/<int:pk>/finding/", views.patrol_finding, name="patrol_finding"),
    path("patrols/<int:pk>/finish/", views.patrol_finish, name="patrol_finish"),
    path("check-ins/<int:pk>/photo/", views.checkin_photo, name="checkin_photo"),
    path("findings/<int:pk>/photo/", views.finding_photo, name="finding_photo"),
]
