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
    path(REPORT + "versions/<int:number>/publish/", views.publish, name="publish"),
    path(REPORT + "panel/", views.review, name="review"),
    path(REPORT + "panel/send/", views.send, name="send"),
    path(REPORT + "panel/meeting/", views.meeting, name="meeting"),
    path(REPORT + "panel/report/", views.panel_report, name="panel_report"),
    path(REPORT + "panel/response/", views.response, name="response"),
    path(REPORT + "panel/response/publish/", views.response_publish, name="response_publish"),
    path("published/" + REPORT, views.public, name="public"),
    path("published/" + REPORT + "annual-report.pdf", views.public_pdf, name="public_pdf"),
]
