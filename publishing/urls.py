from django.urls import include, path

from . import views

# The staff pages that render a plan's documents, namespaced "publishing:".
documents = [
    path("", views.document_index, name="document_index"),
    path("<int:plan_id>/v<int:number>/", views.version_documents, name="version_documents"),
    path("<int:plan_id>/v<int:number>/status.json", views.version_documents_status, name="version_documents_status"),
    path("<int:plan_id>/v<int:number>/render-all", views.render_all, name="render_all"),
    path("<int:plan_id>/v<int:number>/html/<str:format>/", views.document_preview, name="document_preview"),
    path("<int:plan_id>/v<int:number>/html/district/<slug:district>/", views.district_preview, name="district_preview"),
    path("renders/<int:job_id>/download", views.job_download, name="job_download"),
    path("renders/<int:job_id>/retry", views.job_retry, name="job_retry"),
]

# The service's own pages keep their plain names ("home"), which the layout and settings use.
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("documents/", include((documents, "publishing"))),
]
