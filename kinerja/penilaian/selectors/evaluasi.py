"""Reads of evaluations: the policy, scoped lists, one evaluation page's data (targets, realisasi, capaian,
evidence, self-assessment, suggestions), the annual derivation and the bulk realisasi used by exports and the
bench."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, FloatField, Func, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Cast
from django.utils import timezone

from kinerja.core.exceptions import MSG_NOT_FOUND, NotFound
from kinerja.laporan.models import BuktiDukung, LaporanHarian, StatusLaporan
from kinerja.laporan.selectors import realisasi_skp
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.selectors import bawahan_langsung
from kinerja.penilaian import access, rules
from kinerja.penilaian.models import (
    Evaluasi,
    KebijakanPenilaian,
    PenilaianDiri,
    PenilaianDiriRhk,
    PenilaianPerilaku,
    PenilaianRhk,
    RealisasiManual,
    StatusEvaluasi,
)
from kinerja.perencanaan.models import IndikatorKinerja, JadwalEvaluasi, PeriodeKinerja, RencanaHasilKerja
from kinerja.perencanaan.rules import BERAKHLAK
from kinerja.perencanaan.selectors import ekspektasi_lengkap

# --- policy ------------------------------------------------------------------------------------------------------
_cache: dict[int, tuple[float, KebijakanPenilaian]] = {}
CACHE_SECONDS = 30


def kebijakan_for(instansi_id: int) -> KebijakanPenilaian:
    """The instansi's evaluation policy (an unsaved row with the defaults while none is saved)."""
    now = time.monotonic()
    hit = _cache.get(instansi_id)
    if hit is not None and hit[0] > now:
        return hit[1]
    obj = (KebijakanPenilaian.objects.filter(instansi_id=instansi_id).first()
           or KebijakanPenilaian(instansi_id=instansi_id))
    _cache[instansi_id] = (now + CACHE_SECONDS, obj)
    return obj


def kebijakan_forget() -> None:
    _cache.clear()


# --- windows -----------------------------------------------------------------------------------------------------
def bulan_jendela(jadwal: JadwalEvaluasi) -> int:
    """How many months an evaluation window covers (3 for a triwulan, 12 for the annual one)."""
    a, b = jadwal.tanggal_mulai, jadwal.tanggal_selesai
    return max(1, min(12, (b.year - a.year) * 12 + b.month - a.month + 1))


def jadwal_list(*, actor, periode: PeriodeKinerja) -> list[JadwalEvaluasi]:
    if periode.instansi_id != actor.instansi_id:
        raise NotFound(MSG_NOT_FOUND)
    return list(JadwalEvaluasi.objects.filter(periode=periode).order_by("nomor"))


def jadwal_get(*, actor, jadwal_id: int) -> JadwalEvaluasi:
    jadwal = (JadwalEvaluasi.objects.select_related("periode")
              .filter(pk=jadwal_id, instansi_id=actor.instansi_id).first())
    if jadwal is None:
        raise NotFound(MSG_NOT_FOUND)
    return jadwal


def jadwal_berjalan(periode: PeriodeKinerja, on: dt.date | None = None) -> JadwalEvaluasi | None:
    """The periodic window covering `on` (default today), else the latest one that has started."""
    on = on or timezone.localdate()
    qs = JadwalEvaluasi.objects.filter(periode=periode, is_final=False)
    return (qs.filter(tanggal_mulai__lte=on, tanggal_selesai__gte=on).first()
            or qs.filter(tanggal_mulai__lte=on).order_by("-nomor").first())


# --- lists -------------------------------------------------------------------------------------------------------
EVALUASI_RELATED = ("jadwal", "periode", "pegawai__jabatan", "pegawai__unit_kerja", "pegawai__user",
                    "pejabat_penilai__jabatan", "unit_kerja", "skp")


