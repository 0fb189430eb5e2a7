from django.urls import path

from .views import analysis, outcome, public, records, staff, your_response

app_name = "consultation"

urlpatterns = [
    # Public: anyone, no account.
    path("", public.consultation_list, name="list"),
    path("<int:consultation_id>/", public.consultation_detail, name="detail"),
    path("<int:consultation_id>/respond/", public.respond, name="respond"),
    path("<int:consultation_id>/sent/<str:reference>/", public.sent, name="sent"),
    path("<int:consultation_id>/comments/", public.published_comments, name="comments"),
    path("<int:consultation_id>/outcome/", outcome.outcome_public, name="outcome"),
    path("outcome/stop/<str:token>/", outcome.outcome_unsubscribe_view, name="outcome_unsubscribe"),
    path("your-response/", your_response.your_response_lookup, name="your_response_lookup"),
    path("your-response/<str:token>/", your_response.your_response, name="your_response"),
    path("your-response/<str:token>/download.json", your_response.your_response_json, name="your_response_json"),
    # Staff: editors of the plan's police area.
    path("manage/", staff.ManageListView.as_view(), name="manage_list"),
    path("manage/plans/<int:plan_id>/new/", staff.ConsultationCreateView.as_view(), name="create"),
    path("manage/<int:consultation_id>/", staff.consultation_manage, name="manage"),
    path("manage/<int:consultation_id>/edit/", staff.ConsultationEditView.as_view(), name="edit"),
    path("manage/<int:consultation_id>/responses/", staff.response_list, name="responses"),
    path("manage/<int:consultation_id>/responses/bulk/", staff.response_bulk, name="responses_bulk"),
    path("manage/<int:consultation_id>/responses.csv", analysis.response_export, name="responses_csv"),
    path("manage/<int:consultation_id>/themes/", staff.theme_list, name="themes"),
    path("manage/<int:consultation_id>/outcome/", outcome.outcome_manage, name="outcome_manage"),
    path("manage/<int:consultation_id>/outcome/themes/<int:theme_id>/", outcome.theme_outcome, name="theme_outcome"),
    path("manage/links/<int:link_id>/remove/", outcome.change_link_delete, name="change_link_remove"),
    path("manage/<int:consultation_id>/analysis/", analysis.analysis, name="analysis"),
    path("manage/<int:consultation_id>/analysis/print/", analysis.analysis_print, name="analysis_print"),
    path("manage/<int:consultation_id>/analysis/complete/", analysis.analysis_complete, name="analysis_complete"),
    path("manage/responses/<int:response_id>/", staff.response_detail, name="response_detail"),
    path("manage/responses/<int:response_id>/moderate/", staff.response_moderate_view, name="response_moderate"),
    path("manage/responses/<int:response_id>/redact/", staff.response_redact_view, name="response_redact"),
    path("manage/responses/<int:response_id>/themes/", staff.response_themes_view, name="response_themes"),
    path("manage/responses/<int:response_id>/original/", staff.response_original_view, name="response_original"),
    path("manage/responses/<int:response_id>/link/", outcome.response_link, name="response_link"),
    path("manage/plans/<int:plan_id>/events/", records.event_list, name="events"),
    path("manage/plans/<int:plan_id>/events/new/", records.EventFormView.as_view(), name="event_create"),
    path("manage/events/<int:event_id>/edit/", records.EventFormView.as_view(), name="event_edit"),
    path("manage/personal-data/", records.personal_data, name="personal_data"),
    path("manage/personal-data/export/", records.personal_data_export, name="personal_data_export"),
    path("manage/personal-data/erase/", records.personal_data_erase, name="personal_data_erase"),
]
