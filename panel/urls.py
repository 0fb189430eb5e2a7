from django.urls import path

from .views import chief_constable, members, public, staff

app_name = "panel"

urlpatterns = [
    # Panel members, and staff reading along.
    path("reviews/", members.review_list, name="review_list"),
    path("reviews/<int:review_id>/", members.review_detail, name="review_detail"),
    path("reviews/<int:review_id>/version/", members.review_version, name="review_version"),
    path("reviews/<int:review_id>/compare/", members.review_compare, name="review_compare"),
    path("reviews/<int:review_id>/word/", members.review_word, name="review_word"),
    path("reviews/<int:review_id>/recommendations/", members.collated, name="collated"),
    path("reviews/<int:review_id>/recommendations/new/", members.recommendation_create, name="recommendation_create"),
    path("reviews/<int:review_id>/report/", members.report_submit, name="report_submit"),
    path("reviews/<int:review_id>/report/attachment/", members.report_attachment, name="report_attachment"),
    path("recommendations/<int:recommendation_id>/edit/", members.recommendation_edit, name="recommendation_edit"),
    path(
        "recommendations/<int:recommendation_id>/withdraw/",
        members.recommendation_withdraw,
        name="recommendation_withdraw",
    ),
    # OPCC staff and the Publisher.
    path("plans/<int:plan_id>/issue/", staff.review_issue, name="review_issue"),
    path("reviews/<int:review_id>/extend/", staff.review_extend, name="review_extend"),
    path("reviews/<int:review_id>/close/", staff.review_close, name="review_close"),
    path("reviews/<int:review_id>/recommendations.csv", staff.collated_csv, name="collated_csv"),
    path("recommendations/<int:recommendation_id>/response/", staff.response_record, name="response_record"),
    path("reviews/<int:review_id>/publish/", staff.response_publish, name="response_publish"),
    # The Chief Constable's consultation.
    path("chief-constable/", chief_constable.cc_version_list, name="cc_version_list"),
    path("chief-constable/versions/<int:version_id>/", chief_constable.cc_version_detail, name="cc_version_detail"),
    path(
        "chief-constable/versions/<int:version_id>/comment/",
        chief_constable.cc_comment_create,
        name="cc_comment_create",
    ),
    # The public record.
    path("responses/", public.published_list, name="published_list"),
    path("responses/<int:review_id>/", public.published_detail, name="published_detail"),
    path("responses/<int:review_id>/report.pdf", public.public_report_attachment, name="public_report_attachment"),
]
