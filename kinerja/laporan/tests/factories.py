"""Test data for daily reports. Planning rows (period, SKP, RHK, indicators) are built directly here: perencanaan's
own services are another issue, and these tests only need approved SKPs to report on.

`build_dunia()` = organisasi's `build_org()` + a running period of the current year with quarterly evaluation
windows + an approved SKP (2 RHK × 2 indicators) for staff_1, staff_2, kasi, staff_3 and staff_pupr, and a draft
SKP for kabid (so kabid cannot report yet).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from kinerja.laporan import services
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.selectors import pejabat_penilai
from kinerja.organisasi.tests.factories import Org, build_org
from kinerja.perencanaan.models import (
    IndikatorKinerja,
    JadwalEvaluasi,
    PeriodeKinerja,
    RencanaHasilKerja,
    SasaranKinerjaPegawai,
)


def make_periode(instansi, tahun: int | None = None, status: str = "berjalan") -> PeriodeKinerja:
    tahun = tahun or timezone.localdate().year
    periode, _ = PeriodeKinerja.objects.get_or_create(
        instansi=instansi, tahun=tahun,
        defaults={"nama": f"Periode Kinerja {tahun}", "tanggal_mulai": dt.date(tahun, 1, 1),
                  "tanggal_selesai": dt.date(tahun, 12, 31), "batas_skp": dt.date(tahun, 1, 31),
                  "batas_evaluasi_tahunan": dt.date(tahun + 1, 1, 10), "status": status})
    if not periode.jadwal.exists():
        for nomor, (m1, m2) in enumerate([(1, 3), (4, 6), (7, 9), (10, 12)], start=1):
            akhir = (dt.date(tahun, m2, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            JadwalEvaluasi.objects.create(instansi=instansi, periode=periode, nomor=nomor, nama=f"Triwulan {nomor}",
                                          tanggal_mulai=dt.date(tahun, m1, 1), tanggal_selesai=akhir,
                                          batas_penilaian=akhir + dt.timedelta(days=10))
        JadwalEvaluasi.objects.create(instansi=instansi, periode=periode, nomor=9, nama="Tahunan",
                                      tanggal_mulai=periode.tanggal_mulai, tanggal_selesai=periode.tanggal_selesai,
                                      batas_penilaian=periode.batas_evaluasi_tahunan, is_final=True)
    return periode


def make_skp(pegawai: Pegawai, periode: PeriodeKinerja, *, status: str = "disetujui", n_rhk: int = 2,
             aktif: bool = True) -> SasaranKinerjaPegawai:
    pegawai = Pegawai.objects.select_related("jabatan", "unit_kerja").get(pk=pegawai.pk)
    penilai, atasan_penilai = pejabat_penilai(pegawai)
    skp = SasaranKinerjaPegawai.objects.create(
        instansi_id=pegawai.instansi_id, periode=periode, pegawai=pegawai, jenis="ja_jf", status=status,
        tanggal_mulai=periode.tanggal_mulai, tanggal_selesai=periode.tanggal_selesai, aktif=aktif,
        jabatan_nama=pegawai.jabatan.nama, unit_kerja=pegawai.unit_kerja, unit_kerja_nama=pegawai.unit_kerja.nama,
        pejabat_penilai=penilai, atasan_pejabat_penilai=atasan_penilai,
    )
    for r in range(1, n_rhk + 1):
        rhk = RencanaHasilKerja.objects.create(instansi_id=pegawai.instansi_id, skp=skp, jenis="utama", urutan=r,
                                               teks=f"RHK {r} {pegawai.nama}")
        IndikatorKinerja.objects.create(instansi_id=pegawai.instansi_id, rhk=rhk, aspek="kuantitas", urutan=1,
                                        teks=f"Jumlah dokumen RHK {r}", target=Decimal("120"), satuan="dokumen")
        IndikatorKinerja.objects.create(instansi_id=pegawai.instansi_id, rhk=rhk, aspek="kualitas", urutan=2,
                                        teks=f"Persentase mutu RHK {r}", target=Decimal("100"), satuan="persen")
    return skp


@dataclass
class Dunia:
    org: Org
    periode: PeriodeKinerja
    skp: dict[str, SasaranKinerjaPegawai]

    def __getattr__(self, name):
        return getattr(self.org, name)

    def rhk(self, who: str, n: int = 0) -> RencanaHasilKerja:
        return self.skp[who].rhk.order_by("urutan")[n]

    def indikator(self, who: str, rhk: int = 0, n: int = 0) -> IndikatorKinerja:
        return self.rhk(who, rhk).indikator.order_by("urutan")[n]


def build_dunia(tahun: int | None = None) -> Dunia:
    org = build_org()
    periode = make_periode(org.instansi, tahun)
    skp = {who: make_skp(getattr(org, who), periode) for who in ("staff_1", "staff_2", "kasi", "staff_3", "staff_pupr")}
    skp["kabid"] = make_skp(org.kabid, periode, status="draft")
    return Dunia(org=org, periode=periode, skp=skp)


def data_laporan(dunia: Dunia, who: str = "staff_1", **kw) -> dict:
    """A valid report payload for `who` (today, 08:00–10:00, first indicator of the first RHK)."""
    base = {"tanggal": None, "jam_mulai": dt.time(8, 0), "jam_selesai": dt.time(10, 0),
            "indikator_id": dunia.indikator(who).pk, "rhk_id": None, "uraian": "Menyusun laporan imunisasi desa",
            "output_jumlah": Decimal("2"), "output_satuan": "dokumen"}
    base.update(kw)
    return base


def make_laporan(dunia: Dunia, who: str = "staff_1", *, ajukan: bool = True, now=None, **kw):
    user = getattr(dunia.org, who).user
    laporan, _ = services.laporan_harian_create(actor=user, data=data_laporan(dunia, who, **kw), ajukan=ajukan,
                                                now=now)
    return laporan
