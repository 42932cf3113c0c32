"""Django admin for BKPSDM: the participation policy and a read-only look at service points and name tags.
Complaints are deliberately not in the admin (identity protection: they are handled on the scoped pages)."""

from django.contrib import admin

from kinerja.core.admin import InstansiScopedAdmin
from kinerja.partisipasi.models import KebijakanPartisipasi, PetugasLayanan, TitikLayanan


class ReadOnlyAdmin(InstansiScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TitikLayanan)
class TitikLayananAdmin(ReadOnlyAdmin):
    list_display = ("nama", "kode", "jenis", "unit_kerja", "aktif")
    list_filter = ("jenis", "aktif")
    search_fields = ("nama", "kode")


@admin.register(PetugasLayanan)
class PetugasLayananAdmin(ReadOnlyAdmin):
    list_display = ("pegawai", "kode", "sebutan", "aktif")
    search_fields = ("pegawai__nama", "kode")


@admin.register(KebijakanPartisipasi)
class KebijakanPartisipasiAdmin(ReadOnlyAdmin):
    list_display = ("instansi", "bobot_ikm", "min_penilaian_independen", "sla_verifikasi_hari",
                    "sla_tindak_lanjut_hari")
