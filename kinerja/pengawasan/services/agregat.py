"""Filling the aggregate tables the dashboards read (the Zulip analytics pattern: UserCount → RealmCount).

`agregat_refresh(instansi)` runs every minute (tasks.py). It is incremental:

1. It reads the watermark of `StatusPengisian("agregat")` and finds what changed since then (minus a two-minute
   overlap for transactions that committed late): daily reports by `updated_at` (laporan's services bump it on
   every write), citizen surveys and complaints by `updated_at`, evaluations by `updated_at`.
2. It recomputes only the touched pegawai-months (`StatistikPegawai`) and those pegawai's indicator achievement
   (`CapaianIndikator`) — a few grouped queries per chunk of 2,000 pegawai, never one query per person.
3. It re-rolls the touched months per unit up the tree (`StatistikUnit`): one grouped query over StatistikPegawai
   per month, plus grouped queries for head-counts, IKM and complaints, then a pass up the unit tree in Python.
4. It recomputes the predikat distribution (`StatistikPredikat`) of the touched evaluation windows.
5. It advances the watermark to the run's start time only when everything succeeded.

A full fill (first run, `penuh=True`, or the nightly run) walks every pegawai in chunks and stores a cursor after
each chunk; a failed full fill resumes from the cursor. Recomputing is idempotent, so overlaps are harmless.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, DurationField, ExpressionWrapper, F, Max, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from kinerja.core.models import Instansi
from kinerja.laporan.models import LaporanHarian, StatusLaporan
from kinerja.organisasi.models import Pegawai, StatusPegawai, UnitKerja
from kinerja.organisasi.selectors import ancestor_ids
from kinerja.partisipasi.models import (
    STATUS_TERBUKA,
    Pengaduan,
    ResponSurvei,
    StatusModerasi,
    StatusPengaduan,
)
from kinerja.pengawasan import rules
from kinerja.pengawasan.models import (
    CapaianIndikator,
    StatistikPegawai,
    StatistikPredikat,
    StatistikProgram,
    StatistikUnit,
    StatusJob,
    StatusPengisian,
)
from kinerja.pengawasan.services.jejak import hapus
from kinerja.penilaian.models import Evaluasi, StatusEvaluasi
from kinerja.perencanaan.models import (
    IndikatorKinerja,
    JadwalEvaluasi,
    PeriodeKinerja,
    SasaranKinerjaPegawai,
    StatusSkp,
)

KUNCI = "agregat"
CHUNK = 2000
OVERLAP = dt.timedelta(minutes=2)
BULAN_AWAL_PENUH = 6  # a full fill covers the current month and the five before it
MACET = dt.timedelta(minutes=15)  # a "running" state older than this is taken as a crashed run
TERKIRIM = (StatusLaporan.DIAJUKAN, StatusLaporan.DISETUJUI, StatusLaporan.PERLU_REVISI)
DINILAI_KE_ATAS = (StatusEvaluasi.DINILAI, StatusEvaluasi.DIFINALISASI, StatusEvaluasi.KEBERATAN,
                   StatusEvaluasi.DIPUTUSKAN)


# --- job state -------------------------------------------------------------------------------------------------------
def state_get(instansi_id: int, kunci: str) -> StatusPengisian:
    obj, _ = StatusPengisian.objects.get_or_create(instansi_id=instansi_id, kunci=kunci)
    return obj


def state_mulai(state: StatusPengisian, now: dt.datetime) -> bool:
    """Claim the job; False when another run is still going (and not stale)."""
    if state.status == StatusJob.BERJALAN and state.mulai_pada and now - state.mulai_pada < MACET:
        return False
    claimed = StatusPengisian.objects.filter(pk=state.pk, status=state.status, mulai_pada=state.mulai_pada).update(
        status=StatusJob.BERJALAN, mulai_pada=now)
    if claimed:
        state.status, state.mulai_pada = StatusJob.BERJALAN, now
    return bool(claimed)


def state_selesai(state: StatusPengisian, *, watermark: dt.datetime | None, diproses: int, started: float,
                  pesan: str = "") -> None:
    state.status = StatusJob.SELESAI
    state.watermark = watermark
    state.kursor = 0
    state.diproses = diproses
    state.selesai_pada = timezone.now()
    state.durasi_detik = round(time.perf_counter() - started, 3)
    state.pesan = pesan
    state.save(update_fields=["status", "watermark", "kursor", "diproses", "selesai_pada", "durasi_detik", "pesan",
                              "updated_at"])


def state_gagal(state: StatusPengisian, exc: BaseException, started: float) -> None:
    StatusPengisian.objects.filter(pk=state.pk).update(
        status=StatusJob.GAGAL, selesai_pada=timezone.now(), durasi_detik=round(time.perf_counter() - started, 3),
        pesan=f"{type(exc).__name__}: {exc}"[:2000])


# --- the refresh -----------------------------------------------------------------------------------------------------
def agregat_refresh(*, instansi: Instansi, now: dt.datetime | None = None, penuh: bool = False,
                    bulan: int = BULAN_AWAL_PENUH) -> dict:
    """Bring the aggregate tables of one instansi up to date. Returns what it did (for the bench and the log)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    state = state_get(instansi.pk, KUNCI)
    if not state_mulai(state, now):
        return {"dilewati": True}
    started = time.perf_counter()
    resume_from = state.kursor if state.kursor else 0
    try:
        if penuh or state.watermark is None or resume_from:
            hasil = _penuh(instansi, state, today, resume_from, bulan)
        else:
            hasil = _inkremental(instansi, state.watermark - OVERLAP, today)
    except BaseException as exc:
        state_gagal(state, exc, started)
        raise
    state_selesai(state, watermark=now, diproses=hasil["pegawai"], started=started)
    hasil["detik"] = state.durasi_detik
    return hasil


