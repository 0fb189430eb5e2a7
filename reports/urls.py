from django.urls import path

from . import views

app_name = "reports"

REPORT = "<int:report_id>/"

urlpatterns = [
    path("plans/<int:plan_id>/", views.plan_reports, name="plan_reports"),
    path(REPORT, views.detail, name="detail"),
    path(REPORT + "edit/", views.edit, name="edit"),
    path(REPORT + "compliance/", views.compliance, name="compliance"),
    path(REPORT + "versions/cut/", views.version_cut, name="version_cut"),
    path(REPORT + "versions/compare/", views.version_compare, name="version_compare"),
    path(REPORT + "versions/<int:number>/", views.version_detail, name="version_detail"),
    path(REPORT + "versions/<int:number>/pdf/", views.version_pdf, name="version_pdf"),
]
