"""Admin for BKPSDM: master data of the instansi. Writes go through the services (validated, audited)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from kinerja.core.admin import InstansiScopedAdmin
from kinerja.core.exceptions import ApplicationError
from kinerja.organisasi import services
from kinerja.organisasi.models import ImporData, Jabatan, Pegawai, Penempatan, PenugasanPlt, UnitKerja


class ServiceAdmin(InstansiScopedAdmin):
    def save_model(self, request, obj, form, change):
        try:
            saved = self.save_through_service(request, obj, form, change)
        except ApplicationError as exc:
            raise ValidationError(exc.message) from exc
        obj.pk = saved.pk

    def save_through_service(self, request, obj, form, change):  # pragma: no cover - abstract
        raise NotImplementedError

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            self.message_user(request, exc.messages[0], level=messages.ERROR)
            from django.http import HttpResponseRedirect

            return HttpResponseRedirect(request.get_full_path())


@admin.register(UnitKerja)
class UnitKerjaAdmin(ServiceAdmin):
    list_display = ("nama", "kode", "jenis", "induk", "zona_waktu", "aktif")
    list_filter = ("jenis", "aktif", "zona_waktu")
    search_fields = ("nama", "kode", "singkatan")
    fields = ("kode", "nama", "singkatan", "jenis", "induk", "zona_waktu", "alamat", "latitude", "longitude", "aktif")
    autocomplete_fields = ("induk",)

    def save_through_service(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in form.cleaned_data if f not in ("kode", "nama", "jenis", "induk")}
        if change:
            return services.unit_kerja_update(actor=request.user, unit=obj, induk=form.cleaned_data["induk"],
                                              kode=obj.kode, nama=obj.nama, jenis=obj.jenis, **data)
        return services.unit_kerja_create(actor=request.user, instansi_id=request.user.instansi_id, kode=obj.kode,
                                          nama=obj.nama, jenis=obj.jenis, induk=form.cleaned_data["induk"], **data)


@admin.register(Jabatan)
class JabatanAdmin(ServiceAdmin):
    list_display = ("nama", "jenis", "jenjang", "unit_kerja", "atasan", "is_kepala_unit")
    list_filter = ("jenis", "is_kepala_unit")
    search_fields = ("nama", "unit_kerja__nama")
    autocomplete_fields = ("unit_kerja", "atasan")
    fields = ("unit_kerja", "nama", "jenis", "jenjang", "eselon", "kelas_jabatan", "atasan", "is_kepala_unit", "aktif")

    def get_readonly_fields(self, request, obj=None):
        return ("unit_kerja", "nama", "jenis", "jenjang") if obj else ()

    def save_through_service(self, request, obj, form, change):
        if change:
            return services.jabatan_set_atasan(actor=request.user, jabatan=obj, atasan=form.cleaned_data["atasan"])
        return services.jabatan_create(
            actor=request.user, unit_kerja=obj.unit_kerja, nama=obj.nama, jenis=obj.jenis, jenjang=obj.jenjang,
            atasan=obj.atasan, is_kepala_unit=obj.is_kepala_unit, eselon=obj.eselon, kelas_jabatan=obj.kelas_jabatan)


class PenempatanInline(admin.TabularInline):
    model = Penempatan
    extra = 0
    fields = ("jabatan", "unit_kerja", "jenis", "tanggal_mulai", "tanggal_selesai", "nomor_sk")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Pegawai)
class PegawaiAdmin(ServiceAdmin):
    list_display = ("nip", "nama", "jenis_asn", "golongan", "jabatan", "unit_kerja", "status")
    list_filter = ("jenis_asn", "status", "golongan")
    search_fields = ("nip", "nama")
    list_select_related = ("jabatan", "unit_kerja")
    fields = ("nip", "jenis_asn", "nama", "gelar_depan", "gelar_belakang", "jenis_kelamin", "tanggal_lahir",
              "tempat_lahir", "golongan", "email", "telepon", "status", "jabatan", "unit_kerja")
    readonly_fields = ("jabatan", "unit_kerja")
    inlines = [PenempatanInline]

    def get_readonly_fields(self, request, obj=None):
        return ("nip", "jenis_kelamin", "tanggal_lahir", "jabatan", "unit_kerja") if obj else ("jabatan", "unit_kerja")

    def save_through_service(self, request, obj, form, change):
        if change:
            fields = {f: form.cleaned_data[f] for f in form.changed_data if f in services.PEGAWAI_EDITABLE}
            return services.pegawai_update(actor=request.user, pegawai=obj, **fields)
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("nip", "nama", "jenis_asn", "golongan")}
        return services.pegawai_create(actor=request.user, instansi_id=request.user.instansi_id, nip=obj.nip,
                                       nama=obj.nama, jenis_asn=obj.jenis_asn, golongan=obj.golongan, **data)


@admin.register(PenugasanPlt)
class PenugasanPltAdmin(ServiceAdmin):
    list_display = ("jabatan", "pegawai", "jenis", "tanggal_mulai", "tanggal_selesai")
    autocomplete_fields = ("jabatan", "pegawai")
    fields = ("jabatan", "pegawai", "jenis", "tanggal_mulai", "tanggal_selesai", "nomor_surat")

    def save_through_service(self, request, obj, form, change):
        if change:
            return services.penugasan_plt_end(actor=request.user, penugasan=obj, tanggal_selesai=obj.tanggal_selesai)
        return services.penugasan_plt_create(actor=request.user, jabatan=obj.jabatan, pegawai=obj.pegawai,
                                             jenis=obj.jenis, tanggal_mulai=obj.tanggal_mulai,
                                             tanggal_selesai=obj.tanggal_selesai, nomor_surat=obj.nomor_surat)


@admin.register(ImporData)
class ImporDataAdmin(InstansiScopedAdmin):
    list_display = ("nama_berkas", "jenis", "status", "total_baris", "created_at")
    readonly_fields = [f.name for f in ImporData._meta.fields]

    def has_add_permission(self, request):
        return False