def evaluasi_list(*, actor, jadwal_id: int | None = None, pegawai_id: int | None = None, status: str = "",
                  unit_id: int | None = None) -> QuerySet[Evaluasi]:
    """Evaluations the actor may read: their own, those of pegawai in their scope, and those where they are the
    appraiser or the appraiser's superior on record."""
    scope = scope_for(actor)
    if scope.instansi_id is None:
        return Evaluasi.objects.none()
    q = scope.pegawai_q("pegawai__")
    if scope.pegawai_id:
        q |= Q(pejabat_penilai_id=scope.pegawai_id) | Q(atasan_pejabat_penilai_id=scope.pegawai_id)
    qs = Evaluasi.objects.filter(q, instansi_id=scope.instansi_id).select_related(*EVALUASI_RELATED)
    if jadwal_id:
        qs = qs.filter(jadwal_id=jadwal_id)
    if pegawai_id:
        qs = qs.filter(pegawai_id=pegawai_id)
    if status:
        qs = qs.filter(status=status)
    if unit_id:
        qs = qs.filter(Q(unit_kerja_id=unit_id) | Q(opd_id=unit_id))
    return qs.order_by("-jadwal__periode__tahun", "-jadwal__nomor", "pegawai__nama", "pk")


def evaluasi_get(*, actor, evaluasi_id: int) -> Evaluasi:
    ev = Evaluasi.objects.select_related(*EVALUASI_RELATED, "atasan_pejabat_penilai", "opd").filter(
        pk=evaluasi_id).first()
    if ev is None:
        raise NotFound(MSG_NOT_FOUND)
    access.require_lihat(actor, ev)
    return ev


def evaluasi_milik(*, actor) -> list[Evaluasi]:
    scope = scope_for(actor)
    if scope.pegawai is None:
        return []
    return list(Evaluasi.objects.filter(pegawai_id=scope.pegawai_id).select_related("jadwal", "periode")
                .annotate(jumlah_diri=Count("penilaian_diri")).order_by("-periode__tahun", "-jadwal__nomor"))


@dataclass
class BarisTim:
    pegawai: object
    evaluasi: Evaluasi | None
    penilaian_diri: bool
    rekan_diundang: int
    rekan_merespons: int
    capaian: float | None = None
    saran: rules.Rating | None = None


def tim_evaluasi(*, actor, jadwal: JadwalEvaluasi) -> list[BarisTim]:
    """The actor's direct subordinates with their evaluation for the window (3 queries after bawahan_langsung)."""
    scope = scope_for(actor)
    if scope.pegawai is None:
        return []
    bawahan = bawahan_langsung(scope.pegawai)
    evs = {
        e.pegawai_id: e for e in Evaluasi.objects.filter(jadwal=jadwal, pegawai__in=bawahan)
        .annotate(rekan_diundang=Count("penilai_rekan", distinct=True),
                  rekan_merespons=Count("penilai_rekan", filter=Q(penilai_rekan__sudah_merespons=True),
                                        distinct=True))
    }
    diri = set(PenilaianDiri.objects.filter(evaluasi__in=list(evs.values()), diajukan_pada__isnull=False)
               .values_list("evaluasi_id", flat=True))
    hasil = {h.pegawai_id: h for h in capaian_massal(
        periode=jadwal.periode, dari=jadwal.tanggal_mulai, sampai=jadwal.tanggal_selesai, bulan=bulan_jendela(jadwal),
        jadwal_id=jadwal.pk, pegawai_ids=[p.pk for p in bawahan])} if bawahan else {}
    rows = []
    for p in bawahan:
        e, h = evs.get(p.pk), hasil.get(p.pk)
        rows.append(BarisTim(p, e, bool(e and e.pk in diri), e.rekan_diundang if e else 0,
                             e.rekan_merespons if e else 0, h.capaian_rerata if h else None, h.saran if h else None))
    return rows


