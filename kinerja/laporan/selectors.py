"""Reads of daily reports, always scoped to what the actor may see (organisasi.access.scope_for)."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from kinerja.core.exceptions import MSG_NOT_FOUND, NotFound
from kinerja.laporan import rules
from kinerja.laporan.models import (
    BukaKunciLaporan,
    BuktiDukung,
    KebijakanLaporan,
    KomentarLaporan,
    LaporanHarian,
    StatusLaporan,
)
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai
from kinerja.perencanaan.models import (
    IndikatorKinerja,
    JadwalEvaluasi,
    RencanaHasilKerja,
    SasaranKinerjaPegawai,
    StatusPeriode,
    StatusSkp,
)

# --- policy ----------------------------------------------------------------------------------------------------------
KEBIJAKAN_CACHE_SECONDS = 30
_kebijakan_cache: dict[int, tuple[float, KebijakanLaporan]] = {}


def kebijakan_for(instansi_id: int) -> KebijakanLaporan:
    """The instansi's reporting policy (an unsaved row with the defaults while none is saved). Cached per process
    for a few seconds: the 16:00 rush reads it on every submission."""
    now = time.monotonic()
    hit = _kebijakan_cache.get(instansi_id)
    if hit is not None and hit[0] > now:
        return hit[1]
    obj = KebijakanLaporan.objects.filter(instansi_id=instansi_id).first() or KebijakanLaporan(instansi_id=instansi_id)
    _kebijakan_cache[instansi_id] = (now + KEBIJAKAN_CACHE_SECONDS, obj)
    return obj


def kebijakan_forget() -> None:
    _kebijakan_cache.clear()


def zona_pegawai(pegawai: Pegawai) -> zoneinfo.ZoneInfo:
    """The pegawai's local time zone: their unit's (WIB/WITA/WIT), else their instansi's."""
    unit = pegawai.unit_kerja if pegawai.unit_kerja_id else None
    return zoneinfo.ZoneInfo(unit.zona_waktu if unit is not None else pegawai.instansi.zona_waktu)


def hari_ini_pegawai(pegawai: Pegawai, now: dt.datetime | None = None) -> dt.date:
    return rules.tanggal_lokal(now or timezone.now(), zona_pegawai(pegawai))


# --- what a pegawai may report on ---------------------------------------------------------------------------------
def skp_aktif_q(pegawai_id: int, tanggal: dt.date | None = None) -> Q:
    q = Q(pegawai_id=pegawai_id, aktif=True, status=StatusSkp.DISETUJUI) & ~Q(periode__status=StatusPeriode.DITUTUP)
    if tanggal is not None:
        q &= Q(tanggal_mulai__lte=tanggal, tanggal_selesai__gte=tanggal)
    return q


def rhk_pilihan(*, actor, tanggal: dt.date | None = None) -> list[SasaranKinerjaPegawai]:
    """The actor's active, approved SKP (covering `tanggal` when given) with their RHK and indicators: the choices
    of the report form. Three queries whatever the size."""
    scope = scope_for(actor)
    if scope.pegawai is None:
        return []
    return list(
        SasaranKinerjaPegawai.objects.filter(skp_aktif_q(scope.pegawai.pk, tanggal))
        .select_related("periode")
        .prefetch_related(Prefetch("rhk", queryset=RencanaHasilKerja.objects.order_by("jenis", "urutan", "pk")
                                   .prefetch_related(Prefetch("indikator",
                                                              queryset=IndikatorKinerja.objects.order_by("urutan",
                                                                                                         "pk")))))
        .order_by("-tanggal_mulai")
    )


# --- reports ------------------------------------------------------------------------------------------------------
_LIST_RELATED = ("pegawai", "rhk", "indikator", "program", "penilai")


def laporan_list(*, actor, pegawai_id: int | None = None, status: str | None = None, dari: dt.date | None = None,
                 sampai: dt.date | None = None) -> QuerySet[LaporanHarian]:
    """Reports of pegawai the actor may see (own; subordinates; OPD; whole instansi for admin and Inspektorat)."""
    scope = scope_for(actor)
    qs = LaporanHarian.objects.filter(scope.pegawai_q("pegawai__")).select_related(*_LIST_RELATED)
    if pegawai_id is not None:
        qs = qs.filter(pegawai_id=pegawai_id)
    if status:
        qs = qs.filter(status=status)
    if dari:
        qs = qs.filter(tanggal__gte=dari)
    if sampai:
        qs = qs.filter(tanggal__lte=sampai)
    return qs.annotate(jumlah_bukti=Count("bukti", distinct=True)).order_by("-tanggal", "-jam_mulai", "-pk")


def laporan_milik(*, actor) -> QuerySet[LaporanHarian]:
    scope = scope_for(actor)
    if scope.pegawai is None:
        return LaporanHarian.objects.none()
    return laporan_list(actor=actor, pegawai_id=scope.pegawai.pk)


