"""The admin site: where an administrator sets up the Panel and its members. Reviews,
recommendations and responses are written through the service pages, so the admin shows
them read-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ChiefConstableComment,
    Panel,
    PanelMember,
    PanelReport,
    PanelReview,
    PccResponse,
    Recommendation,
    ResponsePublication,
)


class PanelMemberInline(admin.TabularInline):
    model = PanelMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Panel)
class PanelAdmin(SimpleHistoryAdmin):
    list_display = ["name", "area"]
    inlines = [PanelMemberInline]


@admin.register(PanelMember)
class PanelMemberAdmin(SimpleHistoryAdmin):
    list_display = ["user", "panel", "role", "term_starts_on", "term_ends_on"]
    list_filter = ["panel", "role"]
    autocomplete_fields = ["user"]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """The record of the statutory process: changed only through the services."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PanelReview)
class PanelReviewAdmin(ReadOnlyAdmin):
    list_display = ["version", "panel", "issued_at", "comments_deadline", "meeting_date"]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["number", "review", "author", "target", "submitted_at", "withdrawn_at"]
    list_filter = ["review"]


@admin.register(PanelReport)
class PanelReportAdmin(ReadOnlyAdmin):
    list_display = ["review", "submitted_by", "submitted_at"]


@admin.register(PccResponse)
class PccResponseAdmin(ReadOnlyAdmin):
    list_display = ["recommendation", "outcome", "recorded_by", "recorded_at"]


@admin.register(ResponsePublication)
class ResponsePublicationAdmin(ReadOnlyAdmin):
    list_display = ["review", "published_at", "published_by"]


@admin.register(ChiefConstableComment)
class ChiefConstableCommentAdmin(ReadOnlyAdmin):
    list_display = ["version", "recorded_on", "recorded_by"]
