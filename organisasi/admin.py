"""Django admin for the organisation, scoped: an admin instansi sees and edits only its data."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from organisasi.akun import Kendali, catat_ganti_email, selaraskan_akun
from organisasi.forms import PegawaiAdminForm
from organisasi.models import (
    AdminInstansi,
    ImporPegawai,
    Instansi,
    Jabatan,
    Pegawai,
    PenugasanSementara,
    RiwayatEmailAkun,
    SaluranUbahAkun,
    UnitKerja,
)
from organisasi.selectors import instansi_dikelola


class TerbatasInstansiAdmin(admin.ModelAdmin):
    """Rows are limited to the instansi the user administers; `jalur_instansi` says how a row
    reaches its instansi. Admin instansi need no Django model permissions: this class decides."""

    jalur_instansi = "instansi"

    def _dikelola(self, request: HttpRequest) -> QuerySet[Instansi]:
        return instansi_dikelola(request.user)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.jalur_instansi}__in": self._dikelola(request)})

    def _boleh(self, request: HttpRequest, obj=None) -> bool:
        if request.user.is_superuser:
            return True
        if not request.user.is_active or not self._dikelola(request).exists():
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._boleh(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._boleh(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._boleh(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._boleh(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._boleh(request, obj)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):  # noqa: ANN001, ANN201
        # Choices in the form are scoped too, so nobody can attach a row to another instansi.
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if request.user.is_superuser:
            return field
        model = db_field.related_model
        dikelola = self._dikelola(request)
        if model is Instansi:
            field.queryset = dikelola
        elif model in (UnitKerja, Jabatan, Pegawai):
            field.queryset = field.queryset.filter(instansi__in=dikelola)
        return field


@admin.register(Instansi)
class InstansiAdmin(TerbatasInstansiAdmin):
    jalur_instansi = "pk"
    list_display = ["nama", "lokasi"]
    search_fields = ["nama"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(UnitKerja)
class UnitKerjaAdmin(TerbatasInstansiAdmin):
    list_display = ["kode", "nama", "induk", "instansi"]
    list_select_related = ["induk", "instansi"]
    search_fields = ["kode", "nama"]
    # Related-only: an admin instansi must not even see other instansi's names in the filter.
    list_filter = [("instansi", admin.RelatedOnlyFieldListFilter)]


@admin.register(Jabatan)
class JabatanAdmin(TerbatasInstansiAdmin):
    list_display = ["nama", "jenis", "jenjang", "unit_kerja", "atasan"]
    list_select_related = ["unit_kerja", "atasan"]
    search_fields = ["nama", "unit_kerja__nama"]
    list_filter = ["jenis", "jenjang", ("instansi", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["atasan", "unit_kerja"]


@admin.register(Pegawai)
class PegawaiAdmin(TerbatasInstansiAdmin):
    list_display = ["nip", "nama_lengkap", "golongan", "jabatan", "aktif"]
    list_select_related = ["jabatan"]
    search_fields = ["nip", "nama"]
    list_filter = ["aktif", "golongan", ("instansi", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["jabatan"]
    readonly_fields = ["user"]
    form = PegawaiAdminForm

    def save_model(self, request: HttpRequest, obj: Pegawai, form, change: bool) -> None:  # noqa: ANN001
        super().save_model(request, obj, form, change)
        kendali = selaraskan_akun(obj, oleh=request.user, melalui=SaluranUbahAkun.ADMIN)
        login = obj.user
        if kendali is Kendali.LINDUNGI and (login.email, login.is_active) != (obj.email, obj.aktif):
            messages.warning(
                request,
                "Data pegawai disimpan, tetapi email dan status aktif loginnya tidak diubah: akun "
                "ini memiliki hak tersendiri (superuser, staf, atau admin instansi) dan hanya "
                "diatur oleh admin aplikasi.",
            )


@admin.register(PenugasanSementara)
class PenugasanSementaraAdmin(TerbatasInstansiAdmin):
    jalur_instansi = "jabatan__instansi"
    list_display = ["jabatan", "pegawai", "jenis", "mulai", "selesai", "nomor_sk"]
    list_select_related = ["jabatan", "pegawai"]
    autocomplete_fields = ["jabatan", "pegawai"]
    search_fields = ["jabatan__nama", "pegawai__nama", "pegawai__nip"]


@admin.register(AdminInstansi)
class AdminInstansiAdmin(TerbatasInstansiAdmin):
    list_display = ["user", "instansi"]
    list_select_related = ["user", "instansi"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(ImporPegawai)
class ImporPegawaiAdmin(TerbatasInstansiAdmin):
    list_display = ["nama_berkas", "instansi", "diunggah_oleh", "dibuat", "status"]
    list_select_related = ["instansi", "diunggah_oleh"]
    exclude = ["baris"]
    readonly_fields = [
        "instansi",
        "diunggah_oleh",
        "nama_berkas",
        "status",
        "ringkasan",
        "diterapkan_pada",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Upload history is append-only for admin instansi, as the Renstra uploads are
        # (perencanaan.admin.BacaSajaAdmin); only a superuser may clear a wrong record.
        return request.user.is_superuser


@admin.register(RiwayatEmailAkun)
class RiwayatEmailAkunAdmin(TerbatasInstansiAdmin):
    """Append-only: nobody adds, edits or deletes a record of who changed a login's email."""

    jalur_instansi = "user__pegawai__instansi"
    list_display = ["dibuat", "username", "email_lama", "email_baru", "oleh", "melalui"]
    list_select_related = ["oleh"]
    list_filter = ["melalui"]
    search_fields = ["username", "email_lama", "email_baru"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class UserAdminTercatat(UserAdmin):
    """Django's user admin, with a change of email recorded and told to the old address like
    every other change of a login's email."""

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:  # noqa: ANN001
        super().save_model(request, obj, form, change)
        if change and "email" in form.changed_data:
            catat_ganti_email(
                [(obj, form.initial.get("email") or "")],
                oleh=request.user,
                melalui=SaluranUbahAkun.ADMIN,
            )


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserAdminTercatat)