def laporan_get(*, actor, laporan_id: int) -> LaporanHarian:
    """One report the actor may see, or NotFound (404, never revealing that it exists)."""
    laporan = (
        LaporanHarian.objects.select_related("pegawai__jabatan", "pegawai__unit_kerja", "rhk", "indikator",
                                             "program", "penilai", "skp", "ditinjau_oleh")
        .filter(pk=laporan_id).first()
    )
    if laporan is None or not scope_for(actor).covers(laporan.pegawai):
        raise NotFound(MSG_NOT_FOUND)
    return laporan


def laporan_detail(*, actor, laporan_id: int) -> LaporanHarian:
    """A report with its evidence and comments loaded."""
    laporan = laporan_get(actor=actor, laporan_id=laporan_id)
    laporan.bukti_list = list(laporan.bukti.order_by("pk"))
    laporan.komentar_list = list(laporan.komentar.select_related("penulis").order_by("created_at", "pk"))
    return laporan


def bukti_get(*, actor, bukti_id: int) -> BuktiDukung:
    bukti = BuktiDukung.objects.select_related("laporan__pegawai__jabatan").filter(pk=bukti_id).first()
    if bukti is None or not scope_for(actor).covers(bukti.laporan.pegawai):
        raise NotFound(MSG_NOT_FOUND)
    return bukti


def komentar_list(*, actor, laporan: LaporanHarian) -> QuerySet[KomentarLaporan]:
    laporan_get(actor=actor, laporan_id=laporan.pk)
    return laporan.komentar.select_related("penulis").order_by("created_at", "pk")


def laporan_hari(*, pegawai: Pegawai, tanggal: dt.date) -> list[LaporanHarian]:
    return list(LaporanHarian.objects.filter(pegawai=pegawai, tanggal=tanggal).order_by("jam_mulai"))


# --- the review queue ---------------------------------------------------------------------------------------------
ANTRIAN_MAKS = 100


def antrian_tinjauan(*, actor, kecuali: set[int] | frozenset[int] = frozenset(),
                     batas: int = ANTRIAN_MAKS) -> list[LaporanHarian]:
    """Reports waiting for the actor's review (they are the pejabat penilai), oldest first; `kecuali` leaves out
    those already on the reviewer's screen (the live poll asks only for new ones). Three queries."""
    scope = scope_for(actor)
    if scope.pegawai is None:
        return []
    qs = (
        LaporanHarian.objects.filter(penilai_id=scope.pegawai.pk, status=StatusLaporan.DIAJUKAN,
                                     instansi_id=scope.instansi_id)
        .exclude(pk__in=list(kecuali))
        .select_related("pegawai", "rhk", "indikator", "program")
        .prefetch_related(Prefetch("bukti", queryset=BuktiDukung.objects.order_by("pk")),
                          Prefetch("komentar", queryset=KomentarLaporan.objects.select_related("penulis")
                                   .order_by("created_at", "pk")))
        .order_by("diajukan_pada", "pk")
    )
    return list(qs[:batas])


def antrian_jumlah(*, actor) -> int:
    scope = scope_for(actor)
    if scope.pegawai is None:
        return 0
    return LaporanHarian.objects.filter(penilai_id=scope.pegawai.pk, status=StatusLaporan.DIAJUKAN).count()


def antrian_selesai(*, actor, ids: set[int]) -> set[int]:
    """Of the ids on the reviewer's screen, those no longer waiting for them (handled elsewhere)."""
    scope = scope_for(actor)
    if not ids or scope.pegawai is None:
        return set()
    masih = set(LaporanHarian.objects.filter(pk__in=ids, penilai_id=scope.pegawai.pk,
                                             status=StatusLaporan.DIAJUKAN).values_list("pk", flat=True))
    return set(ids) - masih


# --- summaries ----------------------------------------------------------------------------------------------------
@dataclass
class RingkasanPegawai:
    hari_ini: dt.date
    laporan_hari_ini: list[LaporanHarian]
    menit_hari_ini: int
    per_status: dict[str, int]
    punya_skp: bool

    @property
    def durasi_hari_ini(self) -> str:
        return rules.durasi_label(self.menit_hari_ini)


def ringkasan_pegawai(*, actor, now: dt.datetime | None = None) -> RingkasanPegawai | None:
    scope = scope_for(actor)
    if scope.pegawai is None:
        return None
    pegawai = scope.pegawai
    hari_ini = hari_ini_pegawai(pegawai, now)
    today = laporan_hari(pegawai=pegawai, tanggal=hari_ini)
    awal_bulan = hari_ini.replace(day=1)
    per_status = dict(
        LaporanHarian.objects.filter(pegawai=pegawai, tanggal__gte=awal_bulan).values_list("status")
        .annotate(n=Count("pk")).values_list("status", "n")
    )
    punya_skp = SasaranKinerjaPegawai.objects.filter(skp_aktif_q(pegawai.pk, hari_ini)).exists()
    return RingkasanPegawai(hari_ini=hari_ini, laporan_hari_ini=today,
                            menit_hari_ini=sum(x.durasi_menit for x in today), per_status=per_status,
                            punya_skp=punya_skp)