# --- realisasi ---------------------------------------------------------------------------------------------------
def realisasi_laporan(*, actor, evaluasi: Evaluasi) -> dict[int, Decimal]:
    """Realisasi per indicator from approved daily reports for this evaluation's window, through the laporan
    app's `realisasi_skp` (the one roll-up of reports): the window's column for a periodic evaluation, the year's
    total for the annual one."""
    data = realisasi_skp(actor=actor, skp=evaluasi.skp)
    out: dict[int, Decimal] = {}
    for r in data.rhk:
        for ind in r.indikator:
            out[ind.indikator.pk] = ind.total if evaluasi.is_tahunan else ind.per_jadwal.get(evaluasi.jadwal_id,
                                                                                               Decimal("0"))
    return out


def realisasi_massal(*, indikator_ids=None, dari: dt.date, sampai: dt.date, instansi_id: int | None = None,
                     pegawai_ids=None) -> dict[int, Decimal]:
    """Approved outputs per indicator in [dari, sampai] for many pegawai at once: ONE grouped query, streamed.
    laporan's `realisasi_skp` works per SKP; exports of a whole OPD, the demo and the 20,000-pegawai bench need one
    aggregate over all rows (docs/penilaian.md, "Realisasi")."""
    qs = LaporanHarian.objects.filter(status=StatusLaporan.DISETUJUI, tanggal__gte=dari, tanggal__lte=sampai,
                                      indikator_id__isnull=False)
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    if indikator_ids is not None:
        qs = qs.filter(indikator_id__in=indikator_ids)
    if pegawai_ids is not None:
        qs = qs.filter(pegawai_id__in=pegawai_ids)
    rows = qs.values("indikator_id").annotate(jumlah=Sum("output_jumlah")).order_by().values_list(
        "indikator_id", "jumlah")
    return {i: (j or Decimal("0")) for i, j in rows.iterator(chunk_size=5000)}


@dataclass
class HasilPegawai:
    pegawai_id: int
    skp_id: int
    jumlah_indikator: int
    capaian_rerata: float | None
    saran: rules.Rating | None


