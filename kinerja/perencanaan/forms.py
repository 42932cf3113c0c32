"""Forms of the planning pages. They only parse input; every rule is checked by the services, whose field errors
are put back on these forms (see views._apply_errors)."""

from __future__ import annotations

from django import forms

from kinerja.perencanaan import rules
from kinerja.perencanaan.models import JenisProgram, Kadensi, Pendekatan, StatusPeriode, SumberSasaran

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# a value outside the offered choices (a stale page or a tampered request): say what is allowed, not Django's default
MSG_INTERVENSI_PILIHAN = ("RHK yang diintervensi harus salah satu RHK atasan langsung Anda pada periode yang sama; "
                          "pilih dari daftar.")
MSG_SASARAN_PILIHAN = "Sasaran organisasi harus milik OPD Anda atau sasaran daerah pada periode yang sama."


class SkpBaruForm(forms.Form):
    pendekatan = forms.ChoiceField(
        label="Pendekatan hasil kerja", choices=Pendekatan.choices, initial=Pendekatan.KUANTITATIF,
        help_text="Kuantitatif: ekspektasi pimpinan terukur dengan angka. Kualitatif: ekspektasi berupa uraian.",
        widget=forms.RadioSelect)


class RhkForm(forms.Form):
    """One RHK with up to four indicators, one per aspect (REFERENCE.md §1.3)."""

    jenis = forms.ChoiceField(label="Jenis RHK", choices=rules.JENIS_RHK, initial="utama", widget=forms.RadioSelect,
                              help_text="Utama: hasil kerja pokok jabatan. Tambahan: tugas tambahan dari pimpinan.")
    intervensi = forms.TypedChoiceField(label="RHK atasan yang diintervensi", coerce=int, required=False,
                                        empty_value=None)
    sasaran_organisasi = forms.TypedChoiceField(label="Sasaran organisasi yang didukung", coerce=int, required=False,
                                                empty_value=None)
    teks = forms.CharField(label="Rencana hasil kerja (RHK)", max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Hasil yang akan Anda capai, mis. “Terlaksananya imunisasi dasar lengkap bagi "
                                     "bayi di wilayah kerja”.")
    program = forms.TypedChoiceField(label="Program / kegiatan / proyek", coerce=int, required=False,
                                     empty_value=None)

    def __init__(self, *args, jpt: bool, intervensi=(), sasaran=(), program=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.jpt = jpt
        if jpt:
            del self.fields["intervensi"]
            self.fields["sasaran_organisasi"].error_messages["invalid_choice"] = MSG_SASARAN_PILIHAN
            self.fields["sasaran_organisasi"].choices = [("", "— pilih sasaran —")] + [
                (s.pk, f"{s.kode + ' · ' if s.kode else ''}{s.teks}" + ("" if s.unit_kerja_id else " (daerah)"))
                for s in sasaran]
        else:
            del self.fields["sasaran_organisasi"]
            self.fields["intervensi"].error_messages["invalid_choice"] = MSG_INTERVENSI_PILIHAN
            self.fields["intervensi"].choices = [("", "— pilih RHK atasan —")] + [
                (r.pk, f"[{r.get_jenis_display()}] {r.teks}") for r in intervensi]
        self.fields["program"].choices = [("", "— tidak terkait —")] + [
            (p.pk, f"{p.kode} · {p.nama}") for p in program]
        # required by the rules (checked by the service, so the API and this form give the same message)
        for name in ("teks", "intervensi", "sasaran_organisasi"):
            if name in self.fields:
                self.fields[name].wajib = True
        for aspek, label in rules.ASPEK:
            self.fields[f"{aspek}_teks"] = forms.CharField(
                label=f"{label}: indikator", max_length=500, required=False,
                help_text={"kuantitas": "Mis. “Jumlah bayi yang mendapat imunisasi dasar lengkap”.",
                           "kualitas": "Mis. “Persentase layanan sesuai SOP”.",
                           "waktu": "Mis. “Ketepatan waktu pelaksanaan”.",
                           "biaya": "Isi bila hasil kerja ini terkait anggaran."}[aspek])
            self.fields[f"{aspek}_target"] = forms.DecimalField(
                label=f"{label}: target", required=False, max_digits=14, decimal_places=2,
                widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}))
            self.fields[f"{aspek}_satuan"] = forms.CharField(label=f"{label}: satuan", max_length=60, required=False,
                                                             help_text="Mis. orang, dokumen, %, km, bulan.")
            if jpt:
                self.fields[f"{aspek}_perspektif"] = forms.ChoiceField(
                    label=f"{label}: perspektif", required=False, choices=[("", "—")] + rules.PERSPEKTIF)
            for name in ("teks", "target", "satuan", "perspektif"):
                if f"{aspek}_{name}" in self.fields:  # the fieldset says whether the aspect is optional
                    self.fields[f"{aspek}_{name}"].wajib = True

    def indikator(self) -> list[dict]:
        """Indicator rows that were filled in (any of text, target or unit)."""
        out = []
        for aspek, _label in rules.ASPEK:
            d = self.cleaned_data
            teks, target, satuan = d.get(f"{aspek}_teks"), d.get(f"{aspek}_target"), d.get(f"{aspek}_satuan")
            if teks or target is not None or satuan:
                out.append({"aspek": aspek, "teks": teks or "", "target": target, "satuan": satuan or "",
                            "perspektif": d.get(f"{aspek}_perspektif", "")})
        return out

    def field_for(self, key: str, filled: list[dict]) -> str | None:
        """Map a service error key (`indikator.<i>.<field>`, `teks`, …) to a field of this form."""
        if key.startswith("indikator."):
            parts = key.split(".")
            if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(filled):
                name = f"{filled[int(parts[1])]['aspek']}_{parts[2]}"
                return name if name in self.fields else None
            return "kuantitas_teks" if key == "indikator" else None
        return key if key in self.fields else None


