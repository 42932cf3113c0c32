from django import forms

from kinerja.organisasi.models import JenisImpor


class KontakForm(forms.Form):
    email = forms.EmailField(label="Email", required=False)
    telepon = forms.CharField(label="Nomor telepon", max_length=20, required=False,
                              widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))


class ImporForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis data", choices=JenisImpor.choices,
                              help_text="Impor struktur unit lebih dulu, lalu pegawai.")
    berkas = forms.FileField(label="Berkas Excel (.xlsx) atau CSV",
                             help_text="Baris pertama berisi judul kolom seperti templat.",
                             widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))


class CariPegawaiForm(forms.Form):
    q = forms.CharField(label="Cari nama atau NIP", required=False)
