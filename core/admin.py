"""Read-only views for the superuser: the mail queue and the background workers' leases."""

from django.contrib import admin

from core.models import PekerjaLatar, Surel


class HanyaBaca(admin.ModelAdmin):
    """Addresses of every instansi's people: the superuser's only (not an admin instansi's)."""

    def has_module_permission(self, request) -> bool:  # noqa: ANN001
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_add_permission(self, request) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(Surel)
class SurelAdmin(HanyaBaca):
    list_display = ["dibuat", "kepada", "subjek", "status", "percobaan", "terkirim"]
    list_filter = ["status"]
    search_fields = ["kepada", "subjek"]
    date_hierarchy = "dibuat"


@admin.register(PekerjaLatar)
class PekerjaLatarAdmin(HanyaBaca):
    list_display = ["worker_id", "host", "pid", "mulai", "detak"]