class KembalikanForm(forms.Form):
    catatan = forms.CharField(label="Catatan umum untuk pegawai", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="Tulis apa yang perlu diperbaiki. Anda juga dapat memberi catatan per RHK.")

    def __init__(self, *args, rhk=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rhk = list(rhk)
        for r in self.rhk:
            self.fields[f"rhk_{r.pk}"] = forms.CharField(label=f"Catatan untuk RHK: {r.teks[:120]}", required=False,
                                                         widget=forms.Textarea(attrs={"rows": 2}))

    def catatan_rhk(self) -> dict[int, str]:
        return {r.pk: self.cleaned_data.get(f"rhk_{r.pk}", "") for r in self.rhk}


class RevisiForm(forms.Form):
    JENIS = [("revisi", "Revisi isi SKP (versi baru)"),
             ("pindah", "Pindah jabatan / mutasi: SKP ini berakhir dan SKP baru dimulai")]
    jenis = forms.ChoiceField(label="Jenis perubahan", choices=JENIS, initial="revisi", widget=forms.RadioSelect)
    alasan = forms.CharField(label="Alasan", widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             help_text="Mis. “Penambahan target imunisasi sesuai perubahan anggaran”.")
    tanggal = forms.DateField(label="Tanggal mulai jabatan baru (untuk pindah jabatan)", required=False, widget=DATE)


class EkspektasiForm(forms.Form):
    def __init__(self, *args, ekspektasi=(), **kwargs):
        super().__init__(*args, **kwargs)
        for e in ekspektasi:
            self.fields[e.kode] = forms.CharField(
                label=e.nama, required=False, max_length=2000, initial=e.teks,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=f"{e.definisi.capitalize()}. Panduan: " + "; ".join(e.panduan) + ".")


class BagikanForm(forms.Form):
    pegawai = forms.TypedMultipleChoiceField(label="Bawahan yang menerima RHK ini", coerce=int, required=False,
                                             widget=forms.CheckboxSelectMultiple)
    teks = forms.CharField(label="Teks RHK untuk bawahan", max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Boleh disesuaikan dengan peran bawahan; indikator disalin dari RHK Anda dan "
                                     "dapat diubah bawahan sebelum mengajukan.")

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].choices = [(row.pegawai.pk, row.pegawai.nama_lengkap) for row in staff]


