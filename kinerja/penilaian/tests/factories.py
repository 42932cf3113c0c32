"""Test data for penilaian on top of `build_org()`: this year's period with its triwulan windows and the annual
one, an approved SKP (two RHK, three indicators, a shared program) for most pegawai of instansi A, and approved
daily reports. SKP and reports are written with the ORM (their own apps' services are tested there); evaluation
data is built through penilaian's services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from kinerja.laporan.models import LaporanHarian, StatusLaporan
from kinerja.organisasi.selectors import pejabat_penilai
from kinerja.organisasi.tests.factories import Org, fresh
from kinerja.penilaian import services
from kinerja.perencanaan.models import (
    IndikatorKinerja,
    JadwalEvaluasi,
    PeriodeKinerja,
    ProgramKegiatan,
    RencanaHasilKerja,
    SasaranKinerjaPegawai,
)
from kinerja.perencanaan.rules import jendela_evaluasi
from kinerja.perencanaan.services import snapshot_pegawai

RATED = ("kadis", "kabid", "kasi", "staff_1", "staff_2", "kabid_2", "staff_3", "kadis_pupr", "staff_pupr")


@dataclass
class World:
    org: Org
    periode: PeriodeKinerja
    jadwal: dict[int, JadwalEvaluasi]  # nomor -> window (1–4 triwulan, 5 annual)
    skp: dict[str, SasaranKinerjaPegawai] = field(default_factory=dict)
    program: ProgramKegiatan | None = None

    @property
    def tw3(self) -> JadwalEvaluasi:
        return self.jadwal[3]

    @property
    def tahunan(self) -> JadwalEvaluasi:
        return self.jadwal[5]

    def user(self, name: str):
        return fresh(self.org.user(name))


def _end_of_month(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))


def make_periode(instansi, year: int | None = None, status: str = "berjalan") -> tuple[PeriodeKinerja, dict]:
    year = year or timezone.localdate().year
    periode = PeriodeKinerja.objects.create(
        instansi=instansi, tahun=year, nama=f"Periode Kinerja {year}", kadensi="triwulanan",
        tanggal_mulai=dt.date(year, 1, 1), tanggal_selesai=dt.date(year, 12, 31), batas_skp=dt.date(year, 1, 31),
        batas_evaluasi_tahunan=dt.date(year + 1, 1, 10), status=status)
    jadwal = {}
    for nomor, nama, m1, m2, final in jendela_evaluasi(year, "triwulanan"):
        end = _end_of_month(year, m2)
        jadwal[nomor] = JadwalEvaluasi.objects.create(
            instansi=instansi, periode=periode, nomor=nomor, nama=nama, tanggal_mulai=dt.date(year, m1, 1),
            tanggal_selesai=end, batas_penilaian=end + dt.timedelta(days=40), is_final=final)
    return periode, jadwal


def make_skp(pegawai, periode: PeriodeKinerja, program: ProgramKegiatan | None = None) -> SasaranKinerjaPegawai:
    penilai, atasan = pejabat_penilai(pegawai)
    skp = SasaranKinerjaPegawai.objects.create(
        instansi_id=pegawai.instansi_id, periode=periode, pegawai=pegawai,
        jenis="jpt" if pegawai.jabatan.jenis == "jpt_pratama" else "ja_jf", status="disetujui",
        tanggal_mulai=periode.tanggal_mulai, tanggal_selesai=periode.tanggal_selesai, jabatan=pegawai.jabatan,
        jabatan_nama=pegawai.jabatan.nama, unit_kerja=pegawai.unit_kerja, unit_kerja_nama=pegawai.unit_kerja.nama,
        pangkat_golongan=pegawai.pangkat_golongan, pejabat_penilai=penilai,
        pejabat_penilai_snapshot=snapshot_pegawai(penilai), atasan_pejabat_penilai=atasan,
        atasan_pejabat_penilai_snapshot=snapshot_pegawai(atasan), disetujui_pada=timezone.now())
    r1 = RencanaHasilKerja.objects.create(instansi_id=pegawai.instansi_id, skp=skp, jenis="utama", urutan=1,
                                          teks="Terlaksananya imunisasi dasar lengkap", program=program)
    IndikatorKinerja.objects.create(instansi_id=pegawai.instansi_id, rhk=r1, aspek="kuantitas", urutan=1,
                                    teks="Jumlah bayi diimunisasi", target=Decimal("40"), satuan="bayi")
    IndikatorKinerja.objects.create(instansi_id=pegawai.instansi_id, rhk=r1, aspek="kualitas", urutan=2,
                                    teks="Persentase laporan tanpa revisi", target=Decimal("100"), satuan="%")
    r2 = RencanaHasilKerja.objects.create(instansi_id=pegawai.instansi_id, skp=skp, jenis="utama", urutan=2,
                                          teks="Tersusunnya laporan surveilans")
    IndikatorKinerja.objects.create(instansi_id=pegawai.instansi_id, rhk=r2, aspek="kuantitas", urutan=1,
                                    teks="Jumlah laporan surveilans", target=Decimal("12"), satuan="laporan")
    return skp


def indikator(skp: SasaranKinerjaPegawai, n: int = 0) -> IndikatorKinerja:
    """The n-th kuantitas indicator of an SKP (0: bayi diimunisasi, 1: laporan surveilans)."""
    return list(IndikatorKinerja.objects.filter(rhk__skp=skp, aspek="kuantitas").order_by("rhk__urutan"))[n]


def make_laporan(skp: SasaranKinerjaPegawai, ind: IndikatorKinerja, tanggal: dt.date, jumlah,
                 status: str = StatusLaporan.DISETUJUI) -> LaporanHarian:
    p = skp.pegawai
    return LaporanHarian.objects.create(
        instansi_id=p.instansi_id, pegawai=p, tanggal=tanggal, jam_mulai=dt.time(8), jam_selesai=dt.time(10),
        durasi_menit=120, skp=skp, rhk=ind.rhk, indikator=ind, uraian="Kegiatan uji", output_jumlah=Decimal(jumlah),
        output_satuan=ind.satuan, status=status, jabatan_nama=skp.jabatan_nama, unit_kerja=skp.unit_kerja,
        unit_kerja_nama=skp.unit_kerja_nama, penilai=skp.pejabat_penilai)


def build_world(org: Org) -> World:
    periode, jadwal = make_periode(org.instansi)
    program = ProgramKegiatan.objects.create(instansi=org.instansi, jenis="program", kode="P-IMUN",
                                             nama="Imunisasi Dasar Lengkap", unit_kerja=org.dinkes,
                                             tahun=periode.tahun)
    w = World(org=org, periode=periode, jadwal=jadwal, program=program)
    for name in RATED:
        p = getattr(org, name)
        shared = program if name in ("staff_1", "staff_2", "staff_3") else None
        w.skp[name] = make_skp(p, periode, shared)
    return w


def rating_lengkap(evaluasi, rating: str = "sesuai", umpan_balik: str = "") -> dict:
    """Keyword arguments for services.evaluasi_nilai with the same rating everywhere."""
    from kinerja.perencanaan.rules import NILAI_KODE

    rhk_ids = RencanaHasilKerja.objects.filter(skp_id=evaluasi.skp_id).values_list("pk", flat=True)
    return {
        "rhk": {i: {"rating": rating, "umpan_balik": umpan_balik} for i in rhk_ids},
        "perilaku": {k: {"rating": rating, "umpan_balik": umpan_balik} for k in NILAI_KODE},
        "rating_hasil_kerja": rating, "rating_perilaku_kerja": rating,
    }


def nilai(w: World, name: str, jadwal: JadwalEvaluasi, hk: str = "sesuai", pk: str = "sesuai"):
    """Open and rate `name`'s evaluation as their pejabat penilai (feedback given where required)."""
    pegawai = getattr(w.org, name)
    penilai = pejabat_penilai(pegawai)[0]
    actor = fresh(penilai.user)
    ev = services.evaluasi_buka(actor=actor, pegawai=pegawai, jadwal=jadwal)
    kw = rating_lengkap(ev, "sesuai")
    kw["rating_hasil_kerja"], kw["rating_perilaku_kerja"] = hk, pk
    kw["umpan_balik_hasil_kerja"] = "Catatan hasil kerja."
    return services.evaluasi_nilai(actor=actor, evaluasi=ev, **kw)