def capaian_massal(*, periode: PeriodeKinerja, dari: dt.date, sampai: dt.date, bulan: int = 12,
                   jadwal_id: int | None = None, pegawai_ids=None, kebijakan: KebijakanPenilaian | None = None):
    """Realisasi, capaian and the suggested Hasil Kerja rating for every pegawai with an active SKP in the period
    (or `pegawai_ids`): the period's indicators streamed with the sums of their approved outputs (one query on
    SQLite; on PostgreSQL one grouped aggregate first), then the policy's formula and thresholds. Yields one `HasilPegawai` per pegawai; never holds report rows in Python
    (bench: bench/evaluate.py)."""
    kebijakan = kebijakan or kebijakan_for(periode.instansi_id)
    manual = {}
    if jadwal_id is not None:
        mq = RealisasiManual.objects.filter(jadwal_id=jadwal_id)
        if pegawai_ids is not None:
            mq = mq.filter(indikator__rhk__skp__pegawai_id__in=pegawai_ids)
        manual = dict(mq.values_list("indikator_id", "nilai"))
    ambang, rumus = kebijakan.ambang, kebijakan.rumus_capaian
    qs = IndikatorKinerja.objects.filter(rhk__skp__periode=periode, rhk__skp__aktif=True)
    if pegawai_ids is not None:
        qs = qs.filter(rhk__skp__pegawai_id__in=pegawai_ids)
    # realisasi from approved reports per indicator, answered from the covering index laporan_realisasi (indicator,
    # status, date, output) without touching the report rows, read as floats (capaian is computed in floats anyway;
    # 80,000 Decimals were a visible share of the time). SQLite is fastest with a correlated sum per indicator
    # (0.5 s for 5 million reports); PostgreSQL with one grouped aggregate over the period's indicators (0.8 s,
    # where 80,000 correlated probes take 1.1 s) — bench/evaluate.py.
    lap = LaporanHarian.objects.filter(status=StatusLaporan.DISETUJUI, tanggal__gte=dari, tanggal__lte=sampai)
    kolom = ["pk", "aspek", "target_f", "rhk__skp_id", "rhk__skp__pegawai_id"]
    rows = qs.annotate(target_f=Cast("target", FloatField())).order_by("rhk__skp__pegawai_id", "pk")
    real: dict[int, float] | None = None
    if connection.vendor == "postgresql":
        real = dict(lap.filter(indikator_id__in=qs.values("pk")).order_by().values("indikator_id")
                    .annotate(s=Cast(Sum("output_jumlah"), FloatField())).values_list("indikator_id", "s"))
        rows = rows.values_list(*kolom)
    else:
        per_indikator = (lap.filter(indikator_id=OuterRef("pk")).order_by()
                         .annotate(s=Func(F("output_jumlah"), function="SUM", output_field=FloatField())).values("s"))
        rows = rows.annotate(jumlah=Cast(Subquery(per_indikator), FloatField())).values_list(*kolom, "jumlah")
    current, skp_id, values, n = None, None, [], 0
    for ind_id, aspek, target, skp, pegawai_id, *jumlah in rows.iterator(chunk_size=5000):
        got = real.get(ind_id) if real is not None else jumlah[0]
        if pegawai_id != current:
            if current is not None:
                yield HasilPegawai(current, skp_id, n, sum(values) / len(values) if values else None,
                                   rules.saran_rating(values, ambang))
            current, skp_id, values, n = pegawai_id, skp, [], 0
        n += 1
        extra = manual.get(ind_id)
        if not got and extra is None and aspek != "kuantitas":
            continue  # not measured yet (see hitung_baris_indikator)
        realisasi = (got or 0.0) + float(extra or 0)
        c = rules.capaian_aspek(aspek, rules.target_periode(aspek, target, bulan), realisasi, rumus)
        if c is not None:
            values.append(c)
    if current is not None:
        yield HasilPegawai(current, skp_id, n, sum(values) / len(values) if values else None,
                           rules.saran_rating(values, ambang))


def realisasi_manual_map(jadwal_id: int, indikator_ids) -> dict[int, RealisasiManual]:
    return {r.indikator_id: r for r in RealisasiManual.objects.filter(jadwal_id=jadwal_id,
                                                                      indikator_id__in=indikator_ids)}


# --- one evaluation page -----------------------------------------------------------------------------------------
@dataclass
class BarisIndikator:
    indikator: IndikatorKinerja
    target: float
    realisasi_laporan: Decimal
    manual: RealisasiManual | None
    realisasi: Decimal
    capaian: float | None


@dataclass
class BarisRhk:
    rhk: RencanaHasilKerja
    indikator: list[BarisIndikator]
    capaian: float | None
    saran: rules.Rating | None
    penilaian: PenilaianRhk | None = None
    diri: PenilaianDiriRhk | None = None
    bukti_pilihan: list = field(default_factory=list)
    bukti_dipilih: list = field(default_factory=list)


@dataclass
class HasilKerja:
    rhk: list[BarisRhk]
    capaian_rerata: float | None
    saran: rules.Rating | None
    bulan: int
    rumus: str


def hitung_baris_indikator(indikator: IndikatorKinerja, *, bulan: int, dari_laporan: Decimal,
                           manual: RealisasiManual | None, rumus: str) -> BarisIndikator:
    target = rules.target_periode(indikator.aspek, float(indikator.target), bulan)
    realisasi = dari_laporan + (manual.nilai if manual else Decimal("0"))
    has_value = bool(dari_laporan) or manual is not None
    if not has_value and indikator.aspek != "kuantitas":
        capaian = None  # kualitas/waktu/biaya not measured yet: left out of the mean rather than counted as 0
    else:
        capaian = rules.capaian_aspek(indikator.aspek, target, float(realisasi) if has_value else None, rumus)
    return BarisIndikator(indikator, target, dari_laporan, manual, realisasi, capaian)


