from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Publication, RenderJob


@admin.register(RenderJob)
class RenderJobAdmin(SimpleHistoryAdmin):
    """Read-only: jobs change only through publishing.services (render, retry, freeze)."""

    list_display = ["pk", "version", "format", "district", "status", "progress", "attempts", "page_count", "frozen"]
    list_filter = ["status", "format", "frozen"]
    list_select_related = ["version__plan", "district"]
    search_fields = ["version__plan__title", "sha256", "task_id"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Read-only: a version is published only through publishing.services.plan_publish."""

    list_display = ["version", "published_at", "published_by", "issued_late", "copy_sent_at"]
    list_select_related = ["version__plan", "published_by"]
    search_fields = ["version__plan__title"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
