"""Forms of penilaian. The rating and self-assessment forms are built per RHK in the template (their fields
depend on the SKP) and parsed in the views; the others are plain Django forms."""

from __future__ import annotations

import json

from django import forms

from kinerja.penilaian import rules
from kinerja.penilaian.models import JenisDialog, KebijakanPenilaian, StatusKeberatan
from kinerja.perencanaan.rules import BERAKHLAK

RATING_RADIO = [(r.value, rules.RATING_LABEL[r]) for r in rules.Rating]


class TahunanForm(forms.Form):
    predikat = forms.ChoiceField(
        label="Predikat tahunan", required=False,
        choices=[("", "Ikuti predikat menurut kebijakan")] + rules.PREDIKAT_CHOICES,
        help_text="Pilih predikat lain hanya bila ada alasan; alasannya wajib ditulis.")
    alasan_override = forms.CharField(label="Alasan memilih predikat lain", required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))
    catatan_rekomendasi = forms.CharField(label="Catatan / rekomendasi", required=False,
                                          widget=forms.Textarea(attrs={"rows": 3}))


class FinalisasiForm(forms.Form):
    justifikasi = forms.CharField(
        label="Justifikasi (bila kurva distribusi dilanggar)", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wajib bila kurva dilanggar; dicatat dalam jejak audit.")


class KeberatanForm(forms.Form):
    alasan = forms.CharField(label="Alasan keberatan", widget=forms.Textarea(attrs={"rows": 5}),
                             help_text="Jelaskan bagian penilaian yang Anda keberatan dan buktinya.")


class PutuskanForm(forms.Form):
    keputusan = forms.ChoiceField(label="Keputusan", widget=forms.RadioSelect,
                                  choices=[(StatusKeberatan.DIKABULKAN, "Dikabulkan (ubah penilaian)"),
                                           (StatusKeberatan.DITOLAK, "Ditolak (predikat tetap)")])
    pertimbangan = forms.CharField(label="Pertimbangan", widget=forms.Textarea(attrs={"rows": 4}))
    rating_hasil_kerja = forms.ChoiceField(label="Rating hasil kerja baru", required=False,
                                           choices=[("", "—")] + RATING_RADIO)
    rating_perilaku_kerja = forms.ChoiceField(label="Rating perilaku kerja baru", required=False,
                                              choices=[("", "—")] + RATING_RADIO)
    predikat = forms.ChoiceField(label="Predikat tahunan baru", required=False,
                                 choices=[("", "—")] + rules.PREDIKAT_CHOICES)

    def __init__(self, *args, tahunan: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if tahunan:
            del self.fields["rating_hasil_kerja"], self.fields["rating_perilaku_kerja"]
        else:
            del self.fields["predikat"]


class KurvaField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 10, "spellcheck": "false"})

    def prepare_value(self, value):
        if isinstance(value, dict | list):
            return json.dumps(value, indent=1, ensure_ascii=False) if value else ""
        return value

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return {}
        try:
            data = json.loads(value)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError("Tabel kurva bukan JSON yang sah.") from exc
        try:
            rules.curve_from_data(data)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


class KebijakanForm(forms.ModelForm):
    kurva = KurvaField(label="Tabel kurva distribusi (lanjutan)", required=False,
                       help_text="Kosongkan untuk memakai tabel bawaan. Format: JSON per predikat organisasi.")

    class Meta:
        model = KebijakanPenilaian
        fields = ["aturan_tahunan", "rumus_capaian", "ambang_di_atas", "ambang_sesuai", "berlaku_kurva",
                  "pembulatan_maksimal", "pembulatan_minimal", "kurva", "batas_keberatan_hari", "min_respon_360",
                  "moderasi_semua"]


class PredikatOrgForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    predikat = forms.ChoiceField(label="Predikat organisasi", choices=[("", "Pilih…")] + rules.PREDIKAT_ORGANISASI_CHOICES)
    catatan = forms.CharField(label="Dasar penetapan", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DialogForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis pertemuan", choices=JenisDialog.choices, widget=forms.RadioSelect,
                              initial=JenisDialog.INDIVIDU)
    judul = forms.CharField(label="Judul", max_length=200, initial="Dialog kinerja")
    tanggal = forms.DateField(label="Tanggal", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    jam = forms.TimeField(label="Jam mulai", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    durasi_menit = forms.IntegerField(label="Durasi (menit)", min_value=5, max_value=480, initial=30)
    tempat = forms.CharField(label="Tempat atau tautan rapat daring", max_length=200, required=False)
    peserta = forms.MultipleChoiceField(label="Peserta", widget=forms.CheckboxSelectMultiple,
                                        help_text="Empat mata: pilih satu orang. Tim: dua orang atau lebih.")
    pengulangan = forms.ChoiceField(label="Ulangi", choices=[("tidak", "Tidak berulang"), ("mingguan", "Setiap minggu"),
                                                            ("dua_mingguan", "Setiap dua minggu"),
                                                            ("bulanan", "Setiap bulan")])
    jumlah_ulangan = forms.IntegerField(label="Jumlah pertemuan (bila berulang)", min_value=2, max_value=12,
                                        required=False)
    agenda = forms.CharField(label="Agenda tambahan (satu per baris)", required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Agenda usulan dari data (indikator tertinggal, umpan balik tertunda, tindak "
                                       "lanjut) ditambahkan otomatis.")

    def __init__(self, *args, bawahan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peserta"].choices = [(str(p.pk), f"{p.nama_lengkap} — {p.jabatan.nama if p.jabatan_id else ''}")
                                          for p in bawahan]


class CatatForm(forms.Form):
    hadir = forms.MultipleChoiceField(label="Yang hadir", required=False, widget=forms.CheckboxSelectMultiple)
    catatan_capaian = forms.CharField(label="Catatan capaian", required=False,
                                      widget=forms.Textarea(attrs={"rows": 4}))
    catatan_kendala = forms.CharField(label="Catatan kendala", required=False,
                                      widget=forms.Textarea(attrs={"rows": 4}))
    selesai = forms.BooleanField(label="Tandai pertemuan selesai", required=False)

    def __init__(self, *args, peserta=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hadir"].choices = [(str(p.pegawai_id), p.pegawai.nama_lengkap) for p in peserta]


class TindakLanjutForm(forms.Form):
    uraian = forms.CharField(label="Tindak lanjut", max_length=300)
    pemilik = forms.ChoiceField(label="Penanggung jawab")
    batas_waktu = forms.DateField(label="Batas waktu", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, orang=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pemilik"].choices = [(str(p.pk), p.nama_lengkap) for p in orang]


class ModerasiForm(forms.Form):
    tindakan = forms.ChoiceField(label="Tindakan", widget=forms.RadioSelect,
                                 choices=[("tampilkan", "Tampilkan"), ("sembunyikan", "Sembunyikan")])
    alasan = forms.CharField(label="Alasan (wajib bila disembunyikan)", max_length=300, required=False)


class Respon360Form(forms.Form):
    komentar = forms.CharField(label="Komentar (opsional, anonim)", required=False, max_length=rules.MAKS_KOMENTAR,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text="Tulis perilaku yang teramati, bukan pribadi. Komentar diperiksa moderator "
                                         "sebelum tampil; jangan menyebut nama atau data pribadi.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kode, nama, definisi, _panduan in BERAKHLAK:
            self.fields[kode] = forms.ChoiceField(
                label=nama, help_text=definisi, choices=RATING_RADIO, widget=forms.RadioSelect,
                error_messages={"invalid_choice": rules.MSG_RATING_DI_LUAR_SKALA,
                                "required": rules.MSG_RATING_DI_LUAR_SKALA})
        self.order_fields([k for k, *_ in BERAKHLAK] + ["komentar"])