def _bulan_list(today: dt.date, n: int) -> list[dt.date]:
    b = rules.awal_bulan(today)
    return [rules.bulan_sebelumnya(b, i) for i in range(n - 1, -1, -1)]


def _chunks(ids: list[int], n: int | None = None) -> Iterable[list[int]]:
    n = n or CHUNK
    for i in range(0, len(ids), n):
        yield ids[i:i + n]


def _penuh(instansi: Instansi, state: StatusPengisian, today: dt.date, resume_from: int, n_bulan: int) -> dict:
    bulan = _bulan_list(today, n_bulan)
    periode = _periode(instansi.pk, today)
    # only pegawai with a report in the window or an approved SKP in the period can have a non-empty row
    pelapor = set(LaporanHarian.objects.filter(instansi=instansi, tanggal__gte=bulan[0], pegawai_id__gt=resume_from)
                  .values_list("pegawai_id", flat=True).distinct())
    pemegang_skp = set(SasaranKinerjaPegawai.objects.filter(
        instansi=instansi, periode=periode, status=StatusSkp.DISETUJUI, aktif=True, pegawai_id__gt=resume_from)
        .values_list("pegawai_id", flat=True)) if periode is not None else set()
    hapus(StatistikPegawai.objects.filter(instansi=instansi, bulan__in=bulan, pegawai_id__gt=resume_from)
          .exclude(pegawai_id__in=pelapor))
    ids = sorted(pelapor | pemegang_skp)
    for chunk in _chunks(ids):
        with transaction.atomic():
            ada = [pid for pid in chunk if pid in pelapor]
            for b in bulan:
                if ada:
                    _statistik_pegawai(instansi.pk, ada, b, today)
            if periode is not None:
                _capaian(instansi.pk, chunk, periode, today)
        StatusPengisian.objects.filter(pk=state.pk).update(kursor=chunk[-1])
    with transaction.atomic():
        for b in bulan:
            _rollup_unit(instansi.pk, b, today)
        jadwal = list(JadwalEvaluasi.objects.filter(periode=periode).values_list("pk", flat=True)) if periode else []
        for jid in jadwal:
            _statistik_predikat(instansi.pk, jid)
    return {"mode": "penuh", "pegawai": len(ids), "bulan": len(bulan), "jadwal": len(jadwal)}


