"""Forms of the public pages and the staff pages. They render and pre-check; the services decide (their
messages are mapped back onto the fields, so a user sees every problem next to what they typed)."""

from __future__ import annotations

from django import forms

from kinerja.partisipasi import rules
from kinerja.partisipasi.models import (
    BobotIkm,
    JenisTitik,
    KategoriPengaduan,
    KemajuanProyek,
    StatusPengaduan,
)

MSG_PILIH = "Pilih salah satu jawaban untuk pertanyaan ini."
MSG_BINTANG = "Pilih 1 sampai 5 bintang."
BINTANG = [(str(i), f"{i} bintang") for i in range(1, 6)]


class ManusiaMixin(forms.Form):
    """The human check: `altcha` is filled by the browser's proof-of-work; without JavaScript, the visitor
    answers `soal_jawaban` (the question is signed in `soal_token`)."""

    altcha = forms.CharField(required=False, widget=forms.HiddenInput)
    soal_token = forms.CharField(required=False, widget=forms.HiddenInput)
    soal_jawaban = forms.CharField(required=False, max_length=10, label="Pertanyaan keamanan",
                                   widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))


def apply_errors(form: forms.Form, exc) -> None:
    """Put a service error onto the form: per field when the field exists, else on top."""
    detail = exc.detail if isinstance(exc.detail, dict) else {}
    placed = False
    for name, messages in detail.items():
        for message in messages:
            if name in form.fields:
                form.add_error(name, message)
                placed = True
    if not placed:
        form.add_error(None, exc.message)


class SurveiForm(ManusiaMixin):
    jenis_layanan = forms.CharField(label="Layanan yang Anda terima", max_length=120, required=False,
                                    help_text="Mis. pembuatan KTP-el, periksa kesehatan, izin usaha.")
    saran = forms.CharField(label="Saran atau masukan", required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="Akan ditampilkan di halaman ini tanpa nama Anda, setelah lolos saringan.")
    jenis_kelamin = forms.ChoiceField(label="Jenis kelamin", required=False,
                                      choices=[("", "Tidak ingin menyebutkan"), ("L", "Laki-laki"),
                                               ("P", "Perempuan")])
    usia = forms.IntegerField(label="Usia (tahun)", required=False, min_value=10, max_value=120,
                              error_messages={"min_value": "Usia diisi angka 10 sampai 120 (boleh dikosongkan).",
                                              "max_value": "Usia diisi angka 10 sampai 120 (boleh dikosongkan).",
                                              "invalid": "Usia diisi angka 10 sampai 120 (boleh dikosongkan)."})
    pendidikan = forms.ChoiceField(label="Pendidikan terakhir", required=False,
                                   choices=[("", "Tidak ingin menyebutkan"), *rules.PENDIDIKAN])
    pekerjaan = forms.ChoiceField(label="Pekerjaan", required=False,
                                  choices=[("", "Tidak ingin menyebutkan"), *rules.PEKERJAAN])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for unsur in rules.UNSUR:
            self.fields[unsur.kode] = forms.ChoiceField(
                label=unsur.pertanyaan, choices=[(str(i), lbl) for i, lbl in enumerate(unsur.pilihan, start=1)],
                widget=forms.RadioSelect, error_messages={"required": MSG_PILIH, "invalid_choice": MSG_PILIH})
            self.fields[unsur.kode].unsur = unsur

    def unsur_fields(self):
        return [self[u.kode] for u in rules.UNSUR]

    def profil_fields(self):
        return [self[n] for n in ("jenis_kelamin", "usia", "pendidikan", "pekerjaan")]

    def jawaban(self) -> dict:
        return {u.kode: self.data.get(u.kode) for u in rules.UNSUR}

    def profil(self) -> dict:
        return {n: self.data.get(n, "") for n in ("jenis_kelamin", "usia", "pendidikan", "pekerjaan",
                                                   "jenis_layanan")}