def buka_kunci_list(*, actor) -> QuerySet[BukaKunciLaporan]:
    """Unlocks the actor granted or may see (their subordinates'), newest first."""
    scope = scope_for(actor)
    return (BukaKunciLaporan.objects.filter(scope.pegawai_q("pegawai__")).exclude(pegawai_id=scope.pegawai_id)
            .select_related("pegawai", "dibuka_oleh").order_by("-created_at"))


SEN = Decimal("0.01")


# --- realisasi ----------------------------------------------------------------------------------------------------
@dataclass
class RealisasiIndikator:
    indikator: IndikatorKinerja
    per_jadwal: dict[int, Decimal] = field(default_factory=dict)  # jadwal id -> sum of approved outputs
    laporan_per_jadwal: dict[int, int] = field(default_factory=dict)
    total: Decimal = Decimal("0")
    jumlah_laporan: int = 0
    kolom_nilai: list[Decimal] = field(default_factory=list)  # per_jadwal in the order of RealisasiSkp.jadwal

    @property
    def capaian(self) -> Decimal | None:
        if self.indikator.aspek != "kuantitas":
            return None
        return rules.capaian_persen(self.total, self.indikator.target)



@dataclass
class RealisasiRhk:
    rhk: RencanaHasilKerja
    indikator: list[RealisasiIndikator]
    jumlah_laporan: int = 0
    menit: int = 0

    @property
    def durasi(self) -> str:
        return rules.durasi_label(self.menit)


@dataclass
class RealisasiSkp:
    skp: SasaranKinerjaPegawai
    jadwal: list[JadwalEvaluasi]
    rhk: list[RealisasiRhk]
    menunggu: int  # submitted, not yet approved (not counted)
    diperbarui: dt.datetime


def realisasi_skp(*, actor, skp: SasaranKinerjaPegawai) -> RealisasiSkp:
    """Approved outputs rolled up per indicator per evaluation period (JadwalEvaluasi, not the final one), plus
    report counts and hours per RHK. Four queries: jadwal, RHK+indicators, one grouped aggregate, one count."""
    if not scope_for(actor).covers(skp.pegawai):
        raise NotFound(MSG_NOT_FOUND)
    jadwal = [j for j in JadwalEvaluasi.objects.filter(periode_id=skp.periode_id).order_by("nomor") if not j.is_final]
    rhk_list = list(skp.rhk.order_by("jenis", "urutan", "pk").prefetch_related(
        Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by("urutan", "pk"))))
    bucket = Case(*[When(tanggal__gte=j.tanggal_mulai, tanggal__lte=j.tanggal_selesai, then=Value(j.pk))
                    for j in jadwal], default=Value(0), output_field=IntegerField()) if jadwal else Value(0)
    rows = (
        LaporanHarian.objects.filter(skp=skp, status=StatusLaporan.DISETUJUI)
        .annotate(jadwal_id=bucket)
        .values("rhk_id", "indikator_id", "jadwal_id")
        .annotate(jumlah=Sum("output_jumlah"), n=Count("pk"), menit=Sum("durasi_menit"))
        .order_by()
    )
    by_ind: dict[int, RealisasiIndikator] = {}
    per_rhk: dict[int, RealisasiRhk] = {}
    for rhk in rhk_list:
        items = [RealisasiIndikator(indikator=i) for i in rhk.indikator.all()]
        by_ind.update({r.indikator.pk: r for r in items})
        per_rhk[rhk.pk] = RealisasiRhk(rhk=rhk, indikator=items)
    for row in rows:
        r = per_rhk.get(row["rhk_id"])
        if r is None:
            continue
        r.jumlah_laporan += row["n"]
        r.menit += row["menit"] or 0
        ind = by_ind.get(row["indikator_id"])
        if ind is not None:
            amount = Decimal(row["jumlah"] or 0).quantize(SEN)
            ind.per_jadwal[row["jadwal_id"]] = ind.per_jadwal.get(row["jadwal_id"], Decimal("0")) + amount
            ind.laporan_per_jadwal[row["jadwal_id"]] = ind.laporan_per_jadwal.get(row["jadwal_id"], 0) + row["n"]
            ind.total += amount
            ind.jumlah_laporan += row["n"]
    for ind in by_ind.values():
        ind.total = ind.total.quantize(SEN)
        ind.kolom_nilai = [ind.per_jadwal.get(j.pk, Decimal("0")).quantize(SEN) for j in jadwal]
    menunggu = LaporanHarian.objects.filter(skp=skp, status=StatusLaporan.DIAJUKAN).count()
    return RealisasiSkp(skp=skp, jadwal=jadwal, rhk=list(per_rhk.values()), menunggu=menunggu,
                        diperbarui=timezone.now())


def skp_get(*, actor, skp_id: int) -> SasaranKinerjaPegawai:
    skp = SasaranKinerjaPegawai.objects.select_related("pegawai__jabatan", "periode").filter(pk=skp_id).first()
    if skp is None or not scope_for(actor).covers(skp.pegawai):
        raise NotFound(MSG_NOT_FOUND)
    return skp
