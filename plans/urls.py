from django.urls import path

from . import views
from .word import views as word_views

app_name = "plans"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("new/", views.PlanCreateView.as_view(), name="plan_create"),
    # Word documents: a plan imported from one, a version or the draft exported as one
    path("import/", word_views.NewPlanWordUploadView.as_view(), name="word_import_new"),
    path("imports/<int:import_id>/", word_views.WordImportPreviewView.as_view(), name="word_import_preview"),
    path("<int:plan_id>/import/", word_views.WordUploadView.as_view(), name="word_import"),
    path("<int:plan_id>/word/", word_views.DraftWordView.as_view(), name="draft_word"),
    # The police area and its Districts
    path("area/", views.AreaDetailView.as_view(), name="area_detail"),
    path("area/edit/", views.AreaEditView.as_view(), name="area_edit"),
    path("area/districts/new/", views.DistrictCreateView.as_view(), name="district_create"),
    path("area/districts/<int:district_id>/", views.DistrictEditView.as_view(), name="district_edit"),
    path("area/districts/<int:district_id>/picture/", views.DistrictPictureView.as_view(), name="district_picture"),
    path("area/districts/<int:district_id>/remove/", views.DistrictRemoveView.as_view(), name="district_remove"),
    path("<int:plan_id>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("<int:plan_id>/edit/", views.PlanEditView.as_view(), name="plan_edit"),
    path("<int:plan_id>/changes/", views.PlanChangesView.as_view(), name="plan_changes"),
    # Sections of the working draft
    path("<int:plan_id>/sections/new/", views.SectionCreateView.as_view(), name="section_create"),
    path("<int:plan_id>/sections/<int:section_id>/", views.SectionEditView.as_view(), name="section_edit"),
    path("<int:plan_id>/sections/<int:section_id>/delete/", views.SectionDeleteView.as_view(), name="section_delete"),
    path("<int:plan_id>/sections/<int:section_id>/image/", views.SectionImageView.as_view(), name="section_image"),
    path(
        "<int:plan_id>/sections/<int:section_id>/history/", views.SectionHistoryView.as_view(), name="section_history"
    ),
    path(
        "<int:plan_id>/sections/<int:section_id>/history/<int:history_id>/restore/",
        views.SectionRestoreView.as_view(),
        name="section_restore",
    ),
    # Objectives and their commitments
    path("<int:plan_id>/objectives/new/", views.ObjectiveCreateView.as_view(), name="objective_create"),
    path("<int:plan_id>/objectives/<int:objective_id>/", views.ObjectiveEditView.as_view(), name="objective_edit"),
    path(
        "<int:plan_id>/objectives/<int:objective_id>/easy-read/",
        views.ObjectiveEasyReadView.as_view(),
        name="objective_easy_read",
    ),
    path(
        "<int:plan_id>/objectives/<int:objective_id>/delete/",
        views.ObjectiveDeleteView.as_view(),
        name="objective_delete",
    ),
    path(
        "<int:plan_id>/objectives/<int:objective_id>/commitments/new/",
        views.CommitmentCreateView.as_view(),
        name="commitment_create",
    ),
    path("<int:plan_id>/commitments/<int:commitment_id>/", views.CommitmentEditView.as_view(), name="commitment_edit"),
    path(
        "<int:plan_id>/commitments/<int:commitment_id>/move/",
        views.CommitmentMoveView.as_view(),
        name="commitment_move",
    ),
    path(
        "<int:plan_id>/commitments/<int:commitment_id>/delete/",
        views.CommitmentDeleteView.as_view(),
        name="commitment_delete",
    ),
    # Grants
    path("<int:plan_id>/grants/new/", views.GrantCreateView.as_view(), name="grant_create"),
    path("<int:plan_id>/grants/<int:grant_id>/", views.GrantEditView.as_view(), name="grant_edit"),
    path("<int:plan_id>/grants/<int:grant_id>/delete/", views.GrantDeleteView.as_view(), name="grant_delete"),
    # The budget
    path("<int:plan_id>/budget/new/", views.BudgetLineCreateView.as_view(), name="budget_line_create"),
    path("<int:plan_id>/budget/<int:line_id>/", views.BudgetLineEditView.as_view(), name="budget_line_edit"),
    path("<int:plan_id>/budget/<int:line_id>/delete/", views.BudgetLineDeleteView.as_view(), name="budget_line_delete"),
    # Milestones
    path("<int:plan_id>/milestones/", views.MilestoneListView.as_view(), name="milestone_list"),
    path("<int:plan_id>/milestones/timeline/", views.MilestoneTimelineView.as_view(), name="milestone_timeline"),
    path("<int:plan_id>/milestones/new/", views.MilestoneCreateView.as_view(), name="milestone_create"),
    path("<int:plan_id>/milestones/<int:milestone_id>/", views.MilestoneEditView.as_view(), name="milestone_edit"),
    path(
        "<int:plan_id>/milestones/calendar/<str:token>/milestones.ics",
        views.milestone_calendar,
        name="milestone_calendar",
    ),
    path(
        "<int:plan_id>/milestones/calendar/reset/",
        views.CalendarLinkResetView.as_view(),
        name="calendar_link_reset",
    ),
    # Versions
    path("<int:plan_id>/versions/", views.VersionListView.as_view(), name="version_list"),
    path("<int:plan_id>/versions/cut/", views.VersionCutView.as_view(), name="version_cut"),
    path("<int:plan_id>/versions/compare/", views.VersionCompareView.as_view(), name="version_compare"),
    path("<int:plan_id>/versions/<int:number>/", views.VersionDetailView.as_view(), name="version_detail"),
    path("<int:plan_id>/versions/<int:number>/word/", word_views.VersionWordView.as_view(), name="version_word"),
]
