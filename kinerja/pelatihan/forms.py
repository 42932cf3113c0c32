"""Forms of the pelatihan pages. They only parse input; the services check every rule and their field errors are
put back on these forms (views._apply)."""

from __future__ import annotations

from django import forms

from kinerja.organisasi.models import UnitKerja
from kinerja.pelatihan import rules
from kinerja.pelatihan.models import (
    JenisKegiatan,
    JenisPengembangan,
    ModeKegiatan,
    ProgramPelatihan,
    StatusTindakLanjut,
)
from kinerja.pelatihan.sasaran import PERAN_SASARAN

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
SKALA_CHOICES = [(str(n), f"{n} — {rules.SKALA_LABEL[n]}") for n in rules.SKALA]
NILAI_CHOICES = [(str(n), f"{n} — {rules.SKALA_NILAI_LABEL[n]}") for n in rules.SKALA]


class WajibMixin:
    """Fields the service requires are parsed as optional (so its Indonesian message is the one shown) but are
    not labelled "(opsional)"."""

    WAJIB: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.WAJIB:
            if name in self.fields:
                self.fields[name].wajib = True


class SesiForm(WajibMixin, forms.Form):
    WAJIB = ("judul", "mulai", "selesai", "jam_pelajaran", "nilai_lulus")

    judul = forms.CharField(label="Topik", max_length=200, required=False,
                            help_text="Mis. “Mengisi laporan harian dari ponsel”.")
    jenis = forms.ChoiceField(label="Jenis kegiatan", choices=JenisKegiatan.choices, initial=JenisKegiatan.SOSIALISASI)
    program = forms.TypedChoiceField(label="Program", coerce=int, required=False, empty_value=None)
    deskripsi = forms.CharField(label="Deskripsi", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    narasumber = forms.CharField(label="Narasumber", max_length=200, required=False)
    mulai = forms.DateTimeField(label="Mulai", required=False, widget=DATETIME,
                                input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    selesai = forms.DateTimeField(label="Selesai", required=False, widget=DATETIME,
                                  input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    mode = forms.ChoiceField(label="Bentuk", choices=ModeKegiatan.choices, initial=ModeKegiatan.TATAP_MUKA,
                             widget=forms.RadioSelect)
    tempat = forms.CharField(label="Tempat", max_length=255, required=False,
                             help_text="Wajib untuk tatap muka, mis. “Aula BKPSDM, Jl. Merdeka No. 1”.")
    tautan_daring = forms.CharField(label="Tautan daring", max_length=300, required=False,
                                    help_text="Wajib untuk sesi daring, diawali https://.")
    sasaran_unit_ids = forms.TypedMultipleChoiceField(
        label="Sasaran: OPD / unit", coerce=int, required=False,
        help_text="Semua pegawai di unit ini dan di bawahnya diundang saat sesi diterbitkan.",
        widget=forms.SelectMultiple(attrs={"size": 8}))
    sasaran_peran = forms.MultipleChoiceField(label="Sasaran: peran", choices=PERAN_SASARAN, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    fokus = forms.MultipleChoiceField(label="Fokus", choices=rules.FOKUS_CHOICES, required=False,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text="Yang dikuatkan sesi ini; dipakai untuk menyarankan sesi.")
    kuota = forms.IntegerField(label="Kuota peserta", required=False, min_value=0, max_value=100000)
    jam_pelajaran = forms.IntegerField(label="Jam pelajaran (JP)", initial=2, required=False, min_value=0,
                                       max_value=1000)
    nilai_lulus = forms.IntegerField(label="Nilai lulus kuis", initial=rules.NILAI_LULUS_DEFAULT, required=False,
                                     min_value=-1000, max_value=1000)
    pendaftaran_terbuka = forms.BooleanField(label="Pegawai sasaran boleh mendaftar sendiri atau langsung hadir",
                                             required=False, initial=True)
    sertifikat = forms.BooleanField(label="Terbitkan sertifikat bagi yang hadir (dan lulus kuis)", required=False,
                                    initial=True)

    def __init__(self, *args, instansi_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        units = UnitKerja.objects.filter(instansi_id=instansi_id, aktif=True).order_by("path")
        self.fields["sasaran_unit_ids"].choices = [
            (u.pk, "— " * u.level + u.nama) for u in units.only("pk", "nama", "level")]
        self.fields["program"].choices = [("", "— tanpa program —")] + [
            (p.pk, f"{p.nama} ({p.tahun})") for p in ProgramPelatihan.objects.filter(instansi_id=instansi_id)]

    def service_data(self, instansi_id: int) -> dict:
        data = dict(self.cleaned_data)
        program_id = data.pop("program", None)
        data["program"] = ProgramPelatihan.objects.filter(pk=program_id, instansi_id=instansi_id).first() \
            if program_id else None
        if data.get("jam_pelajaran") is None:
            data["jam_pelajaran"] = 2
        if data.get("nilai_lulus") is None:
            data["nilai_lulus"] = rules.NILAI_LULUS_DEFAULT
        return data


class BatalForm(WajibMixin, forms.Form):
    WAJIB = ("alasan",)

    alasan = forms.CharField(label="Alasan pembatalan", max_length=300, required=False)


class MateriForm(forms.Form):
    judul = forms.CharField(label="Judul materi", max_length=200, required=False,
                            help_text="Kosongkan untuk memakai nama berkas.")
    berkas = forms.FileField(label="Berkas (PDF, Word, Excel, JPG/PNG; maks. 20 MB)",
                             widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}))


class KodePresensiForm(WajibMixin, forms.Form):
    WAJIB = ("kode",)

    kode = forms.CharField(label="Kode presensi (6 angka)", max_length=12, required=False,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))


class SoalForm(forms.Form):
    """Up to 10 questions with up to 4 options each, edited on one page."""

    JUMLAH = 10
    PILIHAN = 4

    def __init__(self, *args, soal=(), **kwargs):
        super().__init__(*args, **kwargs)
        soal = list(soal)
        for i in range(1, self.JUMLAH + 1):
            s = soal[i - 1] if i <= len(soal) else None
            self.fields[f"p{i}"] = forms.CharField(label=f"Soal {i}", max_length=500, required=False,
                                                   initial=s.pertanyaan if s else "")
            for j in range(self.PILIHAN):
                self.fields[f"p{i}_{j}"] = forms.CharField(
                    label=f"Soal {i}, pilihan {'ABCD'[j]}", max_length=200, required=False,
                    initial=(s.pilihan[j] if s and j < len(s.pilihan) else ""))
            self.fields[f"p{i}_kunci"] = forms.TypedChoiceField(
                label=f"Soal {i}, jawaban benar", choices=[(str(j), "ABCD"[j]) for j in range(self.PILIHAN)],
                coerce=int, required=False, empty_value=None, initial=str(s.kunci) if s else "0")

    def soal(self) -> list[dict]:
        out = []
        for i in range(1, self.JUMLAH + 1):
            raw = [self.cleaned_data.get(f"p{i}_{j}") or "" for j in range(self.PILIHAN)]
            kunci = self.cleaned_data.get(f"p{i}_kunci")
            # the key is an index among the options as typed; empty options in between are dropped by the service
            filled = [j for j, p in enumerate(raw) if p.strip()]
            out.append({"pertanyaan": self.cleaned_data.get(f"p{i}") or "", "pilihan": raw,
                        "kunci": filled.index(kunci) if kunci in filled else (kunci if not filled else -1)})
        return out

    def rows(self):
        for i in range(1, self.JUMLAH + 1):
            yield {"n": i, "pertanyaan": self[f"p{i}"], "pilihan": [self[f"p{i}_{j}"] for j in range(self.PILIHAN)],
                   "kunci": self[f"p{i}_kunci"]}


class KuisForm(forms.Form):
    def __init__(self, *args, soal=(), **kwargs):
        super().__init__(*args, **kwargs)
        for s in soal:
            self.fields[f"soal_{s.pk}"] = forms.TypedChoiceField(
                label=f"{s.urutan}. {s.pertanyaan}", choices=[(str(i), p) for i, p in enumerate(s.pilihan)],
                coerce=int, required=False, empty_value=None, widget=forms.RadioSelect)

    def jawaban(self) -> dict[int, int]:
        return {int(k.removeprefix("soal_")): v for k, v in self.cleaned_data.items() if v is not None}


class UmpanBalikForm(forms.Form):
    nilai_materi = forms.TypedChoiceField(label="Materi mudah dipahami", choices=NILAI_CHOICES, coerce=int,
                                          required=False, empty_value=None, widget=forms.RadioSelect)
    nilai_narasumber = forms.TypedChoiceField(label="Narasumber menjelaskan dengan baik", choices=NILAI_CHOICES,
                                              coerce=int, required=False, empty_value=None, widget=forms.RadioSelect)
    nilai_manfaat = forms.TypedChoiceField(label="Bermanfaat bagi pekerjaan saya", choices=NILAI_CHOICES, coerce=int,
                                           required=False, empty_value=None, widget=forms.RadioSelect)
    saran = forms.CharField(label="Saran untuk sesi berikutnya", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))


class SurveiForm(forms.Form):
    kegunaan = forms.TypedChoiceField(label=rules.PERTANYAAN_SURVEI[0][1], choices=SKALA_CHOICES, coerce=int,
                                      required=False, empty_value=None, widget=forms.RadioSelect)
    keadilan = forms.TypedChoiceField(label=rules.PERTANYAAN_SURVEI[1][1], choices=SKALA_CHOICES, coerce=int,
                                      required=False, empty_value=None, widget=forms.RadioSelect)
    kemudahan = forms.TypedChoiceField(label=rules.PERTANYAAN_SURVEI[2][1], choices=SKALA_CHOICES, coerce=int,
                                       required=False, empty_value=None, widget=forms.RadioSelect)
    komentar = forms.CharField(label="Satu hal yang paling perlu diperbaiki", required=False,
                               help_text="Opsional. Jangan menulis nama atau NIP siapa pun.",
                               widget=forms.Textarea(attrs={"rows": 3}))


class PutaranForm(WajibMixin, forms.Form):
    WAJIB = ("judul", "mulai", "selesai", "min_tampil")

    judul = forms.CharField(label="Judul", max_length=200, required=False)
    mulai = forms.DateField(label="Dibuka", required=False, widget=DATE)
    selesai = forms.DateField(label="Ditutup", required=False, widget=DATE)
    min_tampil = forms.IntegerField(label="Tanggapan minimal untuk ditampilkan per OPD",
                                    initial=rules.MIN_TAMPIL_DEFAULT, required=False, min_value=-1000,
                                    max_value=100000)


class TindakLanjutForm(WajibMixin, forms.Form):
    WAJIB = ("anda_berkata", "kami_lakukan")

    anda_berkata = forms.CharField(label="Anda berkata", max_length=500, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    kami_lakukan = forms.CharField(label="Kami lakukan", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label="Status", choices=StatusTindakLanjut.choices)
    putaran = forms.TypedChoiceField(label="Dari putaran survei", coerce=int, required=False, empty_value=None)
    terbit = forms.BooleanField(label="Tampilkan kepada pegawai", required=False, initial=True)

    def __init__(self, *args, putaran=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["putaran"].choices = [("", "— bukan dari survei —")] + [(p.pk, p.judul) for p in putaran]


class RiwayatForm(WajibMixin, forms.Form):
    WAJIB = ("judul", "tanggal_mulai", "tanggal_selesai", "jam_pelajaran")

    judul = forms.CharField(label="Nama kegiatan", max_length=200, required=False)
    jenis = forms.ChoiceField(label="Jenis", choices=JenisPengembangan.choices)
    penyelenggara = forms.CharField(label="Penyelenggara", max_length=200, required=False)
    tanggal_mulai = forms.DateField(label="Tanggal mulai", required=False, widget=DATE)
    tanggal_selesai = forms.DateField(label="Tanggal selesai", required=False, widget=DATE)
    jam_pelajaran = forms.IntegerField(label="Jam pelajaran (JP)", required=False, initial=0, min_value=-100000,
                                       max_value=100000)
    fokus = forms.MultipleChoiceField(label="Fokus", choices=rules.FOKUS_CHOICES, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    sertifikat_nomor = forms.CharField(label="Nomor sertifikat", max_length=60, required=False)


class CariForm(forms.Form):
    q = forms.CharField(label="Cari", max_length=100, required=False)