def _inkremental(instansi: Instansi, sejak: dt.datetime, today: dt.date) -> dict:
    bulan_ini = rules.awal_bulan(today)
    dirty: dict[dt.date, set[int]] = defaultdict(set)
    for pid, b in (LaporanHarian.objects.filter(instansi=instansi, updated_at__gte=sejak)
                   .annotate(b=TruncMonth("tanggal")).values_list("pegawai_id", "b").distinct()):
        b = b.date() if isinstance(b, dt.datetime) else b
        dirty[b].add(pid)
        dirty[bulan_ini].add(pid)  # the pending backlog lives on the current month's row
    semua = set().union(*dirty.values()) if dirty else set()
    periode = _periode(instansi.pk, today)
    # realisasi moves only with approvals (an approved report never changes again) and with a changed SKP
    capaian_ids: set[int] = set()
    if periode is not None:
        capaian_ids = set(LaporanHarian.objects.filter(instansi=instansi, updated_at__gte=sejak,
                                                       status=StatusLaporan.DISETUJUI)
                          .values_list("pegawai_id", flat=True).distinct())
        capaian_ids |= set(SasaranKinerjaPegawai.objects.filter(instansi=instansi, periode=periode,
                                                                updated_at__gte=sejak)
                           .values_list("pegawai_id", flat=True))
    with transaction.atomic():
        for b, pids in sorted(dirty.items()):
            for chunk in _chunks(sorted(pids)):
                _statistik_pegawai(instansi.pk, chunk, b, today)
        for chunk in _chunks(sorted(capaian_ids)):
            _capaian(instansi.pk, chunk, periode, today)
    bulan_unit = set(dirty)
    for model in (ResponSurvei, Pengaduan):
        for d in (model.objects.filter(instansi=instansi, updated_at__gte=sejak)
                  .annotate(b=TruncMonth("dikirim_pada")).values_list("b", flat=True).distinct()):
            bulan_unit.add(timezone.localdate(d).replace(day=1) if isinstance(d, dt.datetime) else d)
    if Pengaduan.objects.filter(instansi=instansi, updated_at__gte=sejak).exists():
        bulan_unit.add(bulan_ini)  # open and late complaints are a snapshot on the current month
    with transaction.atomic():
        for b in sorted(bulan_unit):
            _rollup_unit(instansi.pk, b, today)
        jadwal = set(Evaluasi.objects.filter(instansi=instansi, updated_at__gte=sejak)
                     .values_list("jadwal_id", flat=True).distinct())
        for jid in sorted(jadwal):
            _statistik_predikat(instansi.pk, jid)
    return {"mode": "inkremental", "pegawai": len(semua), "capaian": len(capaian_ids), "bulan": len(bulan_unit),
            "jadwal": len(jadwal)}


def _periode(instansi_id: int, today: dt.date) -> PeriodeKinerja | None:
    return (PeriodeKinerja.objects.filter(instansi_id=instansi_id, tanggal_mulai__lte=today,
                                          tanggal_selesai__gte=today).order_by("-tahun").first())


