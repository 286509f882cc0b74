"""Django admin: national holidays (for every instansi, so only the superuser edits them). The
evaluation data itself is changed only through the app's services, which keep its history."""

from django.contrib import admin

from penilaian.models import HariLibur


@admin.register(HariLibur)
class HariLiburAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "nama"]
    date_hierarchy = "tanggal"
    search_fields = ["nama"]

    def has_module_permission(self, request) -> bool:  # noqa: ANN001
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return request.user.is_superuser

    has_add_permission = has_change_permission = has_delete_permission = (
        lambda self, request, obj=None: request.user.is_superuser
    )
