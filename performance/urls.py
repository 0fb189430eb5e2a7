from django.urls import path

from . import views

app_name = "performance"

MANAGE = "manage/<int:plan_id>/"
MEASURE = MANAGE + "measures/<int:measure_id>/"
READING = MEASURE + "readings/<int:reading_id>/"

urlpatterns = [
    path("", views.index, name="index"),
    # Staff pages first, so "manage" is never read as a police area.
    path(MANAGE, views.dashboard, name="dashboard"),
    path(MANAGE + "measures/new/", views.measure_create, name="measure_create"),
    path(MEASURE, views.measure_detail, name="measure_detail"),
    path(MEASURE + "edit/", views.measure_edit, name="measure_edit"),
    path(MEASURE + "readings/new/", views.reading_create, name="reading_create"),
    path(READING + "edit/", views.reading_edit, name="reading_edit"),
    path(READING + "delete/", views.reading_delete, name="reading_delete"),
    path(
        MEASURE + "district-readings/<int:reading_id>/delete/",
        views.district_reading_delete,
        name="district_reading_delete",
    ),
    path(MANAGE + "readings/import/", views.readings_import, name="readings_import"),
    path(MANAGE + "readings/sign-off/", views.sign_off, name="sign_off"),
    path(MANAGE + "readings/template.csv", views.readings_template, name="readings_template"),
    path(MANAGE + "reviews/", views.review_list, name="review_list"),
    path(MANAGE + "reviews/new/", views.review_create, name="review_create"),
    path(MANAGE + "reviews/<int:review_id>/", views.review_detail, name="review_detail"),
    path(MANAGE + "reviews/<int:review_id>/edit/", views.review_edit, name="review_edit"),
    path(MANAGE + "deliverables/", views.deliverable_list, name="deliverable_list"),
    path(MANAGE + "deliverables/new/", views.deliverable_create, name="deliverable_create"),
    path(MANAGE + "deliverables/<int:deliverable_id>/edit/", views.deliverable_edit, name="deliverable_edit"),
    # Public: a published plan's performance, by its area and plan slugs.
    path("<slug:area_slug>/<slug:plan_slug>/", views.public_plan, name="public_plan"),
    path("<slug:area_slug>/<slug:plan_slug>/data.csv", views.public_csv, name="public_csv"),
    path("<slug:area_slug>/<slug:plan_slug>/data.json", views.public_json, name="public_json"),
]
