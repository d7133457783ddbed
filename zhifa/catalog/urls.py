from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.index, name="index"),
    path("summary/", views.summary, name="summary"),
    path("items/new/", views.item_edit, name="item_new"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/allocation/", views.item_allocation, name="item_allocation"),
    path("items/<int:pk>/recognition/", views.item_recognition, name="item_recognition"),
    path("items/<int:pk>/retire/", views.item_retire, name="item_retire"),
    path("items/<int:pk>/lexicon/", views.item_lexicon, name="item_lexicon"),
    path("import/", views.import_page, name="import"),
    path("export.xlsx", views.export, name="export"),
    path("demo.xlsx", views.demo_file, name="demo_file"),
    path("public/<str:town_code>/", views.public_list, name="public"),
]