class SalinForm(forms.Form):
    """One select per old RHK: where it hangs now (or leave it out)."""

    def __init__(self, *args, rows=(), jpt: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            kosong = "— jangan disalin —"
            choices = [("", kosong)] + [
                (p.pk, (f"{p.kode} · " if jpt and p.kode else "") + p.teks[:150]) for p in row.pilihan]
            self.fields[f"rhk_{row.rhk.pk}"] = forms.TypedChoiceField(
                label=row.rhk.teks, choices=choices, coerce=int, required=False, empty_value=None,
                initial=row.usulan_id,
                help_text="Menginduk ke sasaran:" if jpt else "Menginduk ke RHK atasan tahun ini:")

    def pemetaan(self) -> dict[int, int | None]:
        return {row.rhk.pk: self.cleaned_data.get(f"rhk_{row.rhk.pk}") for row in self.rows}


class PeriodeForm(forms.Form):
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    nama = forms.CharField(label="Nama", max_length=100, required=False, help_text="Kosongkan: “Periode Kinerja <tahun>”.")
    kadensi = forms.ChoiceField(label="Kadensi evaluasi periodik", choices=Kadensi.choices,
                                help_text="Kebijakan instansi: evaluasi bulanan atau triwulanan.")
    batas_skp = forms.DateField(label="Batas penetapan SKP", required=False, widget=DATE,
                                help_text="Kosongkan: 31 Januari.")
    batas_evaluasi_tahunan = forms.DateField(label="Batas evaluasi tahunan", required=False, widget=DATE,
                                             help_text="Kosongkan: 31 Januari tahun berikutnya.")


class PeriodeUbahForm(forms.Form):
    nama = forms.CharField(label="Nama", max_length=100)
    kadensi = forms.ChoiceField(label="Kadensi evaluasi periodik", choices=Kadensi.choices)
    batas_skp = forms.DateField(label="Batas penetapan SKP", widget=DATE)
    batas_evaluasi_tahunan = forms.DateField(label="Batas evaluasi tahunan", widget=DATE)


class StatusPeriodeForm(forms.Form):
    status = forms.ChoiceField(choices=StatusPeriode.choices)


class SasaranForm(forms.Form):
    unit_kerja = forms.TypedChoiceField(label="OPD", coerce=int, required=False, empty_value=None,
                                        help_text="Kosongkan untuk sasaran daerah (RPJMD).")
    induk = forms.TypedChoiceField(label="Mendukung sasaran", coerce=int, required=False, empty_value=None)
    sumber = forms.ChoiceField(label="Sumber dokumen", choices=SumberSasaran.choices, required=False)
    kode = forms.CharField(label="Kode", max_length=40, required=False)
    teks = forms.CharField(label="Sasaran", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    indikator = forms.CharField(label="Indikator", max_length=500, required=False)
    target = forms.CharField(label="Target", max_length=100, required=False, help_text="Mis. “95 %” atau “120 km”.")

    def __init__(self, *args, opd=(), induk=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_kerja"].choices = [("", "— sasaran daerah —")] + [(u.pk, u.nama) for u in opd]
        self.fields["induk"].choices = [("", "— tidak ada —")] + [
            (s.pk, f"{s.kode + ' · ' if s.kode else ''}{s.teks[:120]}"
             + (f" ({s.unit_kerja.nama})" if s.unit_kerja_id else " (daerah)")) for s in induk]


class ProgramForm(forms.Form):
    jenis = forms.ChoiceField(label="Jenis", choices=JenisProgram.choices)
    kode = forms.CharField(label="Kode", max_length=40, required=False, help_text="Mis. 1.02.02.2.02.")
    nama = forms.CharField(label="Nama", max_length=255, required=False)
    unit_kerja = forms.TypedChoiceField(label="Unit pelaksana", coerce=int)
    induk = forms.TypedChoiceField(label="Induk", coerce=int, required=False, empty_value=None,
                                   help_text="Kegiatan di bawah program; proyek di bawah kegiatan.")
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    deskripsi = forms.CharField(label="Deskripsi", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lokasi = forms.CharField(label="Lokasi (desa/kelurahan)", max_length=200, required=False)
    latitude = forms.DecimalField(label="Lintang", max_digits=9, decimal_places=6, required=False,
                                  widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    longitude = forms.DecimalField(label="Bujur", max_digits=9, decimal_places=6, required=False,
                                   widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    anggaran = forms.DecimalField(label="Anggaran (Rp)", max_digits=16, decimal_places=0, required=False,
                                  widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    tanggal_mulai = forms.DateField(label="Mulai", required=False, widget=DATE)
    tanggal_selesai = forms.DateField(label="Selesai", required=False, widget=DATE)
    aktif = forms.BooleanField(label="Aktif", required=False, initial=True)

    def __init__(self, *args, units=(), induk=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_kerja"].choices = [(u.pk, u.nama) for u in units]
        self.fields["induk"].choices = [("", "— tidak ada —")] + [
            (p.pk, f"{p.kode} · {p.nama} ({p.get_jenis_display().lower()})") for p in induk]


class CariProgramForm(forms.Form):
    q = forms.CharField(label="Cari nama, kode atau lokasi", required=False)
    jenis = forms.ChoiceField(label="Jenis", choices=[("", "Semua")] + JenisProgram.choices, required=False)
