"""Forms of the laporan pages. They only parse and present; the services validate the rules."""

from __future__ import annotations

import uuid

from django import forms

from kinerja.laporan.models import KebijakanLaporan

# service detail keys -> form fields
FIELD_MAP = {"rhk_id": "sasaran", "indikator_id": "sasaran", "program_id": "program", "latitude": None,
             "longitude": None, "Idempotency-Key": None}


def sasaran_choices(skp_list) -> list:
    """Grouped choices: per RHK, the RHK itself (`rhk:ID`) and each of its indicators (`ind:ID`)."""
    choices: list = [("", "— Pilih RHK / indikator —")]
    for skp in skp_list:
        for rhk in skp.rhk.all():
            label = f"{'RHK utama' if rhk.jenis == 'utama' else 'RHK tambahan'}: {rhk.teks}"[:160]
            options = [(f"rhk:{rhk.pk}", "Mendukung RHK ini secara umum")]
            options += [(f"ind:{i.pk}", f"{i.teks} (target {i.target.normalize():f} {i.satuan})"[:160])
                        for i in rhk.indikator.all()]
            choices.append((label, options))
    return choices


def satuan_indikator(skp_list) -> dict[str, str]:
    """ind:ID -> satuan, so the phone app can prefill the output unit."""
    return {f"ind:{i.pk}": i.satuan for skp in skp_list for rhk in skp.rhk.all() for i in rhk.indikator.all()}


class LaporanForm(forms.Form):
    tanggal = forms.DateField(label="Tanggal", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                              required=False, help_text="Tanggal kegiatan, menurut waktu setempat unit Anda.")
    jam_mulai = forms.TimeField(label="Jam mulai", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    jam_selesai = forms.TimeField(label="Jam selesai", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                                  help_text="Pekerjaan yang melewati tengah malam dilaporkan sebagai dua laporan.")
    sasaran = forms.ChoiceField(label="RHK / indikator yang didukung",
                                help_text="RHK — Rencana Hasil Kerja dari SKP Anda yang sudah disetujui.")
    uraian = forms.CharField(label="Uraian kegiatan", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
                             help_text="Apa yang Anda kerjakan, singkat dan jelas.")
    output_jumlah = forms.DecimalField(label="Jumlah output", max_digits=12, decimal_places=2,
                                       widget=forms.NumberInput(attrs={"min": "0", "step": "0.01",
                                                                       "inputmode": "decimal"}))
    output_satuan = forms.CharField(label="Satuan output", max_length=60,
                                    help_text="Mis. dokumen, orang, kunjungan, meter.")
    program = forms.ChoiceField(label="Program / proyek", required=False)
    latitude = forms.DecimalField(required=False, widget=forms.HiddenInput)
    longitude = forms.DecimalField(required=False, widget=forms.HiddenInput)
    kunci = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, skp_list=(), program_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sasaran"].choices = sasaran_choices(skp_list)
        self.fields["program"].choices = [("", "— Tidak ada —"), *program_choices]
        if not self.is_bound and not self.initial.get("kunci"):
            self.initial["kunci"] = uuid.uuid4()

    def service_data(self) -> dict:
        data = self.cleaned_data
        sasaran = data.get("sasaran") or ""
        kind, _, pk = sasaran.partition(":")
        return {
            "tanggal": data.get("tanggal"), "jam_mulai": data.get("jam_mulai"), "jam_selesai": data.get("jam_selesai"),
            "rhk_id": pk if kind == "rhk" else None, "indikator_id": pk if kind == "ind" else None,
            "uraian": data.get("uraian"), "output_jumlah": data.get("output_jumlah"),
            "output_satuan": data.get("output_satuan"), "program_id": data.get("program") or None,
            "latitude": data.get("latitude"), "longitude": data.get("longitude"),
        }

    def add_service_errors(self, exc) -> None:
        detail = exc.detail or {}
        added = False
        for key, messages in detail.items():
            field = FIELD_MAP.get(key, key)
            if field not in self.fields:
                field = None
            for message in messages:
                if field is None or field not in self.errors or message not in self.errors[field]:
                    self.add_error(field, message)
                    added = True
        if not added:
            self.add_error(None, exc.message)

    @staticmethod
    def initial_from(laporan) -> dict:
        return {
            "tanggal": laporan.tanggal, "jam_mulai": laporan.jam_mulai, "jam_selesai": laporan.jam_selesai,
            "sasaran": f"ind:{laporan.indikator_id}" if laporan.indikator_id else f"rhk:{laporan.rhk_id}",
            "uraian": laporan.uraian, "output_jumlah": laporan.output_jumlah, "output_satuan": laporan.output_satuan,
            "program": laporan.program_id or "", "latitude": laporan.latitude, "longitude": laporan.longitude,
        }


class KomentarForm(forms.Form):
    isi = forms.CharField(label="Komentar", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class BuktiForm(forms.Form):
    berkas = forms.FileField(label="Bukti dukung", help_text="Foto (JPG/PNG), PDF, Word (.docx) atau Excel (.xlsx).")


class BukaKunciForm(forms.Form):
    pegawai = forms.TypedChoiceField(label="Pegawai", coerce=int)
    tanggal = forms.DateField(label="Tanggal yang dibuka", widget=forms.DateInput(attrs={"type": "date"}))
    alasan = forms.CharField(label="Alasan", max_length=300,
                             help_text="Mis. tugas lapangan tanpa sinyal, sakit, gangguan aplikasi.")

    def __init__(self, *args, bawahan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].choices = [("", "— Pilih pegawai —")] + [
            (p.pk, f"{p.nama_lengkap} — {p.jabatan.nama if p.jabatan_id else ''}") for p in bawahan]


class KebijakanForm(forms.ModelForm):
    class Meta:
        model = KebijakanLaporan
        fields = ["batas_mundur_hari_kerja", "batas_jam_harian", "jam_pengingat", "pengingat_email",
                  "batas_hari_tinjauan", "maks_ukuran_bukti_mb", "maks_bukti_per_laporan"]
        widgets = {"jam_pengingat": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