# --- per pegawai ---------------------------------------------------------------------------------------------------
def _statistik_pegawai(instansi_id: int, pegawai_ids: list[int], bulan: dt.date, today: dt.date) -> int:
    """Recompute StatistikPegawai of these pegawai for one month: 3–4 grouped queries, whatever the number."""
    akhir = rules.akhir_bulan(bulan)
    base = LaporanHarian.objects.filter(pegawai_id__in=pegawai_ids, tanggal__gte=bulan, tanggal__lte=akhir)
    rows: dict[int, dict] = defaultdict(dict)
    for r in (base.filter(status__in=TERKIRIM).values("pegawai_id")
              .annotate(hari=Count("tanggal", distinct=True), n=Count("pk"),
                        ok=Count("pk", filter=Q(status=StatusLaporan.DISETUJUI)),
                        rev=Count("pk", filter=Q(jumlah_revisi__gt=0) | Q(status=StatusLaporan.PERLU_REVISI)),
                        menit=Sum("durasi_menit"), akhir=Max("tanggal")).order_by()):
        rows[r["pegawai_id"]].update(hari_lapor=r["hari"], laporan_diajukan=r["n"], laporan_disetujui=r["ok"],
                                     laporan_revisi=r["rev"], menit_kerja=r["menit"] or 0, terakhir_lapor=r["akhir"])
    durasi = ExpressionWrapper(F("ditinjau_pada") - F("diajukan_pada"), output_field=DurationField())
    for r in (base.filter(ditinjau_pada__isnull=False, diajukan_pada__isnull=False).values("pegawai_id")
              .annotate(n=Count("pk"), d=Sum(durasi)).order_by()):
        d = r["d"]
        jam = d.total_seconds() / 3600 if isinstance(d, dt.timedelta) else (d or 0) / 3.6e9
        rows[r["pegawai_id"]].update(tinjauan_n=r["n"], tinjauan_jam=max(0.0, round(jam, 3)))
    if bulan == rules.awal_bulan(today):
        for r in (LaporanHarian.objects.filter(pegawai_id__in=pegawai_ids, status=StatusLaporan.DIAJUKAN)
                  .values("pegawai_id").annotate(n=Count("pk"), sejak=Min("diajukan_pada")).order_by()):
            rows[r["pegawai_id"]].update(menunggu=r["n"], menunggu_sejak=r["sejak"])
    where = dict(Pegawai.objects.filter(pk__in=list(rows)).values_list("pk", "unit_kerja_id"))
    opd = dict(Pegawai.objects.filter(pk__in=list(rows)).values_list("pk", "opd_id"))
    hapus(StatistikPegawai.objects.filter(pegawai_id__in=pegawai_ids, bulan=bulan))
    StatistikPegawai.objects.bulk_create(
        [StatistikPegawai(instansi_id=instansi_id, pegawai_id=pid, bulan=bulan, unit_kerja_id=where.get(pid),
                          opd_id=opd.get(pid), **vals) for pid, vals in rows.items()], batch_size=1000)
    return len(rows)


def _capaian(instansi_id: int, pegawai_ids: list[int], periode: PeriodeKinerja, today: dt.date) -> int:
    """Recompute CapaianIndikator (kuantitas indicators of the active, approved SKP) for these pegawai."""
    inds = list(IndikatorKinerja.objects.filter(
        rhk__skp__pegawai_id__in=pegawai_ids, rhk__skp__periode=periode, rhk__skp__aktif=True,
        rhk__skp__status=StatusSkp.DISETUJUI, aspek="kuantitas",
    ).values("pk", "teks", "satuan", "target", "rhk__program_id", "rhk__skp__pegawai_id", "rhk__skp__jabatan_nama",
             "rhk__skp__pegawai__unit_kerja_id", "rhk__skp__pegawai__opd_id"))
    real = {r["indikator_id"]: r for r in (
        LaporanHarian.objects.filter(indikator_id__in=[i["pk"] for i in inds], status=StatusLaporan.DISETUJUI,
                                     tanggal__gte=periode.tanggal_mulai, tanggal__lte=today)
        .values("indikator_id").annotate(s=Sum("output_jumlah"), n=Count("pk")).order_by())}
    porsi = rules.porsi_jadwal(periode.tanggal_mulai, periode.tanggal_selesai, today)
    now = timezone.now()
    objs = []
    for i in inds:
        r = real.get(i["pk"], {})
        realisasi = r.get("s") or 0
        target = float(i["target"])
        objs.append(CapaianIndikator(
            instansi_id=instansi_id, periode=periode, pegawai_id=i["rhk__skp__pegawai_id"], indikator_id=i["pk"],
            program_id=i["rhk__program_id"], unit_kerja_id=i["rhk__skp__pegawai__unit_kerja_id"],
            opd_id=i["rhk__skp__pegawai__opd_id"], kunci=rules.kunci_indikator(i["teks"], i["satuan"]),
            teks=i["teks"][:500], satuan=i["satuan"][:60], jabatan_nama=(i["rhk__skp__jabatan_nama"] or "")[:200],
            target=i["target"], realisasi=realisasi, jumlah_laporan=r.get("n") or 0,
            capaian_persen=rules.capaian_persen(float(realisasi), target),
            jadwal_persen=rules.jadwal_persen(float(realisasi), target, porsi), diperbarui=now))
    hapus(CapaianIndikator.objects.filter(pegawai_id__in=pegawai_ids, periode=periode))
    CapaianIndikator.objects.bulk_create(objs, batch_size=1000)
    return len(objs)


