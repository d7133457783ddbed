from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.index, name="index"),
    path("templates/", views.gallery, name="gallery"),
    path("templates/<slug:code>/", views.template_detail, name="template"),
    path("templates/<slug:code>/preview.<str:kind>", views.template_preview, name="preview"),
    path("templates/<slug:code>/new/", views.draft_new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/issue/", views.issue, name="issue"),
    path("<int:pk>/void/", views.void, name="void"),
    path("<int:pk>/download.<str:kind>", views.download, name="download"),
]
