"""Django admin for the planning data: read-only and scoped to the admin's instansi. Renstra and
Renja are changed by uploading a file (so every change is checked and recorded); a superuser
may still delete a wrongly loaded Renstra here."""

from django.contrib import admin
from django.http import HttpRequest

from organisasi.admin import TerbatasInstansiAdmin
from perencanaan.models import (
    ImporRenstra,
    IndikatorKinerja,
    Kegiatan,
    Program,
    Renstra,
    SasaranStrategis,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)


class BacaSajaAdmin(TerbatasInstansiAdmin):
    jalur_instansi = "renstra__unit__instansi"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser


@admin.register(Renstra)
class RenstraAdmin(BacaSajaAdmin):
    jalur_instansi = "unit__instansi"
    list_display = ["unit", "periode", "diubah"]
    list_select_related = ["unit"]
    search_fields = ["unit__kode", "unit__nama"]
    list_filter = ["tahun_awal"]


@admin.register(Tujuan)
class TujuanAdmin(BacaSajaAdmin):
    list_display = ["kode", "nama", "renstra"]
    list_select_related = ["renstra__unit"]
    search_fields = ["kode", "nama"]


@admin.register(SasaranStrategis)
class SasaranStrategisAdmin(BacaSajaAdmin):
    list_display = ["kode", "nama", "tujuan", "renstra"]
    list_select_related = ["tujuan", "renstra__unit"]
    search_fields = ["kode", "nama"]


class TargetInline(admin.TabularInline):
    model = TargetIndikator
    fields = ["tahun", "nilai", "teks"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(IndikatorKinerja)
class IndikatorKinerjaAdmin(BacaSajaAdmin):
    list_display = ["kode", "nama", "satuan", "iku", "sasaran", "renstra"]
    list_select_related = ["sasaran", "renstra__unit"]
    list_filter = ["iku"]
    search_fields = ["kode", "nama"]
    inlines = [TargetInline]


@admin.register(Program)
class ProgramAdmin(BacaSajaAdmin):
    list_display = ["kode", "nama", "tahun", "pagu", "renstra"]
    list_select_related = ["renstra__unit"]
    list_filter = ["tahun"]
    search_fields = ["kode", "nama"]


@admin.register(Kegiatan)
class KegiatanAdmin(ProgramAdmin):
    pass


@admin.register(SubKegiatan)
class SubKegiatanAdmin(ProgramAdmin):
    pass


@admin.register(ImporRenstra)
class ImporRenstraAdmin(BacaSajaAdmin):
    jalur_instansi = "unit__instansi"
    list_display = ["nama_berkas", "unit", "periode", "diunggah_oleh", "dibuat", "status", "sumber"]
    list_select_related = ["unit", "diunggah_oleh"]
    list_filter = ["status", "sumber"]
    exclude = ["data"]
