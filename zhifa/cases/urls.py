from django.urls import path

from . import extensions, views, views_approvals, views_files

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.new, name="new"),
    path("approvals/", views_approvals.inbox, name="approvals"),
    path("approvals/<int:pk>/decide/", views_approvals.decide, name="approval_decide"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/records/new/", views.record_new, name="record_new"),
    path("<int:pk>/evidence/new/", views.evidence_new, name="evidence_new"),
    path("<int:pk>/evidence/<int:evidence_id>/file", views.evidence_file, name="evidence_file"),
    path("<int:pk>/party/", views.party, name="party"),
    path(
        "<int:pk>/documents/<int:doc_id>.<str:kind>",
        views_files.document_file,
        name="document_file",
    ),
    path("<int:pk>/dossier.pdf", views.dossier, name="dossier"),
    path("<int:pk>/steps/<slug:verb>/", views.step, name="step"),
    path("subjects/<int:subject_id>/", views.subject_cases, name="subject_cases"),
    # pages of the apps to the right in the chain (penalty: the deadline board, on the spot)
    *extensions.urlpatterns,
]
