"""Django admin: national holidays (for every instansi, so only the superuser edits them) and each
instansi's rounding of the distribution curve (its admin edits their own). The evaluation data
itself is changed only through the app's services, which keep its history."""

from django.contrib import admin
from django.http import HttpRequest

from organisasi.admin import TerbatasInstansiAdmin
from penilaian.models import HariLibur, PengaturanDistribusi


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


@admin.register(PengaturanDistribusi)
class PengaturanDistribusiAdmin(TerbatasInstansiAdmin):
    """One row per instansi; without one the instansi rounds bawah-atas. The admin instansi
    sees and sets only their own (TerbatasInstansiAdmin scopes rows and the instansi choice)."""

    list_display = ["instansi", "pembulatan", "diubah_oleh", "diubah"]
    list_select_related = ["instansi", "diubah_oleh"]
    readonly_fields = ["diubah_oleh", "diubah"]

    def save_model(
        self, request: HttpRequest, obj: PengaturanDistribusi, form, change: bool
    ) -> None:  # noqa: ANN001
        obj.diubah_oleh = request.user
        super().save_model(request, obj, form, change)