class SurveiKertasForm(forms.Form):
    """Staff type in a paper questionnaire; a blank unsur stays blank."""

    tanggal = forms.DateField(label="Tanggal pengisian", widget=forms.DateInput(attrs={"type": "date"}))
    saran = forms.CharField(label="Saran tertulis", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for unsur in rules.UNSUR:
            self.fields[unsur.kode] = forms.ChoiceField(
                label=f"U{unsur.nomor} {unsur.nama}", required=False,
                choices=[("", "Kosong"), *[(str(i), f"{i} — {lbl}") for i, lbl in enumerate(unsur.pilihan, 1)]])


class PenilaianPetugasForm(ManusiaMixin):
    komentar = forms.CharField(label="Komentar", required=False, max_length=1000,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text="Ceritakan apa yang baik atau perlu diperbaiki. Jangan menulis nama Anda.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        new = {}
        for name, label in rules.ASPEK_PETUGAS:
            new[name] = forms.ChoiceField(label=label, choices=BINTANG, widget=forms.RadioSelect,
                                          error_messages={"required": MSG_BINTANG, "invalid_choice": MSG_BINTANG})
        self.fields = {**new, **self.fields}

    def aspek_fields(self):
        return [self[name] for name, _ in rules.ASPEK_PETUGAS]

    def nilai(self) -> dict:
        return {name: self.data.get(name) for name, _ in rules.ASPEK_PETUGAS}


class MasukanProyekForm(ManusiaMixin):
    kemajuan = forms.ChoiceField(label="Bagaimana kemajuan pekerjaan yang Anda lihat?",
                                 choices=KemajuanProyek.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "Pilih keadaan pekerjaan yang Anda lihat."})
    kualitas = forms.ChoiceField(label="Kualitas pekerjaan", required=False, choices=BINTANG,
                                 widget=forms.RadioSelect)
    petugas = forms.ChoiceField(label="Petugas yang Anda temui", required=False)
    sikap_petugas = forms.ChoiceField(label="Sikap petugas di lapangan", required=False, choices=BINTANG,
                                      widget=forms.RadioSelect)
    komentar = forms.CharField(label="Ceritakan yang Anda lihat", required=False, max_length=1500,
                               widget=forms.Textarea(attrs={"rows": 3}))
    foto = forms.FileField(label="Foto (opsional)", required=False,
                           help_text="JPG atau PNG, maksimal 5 MB. Lokasi di dalam foto dihapus otomatis.",
                           widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}))

    def __init__(self, *args, petugas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["petugas"].choices = [("", "Tidak tahu / tidak bertemu"),
                                          *[(p.kode, f"{p.pegawai.nama_lengkap} — {p.sebutan}") for p in petugas]]
        if not petugas:
            del self.fields["petugas"]
            del self.fields["sikap_petugas"]


class PengaduanForm(ManusiaMixin):
    kategori = forms.ChoiceField(label="Jenis masalah", choices=[("", "— pilih —"), *KategoriPengaduan.choices],
                                 error_messages={"required": "Pilih jenis masalah."})
    judul = forms.CharField(label="Judul singkat", max_length=150,
                            error_messages={"required": "Tulis judul singkat pengaduan Anda."})
    uraian = forms.CharField(label="Apa yang terjadi?", widget=forms.Textarea(attrs={"rows": 5}), max_length=4000,
                             help_text="Apa, kapan, di mana. Jangan menulis data pribadi orang lain.",
                             error_messages={"required": "Ceritakan apa yang terjadi."})
    lokasi = forms.CharField(label="Lokasi kejadian", max_length=200, required=False)
    foto = forms.FileField(label="Foto pendukung", required=False,
                           help_text="JPG atau PNG, maksimal 5 MB. Lokasi di dalam foto dihapus otomatis.",
                           widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}))
    anonim = forms.BooleanField(label="Kirim tanpa nama (anonim)", required=False, initial=True)
    nama = forms.CharField(label="Nama Anda", max_length=120, required=False)
    kontak = forms.CharField(label="Nomor HP atau email untuk dihubungi", max_length=120, required=False,
                             help_text="Hanya dilihat petugas yang menangani pengaduan dan Inspektorat.")

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"] = forms.ChoiceField(
                label="Instansi / OPD yang dituju", choices=[("", "— pilih —"), *[(str(u.pk), u.nama) for u in units]],
                error_messages={"required": "Pilih OPD yang dituju."})
            self.order_fields(["unit", "kategori"])


class CekTiketForm(forms.Form):
    tiket = forms.CharField(label="Kode tiket", max_length=20, help_text="Contoh: ADU-7K3M-9QXP",
                            error_messages={"required": "Tulis kode tiket Anda."})


