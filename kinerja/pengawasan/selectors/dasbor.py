"""Dashboard reads: only pengawasan's aggregate tables (StatistikUnit, StatistikPegawai, StatistikPredikat,
CapaianIndikator) plus the unit names of the breadcrumb — a fixed number of queries whatever the head-count."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.utils import timezone

from kinerja.core import kalender
from kinerja.core.exceptions import MSG_NOT_FOUND, NotFound
from kinerja.organisasi.models import Pegawai, StatusPegawai, UnitKerja
from kinerja.organisasi.selectors import ancestor_ids
from kinerja.pengawasan import rules
from kinerja.pengawasan.access import scope_pengawasan
from kinerja.pengawasan.models import (
    Peringatan,
    StatistikPegawai,
    StatistikPredikat,
    StatistikProgram,
    StatistikUnit,
    StatusPengisian,
    StatusPeringatan,
)
from kinerja.pengawasan.services.kebijakan import ambang_for
from kinerja.perencanaan.models import JadwalEvaluasi, PeriodeKinerja

TREN_BULAN = 6
PER_HALAMAN = 50
URUTAN = {"nama", "kepatuhan", "menunggu", "tinjauan", "jadwal", "ikm", "terlambat", "pegawai"}
PREDIKAT = [("sangat_baik", "Sangat Baik"), ("baik", "Baik"), ("butuh_perbaikan", "Butuh Perbaikan"),
            ("kurang", "Kurang/Misconduct"), ("sangat_kurang", "Sangat Kurang")]


@functools.lru_cache(maxsize=256)
def _hari_kerja_cache(instansi_id: int, bulan: dt.date, sampai: dt.date, _jam: int) -> int:
    return len(kalender.hari_kerja_in_range(bulan, sampai, instansi_id))


def hari_kerja_bulan(instansi_id: int, bulan: dt.date, today: dt.date | None = None) -> int:
    """Working days of the month up to today (the whole month for a past one)."""
    today = today or timezone.localdate()
    sampai = min(rules.akhir_bulan(bulan), today)
    if sampai < bulan:
        return 0
    return _hari_kerja_cache(instansi_id, bulan, sampai, int(timezone.now().timestamp() // 300))


@dataclass
class Baris:
    """One row of a dashboard table (a unit subtree, the regency, or a team), with derived figures."""

    nama: str
    unit_id: int | None = None
    level: int = 0
    jumlah_pegawai: int = 0
    wajib_lapor: int = 0
    pegawai_melapor: int = 0
    hari_lapor: int = 0
    laporan_diajukan: int = 0
    laporan_disetujui: int = 0
    laporan_revisi: int = 0
    menunggu: int = 0
    menunggu_sejak: dt.datetime | None = None
    tinjauan_n: int = 0
    tinjauan_jam: float = 0
    indikator_n: int = 0
    capaian_total: float = 0
    jadwal_total: float = 0
    indikator_tertinggal: int = 0
    ikm_n: int = 0
    ikm_jumlah: list = field(default_factory=list)
    ikm_hitung: list = field(default_factory=list)
    pengaduan_masuk: int = 0
    pengaduan_selesai: int = 0
    pengaduan_terbuka: int = 0
    pengaduan_terlambat: int = 0
    hari_kerja: int = 0
    peringatan: int = 0
    ambang: rules.Ambang = rules.AMBANG_DEFAULT
    bobot_ikm: str = "1/9"

    @property
    def kepatuhan(self) -> float | None:
        return rules.kepatuhan(self.hari_lapor, self.wajib_lapor, self.hari_kerja)

    @property
    def tinjauan_rata_jam(self) -> float | None:
        return rules.rerata(self.tinjauan_jam, self.tinjauan_n)

    @property
    def capaian_rata(self) -> float | None:
        return rules.rerata(self.capaian_total, self.indikator_n)

    @property
    def jadwal_rata(self) -> float | None:
        return rules.rerata(self.jadwal_total, self.indikator_n)

    @property
    def menunggu_hari(self) -> int | None:
        if not self.menunggu_sejak:
            return None
        return (timezone.localdate() - timezone.localtime(self.menunggu_sejak).date()).days

    @property
    def ikm(self) -> float | None:
        if not self.ikm_n or not self.ikm_jumlah:
            return None
        from kinerja.partisipasi import rules as prules

        v = prules.ikm(prules.nrr_dari_jumlah(self.ikm_jumlah, self.ikm_hitung), self.bobot_ikm)
        return float(v) if v is not None else None

    @property
    def ikm_mutu(self) -> str:
        from kinerja.partisipasi import rules as prules

        m = prules.mutu(self.ikm) if self.ikm is not None else None
        return f"{m.huruf} ({m.kinerja})" if m else ""

    @property
    def tertinggal(self) -> bool:
        return rules.tertinggal_unit(self.kepatuhan, self.ambang)

    def nilai_urut(self, key: str):
        return {"nama": self.nama.lower(), "kepatuhan": self.kepatuhan, "menunggu": self.menunggu,
                "tinjauan": self.tinjauan_rata_jam, "jadwal": self.jadwal_rata, "ikm": self.ikm,
                "terlambat": self.pengaduan_terlambat, "pegawai": self.jumlah_pegawai}[key]


BARIS_FIELDS = [f for f in Baris.__dataclass_fields__ if f not in ("nama", "unit_id", "level", "hari_kerja",
                                                                   "peringatan", "ambang", "bobot_ikm")]


def _baris(row: StatistikUnit | None, nama: str, hari_kerja: int, ambang, bobot: str) -> Baris:
    b = Baris(nama=nama, hari_kerja=hari_kerja, ambang=ambang, bobot_ikm=bobot)
    if row is not None:
        b.unit_id, b.level = row.unit_id, row.level
        for f in BARIS_FIELDS:
            setattr(b, f, getattr(row, f))
    return b


def urutkan(rows: list, key: str, turun: bool) -> list:
    if key not in URUTAN:
        raise ValueError(rules.MSG_URUT)
    known = [r for r in rows if r.nilai_urut(key) is not None]
    unknown = [r for r in rows if r.nilai_urut(key) is None]
    return sorted(known, key=lambda r: r.nilai_urut(key), reverse=turun) + unknown


@dataclass
class Dasbor:
    judul: str
    bulan: dt.date
    bulan_pilihan: list[dt.date]
    ringkasan: Baris
    baris: list[Baris]
    tren: list[tuple[dt.date, Baris]]
    unit: UnitKerja | None = None
    jejak: list[UnitKerja] = field(default_factory=list)
    predikat: list[dict] = field(default_factory=list)
    program: list[dict] = field(default_factory=list)
    pegawai: object = None  # a Paginator page of PegawaiBaris, when the actor may see individuals here
    peringatan: list[Peringatan] = field(default_factory=list)
    peringatan_jumlah: int = 0
    diperbarui: dt.datetime | None = None
    boleh_individu: bool = False


@dataclass
class PegawaiBaris:
    pegawai: Pegawai
    stat: StatistikPegawai | None
    hari_kerja: int

    @property
    def kepatuhan(self) -> float | None:
        return rules.persen(self.stat.hari_lapor, self.hari_kerja) if self.stat else (0.0 if self.hari_kerja else None)

    @property
    def tinjauan_rata_jam(self) -> float | None:
        return rules.rerata(self.stat.tinjauan_jam, self.stat.tinjauan_n) if self.stat else None


def bulan_pilihan(instansi_id: int) -> list[dt.date]:
    return list(StatistikUnit.objects.filter(instansi_id=instansi_id, unit__isnull=True)
                .order_by("-bulan").values_list("bulan", flat=True)[:12])


def unit_get(*, actor, unit_id: int) -> UnitKerja:
    """A unit whose dashboard the actor may open (404 otherwise)."""
    sp = scope_pengawasan(actor)
    unit = UnitKerja.objects.filter(pk=unit_id, instansi_id=sp.instansi_id).first()
    if unit is None or not sp.path_terlihat(unit.path):
        raise NotFound(MSG_NOT_FOUND)
    return unit


def _bobot(instansi_id: int) -> str:
    from kinerja.partisipasi.services._umum import kebijakan

    return kebijakan(instansi_id).bobot_ikm


def dasbor(*, actor, unit_id: int | None = None, bulan: dt.date | None = None, urut: str = "nama",
           turun: bool = False, q: str = "", halaman: int | str | None = 1) -> Dasbor:
    """The dashboard of the regency (unit_id None: rows are the OPD) or of a unit (rows are its sub-units, plus its
    own pegawai when the actor may see individuals)."""
    sp = scope_pengawasan(actor)
    iid = sp.instansi_id
    unit = None
    if unit_id is None:
        if not sp.semua_unit:
            raise NotFound(MSG_NOT_FOUND)
    else:
        unit = unit_get(actor=actor, unit_id=unit_id)
    pilihan = bulan_pilihan(iid)
    today = timezone.localdate()
    bulan = bulan or (pilihan[0] if pilihan else rules.awal_bulan(today))
    hk = hari_kerja_bulan(iid, bulan, today)
    policy = ambang_for(iid)
    ambang, bobot = policy.ambang, _bobot(iid)
    node_q = Q(unit__isnull=True) if unit is None else Q(unit_id=unit.pk)
    child_q = Q(level=1) if unit is None else Q(induk_id=unit.pk)
    rows = list(StatistikUnit.objects.filter(child_q, instansi_id=iid, bulan=bulan))
    node = StatistikUnit.objects.filter(node_q, instansi_id=iid, bulan=bulan).first()
    baris = [_baris(r, r.nama, hk, ambang, bobot) for r in rows if r.jumlah_pegawai or r.wajib_lapor]
    if q:
        baris = [b for b in baris if q.lower() in b.nama.lower()]
    # open warnings per child unit (one grouped query over the subtree)
    pq = Q(instansi_id=iid, status__in=[StatusPeringatan.TERBUKA, StatusPeringatan.DIAKUI])
    if unit is not None:
        pq &= Q(path__startswith=unit.path)
    paths = {r.path: r.unit_id for r in rows}
    counts: dict[int, int] = {}
    for path, n in Peringatan.objects.filter(pq).values_list("path").annotate(n=Count("pk")).order_by():
        for p, uid in paths.items():
            if p and path.startswith(p):
                counts[uid] = counts.get(uid, 0) + n
    for b in baris:
        b.peringatan = counts.get(b.unit_id, 0)
    baris = urutkan(baris, urut, turun)
    start = rules.bulan_sebelumnya(bulan, TREN_BULAN - 1)
    tren = [(r.bulan, _baris(r, r.nama, hari_kerja_bulan(iid, r.bulan, today), ambang, bobot))
            for r in StatistikUnit.objects.filter(node_q, instansi_id=iid, bulan__gte=start, bulan__lte=bulan)
            .order_by("bulan")]
    jejak = []
    if unit is not None:
        ids = ancestor_ids(unit.path)
        got = UnitKerja.objects.in_bulk(ids)
        jejak = [got[i] for i in ids if i in got and sp.path_terlihat(got[i].path)]
    d = Dasbor(judul=unit.nama if unit else "Kabupaten", bulan=bulan, bulan_pilihan=pilihan,
               ringkasan=_baris(node, unit.nama if unit else "Kabupaten", hk, ambang, bobot), baris=baris,
               tren=tren, unit=unit, jejak=jejak, diperbarui=node.dihitung_pada if node else None)
    d.predikat = _predikat(iid, unit)
    d.program = _program(iid, unit)
    peringatan = Peringatan.objects.filter(pq).select_related("pemilik", "unit")
    if not sp.base.instansi_read and not sp.akar and sp.pimpinan_daerah:
        peringatan = peringatan.filter(pegawai__isnull=True)
    d.peringatan_jumlah = peringatan.count()
    d.peringatan = list(peringatan.order_by("-created_at", "-pk")[:8])
    if unit is not None:
        d.boleh_individu = True
        d.pegawai = _pegawai_unit(actor, unit, bulan, hk, halaman)
        if d.pegawai is not None and not d.pegawai.paginator.count:
            d.pegawai = None
    return d


def _pegawai_unit(actor, unit: UnitKerja, bulan: dt.date, hk: int, halaman):
    """The unit's own pegawai the actor may see individually (pimpinan daerah: none), with their month."""
    sp = scope_pengawasan(actor)
    qs = (Pegawai.objects.filter(sp.individu_q(), unit_kerja=unit, status=StatusPegawai.AKTIF)
          .select_related("jabatan").order_by("nama", "pk"))
    page = Paginator(qs, PER_HALAMAN).get_page(halaman)
    stats = {s.pegawai_id: s for s in StatistikPegawai.objects.filter(pegawai_id__in=[p.pk for p in page],
                                                                      bulan=bulan)}
    page.object_list = [PegawaiBaris(p, stats.get(p.pk), hk) for p in page]
    return page


