from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Consultation, EngagementEvent, Response, SubjectRequest, Theme


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "audience", "opens_at", "closes_at"]
    list_filter = ["audience"]
    raw_id_fields = ["version"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["reference", "consultation", "respondent_type", "state", "received_at"]
    list_filter = ["state", "respondent_type"]
    search_fields = ["reference"]
    raw_id_fields = ["consultation", "district"]
    readonly_fields = ["text", "network_address", "received_at"]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "consultation"]


@admin.register(EngagementEvent)
class EngagementEventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "held_on", "kind", "district"]


@admin.register(SubjectRequest)
class SubjectRequestAdmin(admin.ModelAdmin):
    list_display = ["kind", "responses_count", "handled_by", "handled_at"]