def hasil_kerja(*, actor, evaluasi: Evaluasi, kebijakan: KebijakanPenilaian | None = None,
                dengan_bukti: bool = True) -> HasilKerja:
    """Per RHK: targets for the window, realisasi (reports + manual), capaian per aspect, the suggested rating,
    the rating given, the pegawai's reflection and evidence."""
    kebijakan = kebijakan or kebijakan_for(evaluasi.instansi_id)
    bulan = bulan_jendela(evaluasi.jadwal)
    rhk_list = list(RencanaHasilKerja.objects.filter(skp_id=evaluasi.skp_id).order_by("jenis", "urutan", "pk")
                    .prefetch_related(Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by("urutan",
                                                                                                       "pk"))))
    dari_laporan = realisasi_laporan(actor=actor, evaluasi=evaluasi)
    ind_ids = [i.pk for r in rhk_list for i in r.indikator.all()]
    manual = realisasi_manual_map(evaluasi.jadwal_id, ind_ids)
    penilaian = {p.rhk_id: p for p in evaluasi.penilaian_rhk.all()}
    diri = {}
    pd = PenilaianDiri.objects.filter(evaluasi=evaluasi).first()
    if pd is not None:
        diri = {r.rhk_id: r for r in pd.rhk.prefetch_related("bukti")}
    pilihan = bukti_pilihan(evaluasi) if dengan_bukti else {}
    rows, semua = [], []
    for rhk in rhk_list:
        items = [hitung_baris_indikator(i, bulan=bulan, dari_laporan=dari_laporan.get(i.pk, Decimal("0")),
                                        manual=manual.get(i.pk), rumus=kebijakan.rumus_capaian)
                 for i in rhk.indikator.all()]
        values = [b.capaian for b in items if b.capaian is not None]
        semua += values
        d = diri.get(rhk.pk)
        rows.append(BarisRhk(
            rhk=rhk, indikator=items, capaian=sum(values) / len(values) if values else None,
            saran=rules.saran_rating(values, kebijakan.ambang), penilaian=penilaian.get(rhk.pk), diri=d,
            bukti_pilihan=pilihan.get(rhk.pk, []), bukti_dipilih=list(d.bukti.all()) if d else []))
    return HasilKerja(rows, sum(semua) / len(semua) if semua else None, rules.saran_rating(semua, kebijakan.ambang),
                      bulan, kebijakan.rumus_capaian)


def bukti_pilihan(evaluasi: Evaluasi) -> dict[int, list[BuktiDukung]]:
    """Evidence the pegawai may pick in the self-assessment: files of their approved reports in the window,
    per RHK."""
    out: dict[int, list[BuktiDukung]] = {}
    qs = (BuktiDukung.objects.filter(laporan__pegawai_id=evaluasi.pegawai_id, laporan__skp_id=evaluasi.skp_id,
                                     laporan__status=StatusLaporan.DISETUJUI,
                                     laporan__tanggal__gte=evaluasi.jadwal.tanggal_mulai,
                                     laporan__tanggal__lte=evaluasi.jadwal.tanggal_selesai)
          .select_related("laporan").order_by("-laporan__tanggal", "pk"))
    for b in qs[:500]:
        out.setdefault(b.laporan.rhk_id, []).append(b)
    return out


@dataclass
class BarisPerilaku:
    kode: str
    nama: str
    definisi: str
    panduan: tuple
    ekspektasi: str
    penilaian: PenilaianPerilaku | None


def perilaku(evaluasi: Evaluasi) -> list[BarisPerilaku]:
    """The 7 BerAKHLAK values with the leader's specific expectation (the SKP's, else the panduan) and the rating."""
    eksp = {e.kode: e for e in ekspektasi_lengkap(evaluasi.skp)}
    given = {p.nilai: p for p in evaluasi.penilaian_perilaku.all()}
    return [BarisPerilaku(kode, nama, definisi, panduan, eksp[kode].teks if kode in eksp else "", given.get(kode))
            for kode, nama, definisi, panduan in BERAKHLAK]