def _periode(instansi_id: int) -> PeriodeKinerja | None:
    today = timezone.localdate()
    return (PeriodeKinerja.objects.filter(instansi_id=instansi_id, tanggal_mulai__lte=today,
                                          tanggal_selesai__gte=today).order_by("-tahun").first()
            or PeriodeKinerja.objects.filter(instansi_id=instansi_id).order_by("-tahun").first())


def _predikat(instansi_id: int, unit: UnitKerja | None) -> list[dict]:
    """The predikat distribution per evaluation window of the current period, against the curve."""
    periode = _periode(instansi_id)
    if periode is None:
        return []
    jadwal = {j.pk: j for j in JadwalEvaluasi.objects.filter(periode=periode)}
    rows = StatistikPredikat.objects.filter(instansi_id=instansi_id, jadwal_id__in=list(jadwal),
                                            unit=unit).order_by("jadwal__nomor")
    out = []
    for r in rows:
        n = r.dinilai or 1
        out.append({"jadwal": jadwal[r.jadwal_id], "dinilai": r.dinilai, "draf": r.draf,
                    "baris": [{"kode": k, "label": lbl, "jumlah": r.jumlah.get(k, 0),
                               "persen": round(100 * r.jumlah.get(k, 0) / n)} for k, lbl in PREDIKAT],
                    "pelanggaran": r.pelanggaran})
    return out


