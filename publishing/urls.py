from django.urls import include, path

from . import views

PUBLISHED = "published/<slug:area_slug>/<slug:plan_slug>/"
VERSION = PUBLISHED + "v<int:number>/"

# The pages of publishing, namespaced "publishing:": staff pages under documents/, the
# public pages of published plans under published/.
app_patterns = [
    path("documents/", views.document_index, name="document_index"),
    path("documents/<int:plan_id>/v<int:number>/", views.version_documents, name="version_documents"),
    path(
        "documents/<int:plan_id>/v<int:number>/status.json",
        views.version_documents_status,
        name="version_documents_status",
    ),
    path("documents/<int:plan_id>/v<int:number>/render-all", views.render_all, name="render_all"),
    path("documents/<int:plan_id>/v<int:number>/html/<str:format>/", views.document_preview, name="document_preview"),
    path(
        "documents/<int:plan_id>/v<int:number>/html/district/<slug:district>/",
        views.district_preview,
        name="district_preview",
    ),
    path("documents/renders/<int:job_id>/download", views.job_download, name="job_download"),
    path("documents/renders/<int:job_id>/retry", views.job_retry, name="job_retry"),
    path("documents/<int:plan_id>/compliance/", views.compliance, name="compliance"),
    path("documents/<int:plan_id>/v<int:number>/publish/", views.publish, name="publish"),
    path("documents/panel-reviews/<int:review_id>/full-plan.pdf", views.review_full_plan, name="review_full_plan"),
    path("documents/brand/", views.brand_kit, name="brand_kit"),
    path("brand/<slug:area_slug>.css", views.brand_css, name="brand_css"),
    path("brand/<slug:area_slug>/<str:name>", views.brand_image, name="brand_image"),
    path("documents/outcomes/<int:consultation_id>/publish/", views.outcome_publish, name="outcome_publish"),
    path("published/outcomes/<int:consultation_id>/outcome.pdf", views.outcome_pdf, name="outcome_pdf"),
    path("published/", views.published_list, name="published_list"),
    path("data/", views.open_data, name="open_data"),
    path("data/schemas/<slug:name>.schema.json", views.open_data_schema, name="open_data_schema"),
    path(PUBLISHED + "data/plan.json", views.open_plan_json, name="open_plan_json"),
    path(PUBLISHED + "data/priorities.csv", views.open_plan_objectives, name="open_plan_objectives"),
    path(PUBLISHED + "data/grants.csv", views.open_plan_grants, name="open_plan_grants"),
    path(
        "published/panel/<int:review_id>/recommendations.json",
        views.open_recommendations_json,
        name="open_recommendations_json",
    ),
    path(
        "published/panel/<int:review_id>/recommendations.csv",
        views.open_recommendations_csv,
        name="open_recommendations_csv",
    ),
    path("published/outcomes/<int:consultation_id>/outcome.json", views.open_outcome_json, name="open_outcome_json"),
    path("published/outcomes/<int:consultation_id>/outcome.csv", views.open_outcome_csv, name="open_outcome_csv"),
    path(PUBLISHED, views.published_plan, name="published_plan"),
    path(VERSION + "<str:format>/", views.published_document, name="published_document"),
    path(VERSION + "district/<slug:district>/", views.published_district, name="published_district"),
    path(VERSION + "<slug:document>.pdf", views.published_file, name="published_file"),
]

# The service's own pages keep their plain names ("home"), which the layout and settings use.
urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("", include((app_patterns, "publishing"))),
]