def periodik_tahun_ini(evaluasi: Evaluasi) -> list[Evaluasi]:
    """The pegawai's periodic evaluations of the same period, in window order (for the annual evaluation)."""
    return list(Evaluasi.objects.filter(pegawai_id=evaluasi.pegawai_id, periode_id=evaluasi.periode_id,
                                        is_tahunan=False).select_related("jadwal").order_by("jadwal__nomor"))


def predikat_tahunan_turunan(evaluasi: Evaluasi, kebijakan: KebijakanPenilaian | None = None,
                             periodik: list[Evaluasi] | None = None) -> rules.Predikat | None:
    """The annual predikat the instansi's policy derives from the periodic ones (REFERENCE.md §1.8)."""
    kebijakan = kebijakan or kebijakan_for(evaluasi.instansi_id)
    periodik = periodik if periodik is not None else periodik_tahun_ini(evaluasi)
    return rules.predikat_tahunan([e.predikat for e in periodik if e.predikat], kebijakan.aturan_tahunan)


def penilaian_diri_get(evaluasi: Evaluasi) -> PenilaianDiri | None:
    return PenilaianDiri.objects.filter(evaluasi=evaluasi).prefetch_related("rhk__bukti").first()


def langkah(evaluasi: Evaluasi, actor) -> dict:
    """Who acts next, in words, for the status line."""
    diajukan = PenilaianDiri.objects.filter(evaluasi=evaluasi, diajukan_pada__isnull=False).exists()
    siapa, teks = rules.langkah_evaluasi(evaluasi.status, diajukan)
    peran = access.peran_pada_evaluasi(actor, evaluasi)
    nama = {"pegawai": evaluasi.pegawai.nama_lengkap,
            "pejabat_penilai": evaluasi.pejabat_penilai_snapshot.get("nama", ""),
            "atasan_pejabat_penilai": evaluasi.atasan_pejabat_penilai_snapshot.get("nama", "")}.get(siapa, "")
    anda = {"pegawai": "pegawai", "pejabat_penilai": "penilai", "atasan_pejabat_penilai": "atasan_penilai"}.get(siapa)
    return {"siapa": siapa, "nama": nama, "teks": teks, "anda": bool(anda and anda in peran),
            "batas": evaluasi.jadwal.batas_penilaian if evaluasi.status == StatusEvaluasi.DRAF else (
                evaluasi.batas_keberatan if evaluasi.status == StatusEvaluasi.DIFINALISASI else None)}


# --- citizen evidence (partisipasi) ---------------------------------------------------------------------------------
@dataclass
class BuktiWarga:
    tersedia: bool
    pegawai: object = None
    unit: object = None


def bukti_warga(evaluasi: Evaluasi) -> BuktiWarga:
    """Citizen feedback about the pegawai and their unit in the evaluation window, from the partisipasi app's
    summaries. Shown to inform the pejabat penilai; never applied to a predikat automatically."""
    try:
        from kinerja.partisipasi import selectors as ps
    except ImportError:  # pragma: no cover - partisipasi not installed yet
        return BuktiWarga(False)
    f_pegawai = getattr(ps, "ringkasan_pegawai", None)
    f_unit = getattr(ps, "ringkasan_unit", None)
    if f_pegawai is None and f_unit is None:
        return BuktiWarga(False)
    dari, sampai = evaluasi.jadwal.tanggal_mulai, evaluasi.jadwal.tanggal_selesai
    return BuktiWarga(
        True,
        f_pegawai(evaluasi.pegawai, dari, sampai) if f_pegawai else None,
        f_unit(evaluasi.unit_kerja, dari, sampai) if f_unit else None,
    )