# --- per unit, rolled up the tree ----------------------------------------------------------------------------------
SUM_FIELDS = ("hari_lapor", "laporan_diajukan", "laporan_disetujui", "laporan_revisi", "menunggu", "tinjauan_n",
              "tinjauan_jam", "menit_kerja")
UNIT_FIELDS = SUM_FIELDS + ("jumlah_pegawai", "wajib_lapor", "pegawai_melapor", "indikator_n", "capaian_total",
                            "jadwal_total", "indikator_tertinggal", "ikm_n", "pengaduan_masuk", "pengaduan_selesai",
                            "pengaduan_terbuka", "pengaduan_terlambat")


def _units(instansi_id: int) -> list[dict]:
    return list(UnitKerja.objects.filter(instansi_id=instansi_id, aktif=True)
                .values("pk", "induk_id", "path", "nama", "level").order_by("path"))


def _rollup_unit(instansi_id: int, bulan: dt.date, today: dt.date) -> int:
    """Rebuild StatistikUnit of one month for every unit and the regency from the per-pegawai table and the
    partisipasi rows of the month (a fixed number of grouped queries)."""
    akhir = rules.akhir_bulan(bulan)
    bulan_ini = bulan == rules.awal_bulan(today)
    units = _units(instansi_id)
    direct: dict[int | None, dict] = defaultdict(lambda: defaultdict(float))
    sejak: dict[int | None, dt.datetime] = {}
    ikm: dict[int | None, list[list[int]]] = {}

    def add(uid, key, value):
        if value:
            direct[uid][key] += value

    for r in (Pegawai.objects.filter(instansi_id=instansi_id, status=StatusPegawai.AKTIF).values("unit_kerja_id")
              .annotate(n=Count("pk")).order_by()):
        add(r["unit_kerja_id"], "jumlah_pegawai", r["n"])
    for r in (SasaranKinerjaPegawai.objects.filter(instansi_id=instansi_id, status=StatusSkp.DISETUJUI, aktif=True,
                                                   tanggal_mulai__lte=akhir, tanggal_selesai__gte=bulan,
                                                   pegawai__status=StatusPegawai.AKTIF)
              .values("pegawai__unit_kerja_id").annotate(n=Count("pegawai_id", distinct=True)).order_by()):
        add(r["pegawai__unit_kerja_id"], "wajib_lapor", r["n"])
    for r in (StatistikPegawai.objects.filter(instansi_id=instansi_id, bulan=bulan).values("unit_kerja_id")
              .annotate(melapor=Count("pk", filter=Q(hari_lapor__gt=0)), sejak=Min("menunggu_sejak"),
                        **{f: Sum(f) for f in SUM_FIELDS}).order_by()):
        uid = r["unit_kerja_id"]
        add(uid, "pegawai_melapor", r["melapor"])
        for f in SUM_FIELDS:
            add(uid, f, r[f] or 0)
        if r["sejak"]:
            sejak[uid] = r["sejak"]
    lama = {}
    if bulan_ini:
        ambang = 100 - rules.AMBANG_DEFAULT.indikator_tertinggal_persen
        periode = _periode(instansi_id, today)
        if periode is not None:
            for r in (CapaianIndikator.objects.filter(instansi_id=instansi_id, periode=periode).values("unit_kerja_id")
                      .annotate(n=Count("pk"), c=Sum("capaian_persen"), j=Sum("jadwal_persen"),
                                t=Count("pk", filter=Q(jadwal_persen__lt=ambang))).order_by()):
                uid = r["unit_kerja_id"]
                add(uid, "indikator_n", r["n"])
                add(uid, "capaian_total", r["c"] or 0)
                add(uid, "jadwal_total", r["j"] or 0)
                add(uid, "indikator_tertinggal", r["t"])
            _statistik_program(instansi_id, periode, units)
    else:
        for r in StatistikUnit.objects.filter(instansi_id=instansi_id, bulan=bulan).values(
                "unit_id", "indikator_n", "capaian_total", "jadwal_total", "indikator_tertinggal"):
            lama[r["unit_id"]] = r  # a past month keeps the achievement it had when the month was current
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(bulan, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(akhir + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    agg = {f"s{i}": Sum(f"u{i}") for i in range(1, 10)} | {f"c{i}": Count(f"u{i}") for i in range(1, 10)}
    for r in (ResponSurvei.objects.filter(instansi_id=instansi_id, status=StatusModerasi.TAMPIL,
                                          dikirim_pada__gte=start, dikirim_pada__lt=end)
              .values("titik__unit_kerja_id").annotate(n=Count("pk"), **agg).order_by()):
        uid = r["titik__unit_kerja_id"]
        add(uid, "ikm_n", r["n"])
        ikm[uid] = [[r[f"s{i}"] or 0 for i in range(1, 10)], [r[f"c{i}"] or 0 for i in range(1, 10)]]
    from kinerja.partisipasi.services.pengaduan import terlambat_q

    terlambat = (Q(eskalasi_verifikasi_pada__isnull=False) | Q(eskalasi_tindak_lanjut_pada__isnull=False)
                 | terlambat_q(today))
    masuk = Q(dikirim_pada__gte=start, dikirim_pada__lt=end)
    for r in (Pengaduan.objects.filter(instansi_id=instansi_id).filter(
                masuk | Q(ditutup_pada__gte=start, ditutup_pada__lt=end) | Q(status__in=STATUS_TERBUKA))
              .values("unit_kerja_id")
              .annotate(masuk=Count("pk", filter=masuk),
                        selesai=Count("pk", filter=Q(status=StatusPengaduan.SELESAI, ditutup_pada__gte=start,
                                                     ditutup_pada__lt=end)),
                        terbuka=Count("pk", filter=Q(status__in=STATUS_TERBUKA)),
                        terlambat=Count("pk", filter=masuk & terlambat),
                        terlambat_lain=Count("pk", filter=~masuk & Q(status__in=STATUS_TERBUKA)
                                             & terlambat_q(today)))
              .order_by()):
        uid = r["unit_kerja_id"]
        add(uid, "pengaduan_masuk", r["masuk"])
        add(uid, "pengaduan_selesai", r["selesai"])
        add(uid, "pengaduan_terlambat", r["terlambat"])
        if bulan_ini:  # open and late-now complaints are a snapshot: only the current month carries them
            add(uid, "pengaduan_terbuka", r["terbuka"])
            add(uid, "pengaduan_terlambat", r["terlambat_lain"])

    # roll up: deepest first, each unit adds its subtree total into its parent; the regency sums the top units
    total = {u["pk"]: _Agregat(direct.get(u["pk"]), ikm.get(u["pk"]), sejak.get(u["pk"])) for u in units}
    kab = _Agregat(direct.get(None), ikm.get(None), sejak.get(None))  # rows without a unit count for the regency
    for u in sorted(units, key=lambda x: -x["level"]):
        parent = total.get(u["induk_id"]) if u["induk_id"] is not None else None
        (parent or kab).tambah(total[u["pk"]])
    now = timezone.now()
    objs = [_unit_row(instansi_id, bulan, None, None, 0, "", "Kabupaten", kab, lama.get(None), now)]
    for u in units:
        objs.append(_unit_row(instansi_id, bulan, u["pk"], u["induk_id"], u["level"] + 1, u["path"], u["nama"],
                              total[u["pk"]], lama.get(u["pk"]), now))
    hapus(StatistikUnit.objects.filter(instansi_id=instansi_id, bulan=bulan))
    StatistikUnit.objects.bulk_create(objs, batch_size=1000)
    return len(objs)


def _statistik_program(instansi_id: int, periode: PeriodeKinerja, units: list[dict]) -> int:
    """Rebuild StatistikProgram: indicators per program grouped per unit, added to every unit above and the regency
    (a pegawai sits in one unit, so distinct head-counts add up across sub-units)."""
    path = {u["pk"]: u["path"] for u in units}
    acc: dict[tuple[int | None, int], list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
    for r in (CapaianIndikator.objects.filter(instansi_id=instansi_id, periode=periode, program__isnull=False)
              .values("unit_kerja_id", "program_id")
              .annotate(n=Count("pk"), p=Count("pegawai_id", distinct=True), c=Sum("capaian_persen"),
                        j=Sum("jadwal_persen")).order_by()):
        for uid in [None] + ancestor_ids(path.get(r["unit_kerja_id"], "")):
            a = acc[(uid, r["program_id"])]
            a[0] += r["n"]
            a[1] += r["p"]
            a[2] += r["c"] or 0
            a[3] += r["j"] or 0
    now = timezone.now()
    hapus(StatistikProgram.objects.filter(instansi_id=instansi_id))
    StatistikProgram.objects.bulk_create(
        [StatistikProgram(instansi_id=instansi_id, unit_id=uid, program_id=pid, indikator_n=a[0], pegawai_n=a[1],
                          capaian_total=round(a[2], 3), jadwal_total=round(a[3], 3), dihitung_pada=now)
         for (uid, pid), a in acc.items()], batch_size=1000)
    return len(acc)


class _Agregat:
    """The running totals of one unit subtree while rolling up."""

    def __init__(self, vals=None, ikm=None, sejak=None):
        self.vals = defaultdict(float, vals or {})
        self.ikm = [list(ikm[0]), list(ikm[1])] if ikm else [[0] * 9, [0] * 9]
        self.sejak = sejak

    def tambah(self, other: _Agregat) -> None:
        for k, v in other.vals.items():
            self.vals[k] += v
        for i in range(9):
            self.ikm[0][i] += other.ikm[0][i]
            self.ikm[1][i] += other.ikm[1][i]
        if other.sejak and (self.sejak is None or other.sejak < self.sejak):
            self.sejak = other.sejak


def _unit_row(instansi_id, bulan, uid, induk, level, path, nama, agg: _Agregat, lama, now) -> StatistikUnit:
    row = StatistikUnit(instansi_id=instansi_id, unit_id=uid, induk_id=induk, bulan=bulan, level=level, path=path,
                        nama=nama[:200], ikm_jumlah=agg.ikm[0], ikm_hitung=agg.ikm[1], menunggu_sejak=agg.sejak,
                        dihitung_pada=now)
    for f in UNIT_FIELDS:
        v = agg.vals.get(f, 0)
        setattr(row, f, round(v, 3) if f in ("tinjauan_jam", "capaian_total", "jadwal_total") else int(v))
    if lama:
        for f in ("indikator_n", "capaian_total", "jadwal_total", "indikator_tertinggal"):
            setattr(row, f, lama[f])
    return row


# --- predikat distribution and the curve ------------------------------------------------------------------------
def _statistik_predikat(instansi_id: int, jadwal_id: int) -> int:
    """Rebuild StatistikPredikat of one evaluation window: counts per unit subtree and the curve violations of each
    curve group (penilaian.rules.check_curve with the instansi's table and rounding)."""
    from kinerja.penilaian import rules as prules
    from kinerja.penilaian.selectors import kebijakan_for, kurva_berlaku, predikat_org_map

    jadwal = JadwalEvaluasi.objects.select_related("periode").filter(pk=jadwal_id, instansi_id=instansi_id).first()
    if jadwal is None:
        return 0
    units = _units(instansi_id)
    by_id = {u["pk"]: u for u in units}
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    draf: dict[int, int] = defaultdict(int)
    for r in (Evaluasi.objects.filter(jadwal_id=jadwal_id).values("unit_kerja_id", "status", "predikat")
              .annotate(n=Count("pk")).order_by()):
        if r["status"] in DINILAI_KE_ATAS and r["predikat"]:
            counts[r["unit_kerja_id"]][r["predikat"]] += r["n"]
        elif r["status"] == StatusEvaluasi.DRAF:
            draf[r["unit_kerja_id"]] += r["n"]
    kebijakan = kebijakan_for(instansi_id)
    berlaku = kurva_berlaku(jadwal, kebijakan)
    pmap = predikat_org_map(jadwal.periode_id, instansi_id)
    # curve groups: the deepest unit (self or above) with a predikat organisasi, else the OPD
    groups: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for uid, c in counts.items():
        u = by_id.get(uid)
        if u is None:
            continue
        anc = ancestor_ids(u["path"])
        gid = next((a for a in reversed(anc) if a in pmap), anc[0] if anc else uid)
        for p, n in c.items():
            groups[gid][p] += n
    pelanggaran: dict[int, list[str]] = {}
    if berlaku:
        for gid, c in groups.items():
            if gid not in pmap:
                continue  # no predikat organisasi: the curve cannot be checked (penilaian shows that itself)
            v = prules.check_curve(c, pmap[gid].predikat, policy=kebijakan.tabel_kurva, rounding=kebijakan.rounding)
            if v:
                pelanggaran[gid] = [x.message for x in v]
    tot: dict[int | None, dict[str, int]] = {u["pk"]: defaultdict(int, counts.get(u["pk"], {})) for u in units}
    tot_draf: dict[int | None, int] = {u["pk"]: draf.get(u["pk"], 0) for u in units}
    tot_v: dict[int | None, list] = {u["pk"]: ([{"unit": u["pk"], "nama": u["nama"], "pesan": pelanggaran[u["pk"]]}]
                                              if u["pk"] in pelanggaran else []) for u in units}
    tot[None], tot_draf[None], tot_v[None] = defaultdict(int), 0, []
    for u in sorted(units, key=lambda x: -x["level"]):
        parent = u["induk_id"] if u["induk_id"] in by_id else None
        for p, n in tot[u["pk"]].items():
            tot[parent][p] += n
        tot_draf[parent] += tot_draf[u["pk"]]
        tot_v[parent] = tot_v[parent] + tot_v[u["pk"]]
    now = timezone.now()
    objs = []
    for uid in [None] + [u["pk"] for u in units]:
        c = {k: v for k, v in tot[uid].items() if v}
        if not c and not tot_draf[uid] and uid is not None:
            continue
        objs.append(StatistikPredikat(instansi_id=instansi_id, jadwal_id=jadwal_id, unit_id=uid,
                                      path=by_id[uid]["path"] if uid else "", jumlah=c, dinilai=sum(c.values()),
                                      draf=tot_draf[uid], pelanggaran=tot_v[uid], dihitung_pada=now))
    hapus(StatistikPredikat.objects.filter(instansi_id=instansi_id, jadwal_id=jadwal_id))
    StatistikPredikat.objects.bulk_create(objs, batch_size=1000)
    return len(objs)