def _program(instansi_id: int, unit: UnitKerja | None) -> list[dict]:
    """Realisasi against target per program (indicators linked to it) in this subtree, from StatistikProgram."""
    rows = (StatistikProgram.objects.filter(instansi_id=instansi_id, unit=unit).select_related("program")
            .order_by("program__nama")[:100])
    return [{"program_id": r.program_id, "program__nama": r.program.nama, "program__kode": r.program.kode,
             "n": r.indikator_n, "pegawai": r.pegawai_n, "capaian": rules.rerata(r.capaian_total, r.indikator_n),
             "jadwal": rules.rerata(r.jadwal_total, r.indikator_n)} for r in rows]


def status_pengisian(instansi_id: int) -> StatusPengisian | None:
    return StatusPengisian.objects.filter(instansi_id=instansi_id, kunci="agregat").first()


# --- team view (any atasan) -----------------------------------------------------------------------------------------
@dataclass
class Tim:
    bulan: dt.date
    bulan_pilihan: list[dt.date]
    ringkasan: Baris
    pegawai: object  # page of PegawaiBaris


def tim(*, actor, bulan: dt.date | None = None, halaman=1) -> Tim:
    """Everyone below the actor's positions (organisasi's scope minus themself), their month, and the total."""
    sp = scope_pengawasan(actor)
    iid = sp.instansi_id
    pilihan = bulan_pilihan(iid)
    today = timezone.localdate()
    bulan = bulan or (pilihan[0] if pilihan else rules.awal_bulan(today))
    hk = hari_kerja_bulan(iid, bulan, today)
    qs = (Pegawai.objects.filter(sp.individu_q(), status=StatusPegawai.AKTIF).exclude(pk=sp.base.pegawai_id)
          .select_related("jabatan", "unit_kerja").order_by("unit_kerja__path", "nama", "pk"))
    agg = StatistikPegawai.objects.filter(pegawai__in=qs, bulan=bulan).aggregate(
        melapor=Count("pk", filter=Q(hari_lapor__gt=0)), **{f: Sum(f) for f in (
            "hari_lapor", "laporan_diajukan", "laporan_disetujui", "laporan_revisi", "menunggu", "tinjauan_n",
            "tinjauan_jam")})
    total = Baris(nama="Tim saya", hari_kerja=hk, ambang=ambang_for(iid).ambang, jumlah_pegawai=qs.count())
    total.wajib_lapor = total.jumlah_pegawai
    total.pegawai_melapor = agg["melapor"] or 0
    for f in ("hari_lapor", "laporan_diajukan", "laporan_disetujui", "laporan_revisi", "menunggu", "tinjauan_n",
              "tinjauan_jam"):
        setattr(total, f, agg[f] or 0)
    page = Paginator(qs, PER_HALAMAN).get_page(halaman)
    stats = {s.pegawai_id: s for s in StatistikPegawai.objects.filter(pegawai_id__in=[p.pk for p in page],
                                                                      bulan=bulan)}
    page.object_list = [PegawaiBaris(p, stats.get(p.pk), hk) for p in page]
    return Tim(bulan=bulan, bulan_pilihan=pilihan, ringkasan=total, pegawai=page)
