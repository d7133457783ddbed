from django.urls import path

from . import views, views_public, views_register, views_site

app_name = "inspections"

urlpatterns = [
    path("", views.index, name="index"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/act/<str:action>/", views.plan_act, name="plan_act"),
    path("draws/<int:pk>/", views.draw_detail, name="draw"),
    path("new/", views_site.new, name="new"),
    path("<int:pk>/", views_site.detail, name="detail"),
    path("<int:pk>/photos/<int:photo_id>", views_site.photo, name="photo"),
    path("<int:pk>/act/<str:action>/", views_site.act, name="act"),
    path("subjects/", views_register.subjects, name="subjects"),
    path("subjects/<int:pk>/", views_register.subject_detail, name="subject"),
    path("checklists/", views_register.checklists, name="checklists"),
    path("public/<str:town_code>/", views_public.public_results, name="public"),
    path("verify/<str:town_code>/", views_public.verify_form, name="verify_form"),
    path("verify/<str:town_code>/<str:code>/", views_public.verify, name="verify"),
]