class BalasanPelaporForm(ManusiaMixin):
    isi = forms.CharField(label="Tanggapan Anda", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                          error_messages={"required": "Tulis tanggapan Anda."})


# --- staff ---------------------------------------------------------------------------------------------------------


class TitikForm(forms.Form):
    unit = forms.ModelChoiceField(label="Unit kerja", queryset=None)
    jenis = forms.ChoiceField(label="Jenis", choices=JenisTitik.choices)
    nama = forms.CharField(label="Nama", max_length=200, help_text="Mis. Loket KTP-el Disdukcapil.")
    kode = forms.CharField(label="Kode pendek", max_length=24, required=False,
                           help_text="Untuk alamat /p/<kode>/. Kosongkan agar dibuat otomatis.")
    program = forms.ModelChoiceField(label="Proyek (bila jenis proyek)", queryset=None, required=False)
    alamat = forms.CharField(label="Alamat / lokasi", max_length=255, required=False)
    deskripsi = forms.CharField(label="Keterangan untuk warga", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    populasi_per_tahun = forms.IntegerField(label="Perkiraan penerima layanan per tahun", min_value=0, initial=0)
    aktif = forms.BooleanField(label="Aktif (menerima masukan)", required=False, initial=True)

    def __init__(self, *args, units, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["program"].queryset = programs


class PapanNamaForm(forms.Form):
    sebutan = forms.CharField(label="Sebutan untuk warga", max_length=100,
                              help_text="Mis. Perawat, Petugas loket KTP-el, Pengawas lapangan.")
    titik = forms.ModelChoiceField(label="Tempat Anda melayani", queryset=None, required=False)
    setuju = forms.BooleanField(label="Saya bersedia dinilai warga dan memahami siapa yang melihat penilaian itu.",
                                error_messages={"required": "Centang persetujuan untuk membuat papan nama."})

    def __init__(self, *args, titik_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["titik"].queryset = titik_qs


class PengaduanFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Semua"), *StatusPengaduan.choices])
    terlambat = forms.BooleanField(label="Hanya yang terlambat", required=False)
    q = forms.CharField(label="Cari tiket atau judul", required=False, max_length=100)


class AksiPengaduanForm(forms.Form):
    aksi = forms.ChoiceField(choices=[(a, a) for a in ("verifikasi", "disposisi", "tindak_lanjut", "selesai",
                                                       "tolak", "catatan")])
    isi = forms.CharField(label="Isi", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    unit = forms.IntegerField(required=False)


class ModerasiForm(forms.Form):
    aksi = forms.ChoiceField(choices=[("tampilkan", "Tampilkan"), ("sembunyikan", "Sembunyikan")])
    alasan = forms.CharField(label="Alasan", required=False, max_length=300)


class BalasanForm(forms.Form):
    sebagai = forms.ChoiceField(choices=[("unit", "Unit"), ("asn", "Petugas")])
    isi = forms.CharField(label="Balasan publik", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class PengelolaForm(forms.Form):
    nip = forms.CharField(label="NIP pegawai", max_length=18)
    unit = forms.ModelChoiceField(label="Unit (kosongkan untuk koordinator seluruh instansi)", queryset=None,
                                  required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class KebijakanForm(forms.Form):
    bobot_ikm = forms.ChoiceField(label="Bobot unsur IKM", choices=BobotIkm.choices)
    min_penilaian_independen = forms.IntegerField(label="Minimal penilaian independen sebelum skor tampil",
                                                  min_value=1, max_value=100)
    bobot_prior = forms.IntegerField(label="Bobot rata-rata unit (Bayes)", min_value=1, max_value=100)
    ambang_lonjakan = forms.IntegerField(label="Ambang lonjakan per jam", min_value=1, max_value=1000)
    sla_verifikasi_hari = forms.IntegerField(label="Batas verifikasi (hari kerja)", min_value=1, max_value=30)
    sla_tindak_lanjut_hari = forms.IntegerField(label="Batas tindak lanjut (hari kerja)", min_value=1, max_value=60)
    retensi_identitas_hari = forms.IntegerField(label="Retensi identitas pelapor (hari)", min_value=30, max_value=3650)
    retensi_jejak_hari = forms.IntegerField(label="Retensi jejak anti-penyalahgunaan (hari)", min_value=7,
                                            max_value=3650)
