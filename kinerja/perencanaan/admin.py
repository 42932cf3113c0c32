"""Admin for BKPSDM: periods, organisation targets and the program registry (written through the services);
SKP, RHK and their history are shown read-only (they change only through the SKP workflow)."""

from django.contrib import admin

from kinerja.core.admin import InstansiScopedAdmin
from kinerja.organisasi.admin import ServiceAdmin
from kinerja.perencanaan import services
from kinerja.perencanaan.models import (
    JadwalEvaluasi,
    PeriodeKinerja,
    ProgramKegiatan,
    RencanaHasilKerja,
    RiwayatSkp,
    SasaranKinerjaPegawai,
    SasaranOrganisasi,
)


class JadwalInline(admin.TabularInline):
    model = JadwalEvaluasi
    extra = 0
    fields = ("nomor", "nama", "tanggal_mulai", "tanggal_selesai", "batas_penilaian", "is_final")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PeriodeKinerja)
class PeriodeKinerjaAdmin(ServiceAdmin):
    list_display = ("nama", "tahun", "kadensi", "status", "batas_skp", "batas_evaluasi_tahunan")
    list_filter = ("status", "kadensi")
    fields = ("tahun", "nama", "kadensi", "batas_skp", "batas_evaluasi_tahunan", "status")
    inlines = [JadwalInline]

    def get_readonly_fields(self, request, obj=None):
        return ("tahun", "status") if obj else ("status",)

    def save_through_service(self, request, obj, form, change):
        if change:
            fields = {f: form.cleaned_data[f] for f in form.changed_data if f in services.PERIODE_EDITABLE}
            return services.periode_kinerja_update(actor=request.user, periode=obj, **fields)
        return services.periode_kinerja_create(actor=request.user, tahun=obj.tahun, kadensi=obj.kadensi, nama=obj.nama,
                                               batas_skp=obj.batas_skp,
                                               batas_evaluasi_tahunan=obj.batas_evaluasi_tahunan)


@admin.register(SasaranOrganisasi)
class SasaranOrganisasiAdmin(ServiceAdmin):
    list_display = ("teks", "kode", "unit_kerja", "periode", "sumber")
    list_filter = ("periode", "sumber")
    search_fields = ("teks", "kode")
    autocomplete_fields = ("unit_kerja",)
    fields = ("periode", "unit_kerja", "induk", "sumber", "kode", "teks", "indikator", "target")

    def get_readonly_fields(self, request, obj=None):
        return ("periode",) if obj else ()

    def save_through_service(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in ("unit_kerja", "induk", "sumber", "kode", "teks", "indikator",
                                                   "target")}
        if change:
            return services.sasaran_organisasi_update(actor=request.user, sasaran=obj, **data)
        return services.sasaran_organisasi_create(actor=request.user, periode=form.cleaned_data["periode"], **data)


@admin.register(ProgramKegiatan)
class ProgramKegiatanAdmin(ServiceAdmin):
    list_display = ("kode", "nama", "jenis", "unit_kerja", "tahun", "lokasi", "anggaran", "aktif")
    list_filter = ("jenis", "tahun", "aktif")
    search_fields = ("kode", "nama", "lokasi")
    autocomplete_fields = ("unit_kerja", "penanggung_jawab")
    fields = ("jenis", "kode", "nama", "unit_kerja", "induk", "tahun", "deskripsi", "lokasi", "latitude", "longitude",
              "anggaran", "tanggal_mulai", "tanggal_selesai", "penanggung_jawab", "aktif")

    def save_through_service(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in self.fields}
        if change:
            return services.program_kegiatan_update(actor=request.user, program=obj, **data)
        return services.program_kegiatan_create(actor=request.user, **data)


class ReadOnlyAdmin(InstansiScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RhkInline(admin.TabularInline):
    model = RencanaHasilKerja
    fk_name = "skp"
    extra = 0
    fields = ("jenis", "teks", "intervensi", "sasaran_organisasi", "program", "asal")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SasaranKinerjaPegawai)
class SasaranKinerjaPegawaiAdmin(ReadOnlyAdmin):
    list_display = ("pegawai", "periode", "jenis", "status", "versi", "aktif", "unit_kerja_nama")
    list_filter = ("periode", "status", "jenis", "aktif")
    search_fields = ("pegawai__nama", "pegawai__nip")
    list_select_related = ("pegawai", "periode")
    inlines = [RhkInline]
    readonly_fields = [f.name for f in SasaranKinerjaPegawai._meta.fields]


@admin.register(RiwayatSkp)
class RiwayatSkpAdmin(ReadOnlyAdmin):
    list_display = ("skp", "versi", "peristiwa", "oleh", "created_at")
    list_select_related = ("skp__pegawai", "skp__periode", "oleh")
    readonly_fields = [f.name for f in RiwayatSkp._meta.fields]
