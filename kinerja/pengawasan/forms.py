"""Forms of pengawasan: filters, warning actions, Inspektorat notes, practice notes and the policy."""

from __future__ import annotations

from django import forms

from kinerja.pengawasan import rules
from kinerja.pengawasan.models import JenisAnomali, JenisPeringatan, KebijakanPengawasan, StatusPeringatan
from kinerja.pengawasan.services.kebijakan import EDITABLE


class DasborFilterForm(forms.Form):
    bulan = forms.CharField(label="Bulan", required=False, max_length=7,
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "TTTT-BB"}),
                            help_text="Format TTTT-BB, mis. 2026-03.")
    q = forms.CharField(label="Saring nama unit", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    urut = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    arah = forms.CharField(required=False, max_length=5, widget=forms.HiddenInput)

    def clean_bulan(self):
        try:
            return rules.parse_bulan(self.cleaned_data.get("bulan"))
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_urut(self):
        urut = self.cleaned_data.get("urut") or "nama"
        if urut not in {"nama", "kepatuhan", "menunggu", "tinjauan", "jadwal", "ikm", "terlambat", "pegawai"}:
            raise forms.ValidationError(rules.MSG_URUT)
        return urut


class PeringatanFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("terbuka", "Terbuka dan diakui")] + list(StatusPeringatan.choices)
                               + [("", "Semua")])
    jenis = forms.ChoiceField(label="Jenis", required=False, choices=[("", "Semua jenis")] + list(JenisPeringatan.choices))


class AkuiForm(forms.Form):
    catatan = forms.CharField(label="Catatan (opsional)", required=False, max_length=rules.MAKS_CATATAN,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text="Mis. siapa yang akan menindaklanjuti dan kapan.")


class SelesaiForm(forms.Form):
    catatan = forms.CharField(label="Apa yang sudah dilakukan", required=True, max_length=rules.MAKS_CATATAN,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": rules.MSG_CATATAN_WAJIB,
                                              "max_length": rules.MSG_CATATAN_PANJANG})


class AnomaliFilterForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis", required=False, choices=[("", "Semua jenis")] + list(JenisAnomali.choices))
    q = forms.CharField(label="Nama atau NIP pegawai", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))


class CatatanForm(forms.Form):
    objek = forms.CharField(widget=forms.HiddenInput, max_length=200)
    judul = forms.CharField(label="Judul catatan", max_length=200,
                            error_messages={"required": "Judul wajib diisi."})
    isi = forms.CharField(label="Hasil verifikasi", widget=forms.Textarea(attrs={"rows": 3}),
                          error_messages={"required": "Isi catatan wajib diisi."})


class PraktikFilterForm(forms.Form):
    q = forms.CharField(label="Cari praktik baik", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search"}))
    program = forms.TypedChoiceField(label="Program", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, programs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [("", "Semua program")] + [(p.pk, p.nama) for p in programs]


class PraktikForm(forms.Form):
    judul = forms.CharField(label="Judul", max_length=200,
                            error_messages={"required": rules.MSG_JUDUL_WAJIB})
    yang_dilakukan = forms.CharField(label="Apa yang dilakukan", widget=forms.Textarea(attrs={"rows": 5}),
                                     max_length=rules.MAKS_PRAKTIK, error_messages={"required": rules.MSG_ISI_WAJIB},
                                     help_text="Langkah-langkah yang bisa ditiru rekan lain.")
    hasil = forms.CharField(label="Hasilnya", widget=forms.Textarea(attrs={"rows": 3}),
                            max_length=rules.MAKS_PRAKTIK, error_messages={"required": rules.MSG_HASIL_WAJIB})
    bukti = forms.TypedMultipleChoiceField(label="Bukti: laporan harian yang disetujui", coerce=int,
                                           widget=forms.CheckboxSelectMultiple,
                                           error_messages={"required": rules.MSG_BUKTI_WAJIB,
                                                           "invalid_choice": rules.MSG_BUKTI_BUKAN_MILIK})

    def __init__(self, *args, laporan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bukti"].choices = [(lap.pk, f"{lap.tanggal:%d-%m-%Y} — {lap.uraian[:90]}") for lap in laporan]


class KebijakanForm(forms.ModelForm):
    class Meta:
        model = KebijakanPengawasan
        fields = EDITABLE
