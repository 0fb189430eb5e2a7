from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Deliverable, Measure, QuarterlyReview, Reading


class ReadingInline(admin.TabularInline):
    model = Reading
    extra = 0
    fields = ("quarter_start", "value", "commentary", "entered_by", "entered_at")
    readonly_fields = ("entered_by", "entered_at")


@admin.register(Measure)
class MeasureAdmin(SimpleHistoryAdmin):
    list_display = ("reference", "name", "plan", "objective", "direction", "baseline_value")
    list_filter = ("plan__area", "direction", "polarity")
    search_fields = ("reference", "name", "outcome")
    raw_id_fields = ("plan", "objective", "created_by")
    inlines = [ReadingInline]


@admin.register(Reading)
class ReadingAdmin(SimpleHistoryAdmin):
    list_display = ("measure", "quarter_start", "value", "entered_by", "entered_at")
    list_filter = ("measure__plan",)
    raw_id_fields = ("measure", "entered_by")


@admin.register(QuarterlyReview)
class QuarterlyReviewAdmin(SimpleHistoryAdmin):
    list_display = ("plan", "month", "held_on", "created_by")
    readonly_fields = ("snapshot",)
    raw_id_fields = ("plan", "created_by")


@admin.register(Deliverable)
class DeliverableAdmin(SimpleHistoryAdmin):
    list_display = ("deliverable", "plan", "timetable", "lead_officer", "status")
    list_filter = ("plan", "status")
    search_fields = ("deliverable", "outcome", "lead_officer")
    raw_id_fields = ("plan", "objective", "updated_by")
