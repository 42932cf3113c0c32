"""Early warnings: the periodic job that raises and clears them, and what people do with them.

`peringatan_generate(instansi)` evaluates every active rule of the instansi's policy (KebijakanPengawasan) and
syncs the result with the open warnings by `kunci`: a condition already open is updated (never duplicated; the
database also refuses a second open row per kunci), a new one is created and its owner notified, and an open
warning whose condition no longer holds is resolved by the system. Every change is in the audit log.

Warnings are grouped by who must act, so each has one owner: the pejabat penilai for their team (no reports,
indicators behind, evaluations undone), the reviewer themself (reviews pending), the head of the unit (complaint
SLA, IKM drop) and the head of the OPD (curve violations).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from django.utils import timezone

from kinerja.core import kalender
from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import MSG_NOT_FOUND, ApplicationError, Forbidden, InvalidState, NotFound
from kinerja.core.models import Instansi
from kinerja.core.services import notifikasi_create
from kinerja.laporan.models import LaporanHarian, StatusLaporan
from kinerja.organisasi.access import active_plt_q
from kinerja.organisasi.models import Pegawai, PenugasanPlt, StatusPegawai, UnitKerja
from kinerja.organisasi.selectors import ancestor_ids
from kinerja.pengawasan import rules
from kinerja.pengawasan.access import scope_pengawasan
from kinerja.pengawasan.models import (
    CapaianIndikator,
    Peringatan,
    StatistikPegawai,
    StatistikPredikat,
    StatistikUnit,
    StatusPeringatan,
)
from kinerja.pengawasan.services.agregat import TERKIRIM, state_get
from kinerja.pengawasan.services.jejak import log_bulk
from kinerja.pengawasan.services.kebijakan import ambang_for
from kinerja.penilaian.models import Evaluasi, StatusEvaluasi
from kinerja.perencanaan.models import JadwalEvaluasi, PeriodeKinerja, SasaranKinerjaPegawai, StatusSkp

SISTEM = "Kondisi sudah tidak terpenuhi; diselesaikan otomatis oleh sistem."
MAKS_RINCIAN = 50


@dataclass
class Calon:
    jenis: str
    kunci: str
    judul: str
    pesan: str
    data: dict = field(default_factory=dict)
    pegawai_id: int | None = None
    unit_id: int | None = None
    pemilik_id: int | None = None


# --- who is who -------------------------------------------------------------------------------------------------
class _Org:
    """Units, pegawai names and unit heads of one instansi, loaded once per run (a few queries)."""

    def __init__(self, instansi_id: int, today: dt.date):
        self.units = {u["pk"]: u for u in UnitKerja.objects.filter(instansi_id=instansi_id)
                      .values("pk", "nama", "path", "induk_id", "opd_id")}
        self.kepala: dict[int, tuple[int, int | None]] = {}
        for p in (Pegawai.objects.filter(instansi_id=instansi_id, status=StatusPegawai.AKTIF,
                                         jabatan__is_kepala_unit=True)
                  .values("pk", "user_id", "jabatan__unit_kerja_id")):
            self.kepala.setdefault(p["jabatan__unit_kerja_id"], (p["pk"], p["user_id"]))
        for plt in (PenugasanPlt.objects.filter(active_plt_q(today), instansi_id=instansi_id,
                                                jabatan__is_kepala_unit=True)
                    .values("pegawai_id", "pegawai__user_id", "jabatan__unit_kerja_id")):
            self.kepala.setdefault(plt["jabatan__unit_kerja_id"], (plt["pegawai_id"], plt["pegawai__user_id"]))
        self._pegawai: dict[int, dict] = {}
        self._semua = False
        self.instansi_id = instansi_id

    def kepala_dari(self, unit_id: int | None) -> tuple[int | None, int | None]:
        """The head of a unit, else of the nearest unit above that has one: (pegawai id, user id)."""
        u = self.units.get(unit_id)
        if u is None:
            return None, None
        for uid in reversed(ancestor_ids(u["path"])):
            if uid in self.kepala:
                return self.kepala[uid]
        return None, None

    def kepala_opd(self, unit_id: int | None) -> tuple[int | None, int | None]:
        u = self.units.get(unit_id)
        if u is None:
            return None, None
        return self.kepala_dari(u["opd_id"] or u["pk"])

    def pegawai(self, ids) -> dict[int, dict]:
        want = [i for i in set(ids) if i and i not in self._pegawai]
        qs = Pegawai.objects.filter(instansi_id=self.instansi_id)
        if len(want) <= 500:  # for many, reading the instansi's pegawai once beats a long IN list
            qs = qs.filter(pk__in=want)
        elif self._semua:
            return {i: self._pegawai[i] for i in ids if i in self._pegawai}
        else:
            self._semua = True
        for p in qs.values("pk", "nama", "gelar_depan", "gelar_belakang", "nip", "user_id", "unit_kerja_id"):
            p["nama_lengkap"] = ", ".join(x for x in [" ".join(y for y in [p["gelar_depan"], p["nama"]] if y),
                                                      p["gelar_belakang"]] if x)
            self._pegawai[p["pk"]] = p
        return {i: self._pegawai[i] for i in ids if i in self._pegawai}


def _penilai_map(instansi_id: int, pegawai_ids, on: dt.date) -> dict[int, int | None]:
    """pegawai id -> pejabat penilai id, from the approved SKP covering `on` (its snapshot of the appraiser)."""
    want = set(pegawai_ids)
    out: dict[int, int | None] = {}
    qs = SasaranKinerjaPegawai.objects.filter(instansi_id=instansi_id, status=StatusSkp.DISETUJUI,
                                              tanggal_mulai__lte=on, tanggal_selesai__gte=on)
    if len(want) <= 500:  # a long IN list is slower than reading the instansi's SKP once
        qs = qs.filter(pegawai_id__in=list(want))
    for pid, penilai in qs.order_by("aktif").values_list("pegawai_id", "pejabat_penilai_id"):
        if pid in want:
            out[pid] = penilai
    return out


# --- the rules ------------------------------------------------------------------------------------------------------
def _tanpa_laporan(instansi_id: int, today: dt.date, ambang: rules.Ambang, org: _Org) -> list[Calon]:
    """Pegawai with an approved SKP who sent no daily report on any of the last N working days (before today)."""
    n = ambang.tanpa_laporan_hari
    hari = sorted(kalender.add_hari_kerja(today, -i, instansi_id) for i in range(1, n + 1))
    awal = hari[0]
    wajib = set(SasaranKinerjaPegawai.objects.filter(
        instansi_id=instansi_id, status=StatusSkp.DISETUJUI, aktif=True, tanggal_mulai__lte=awal,
        tanggal_selesai__gte=today, pegawai__status=StatusPegawai.AKTIF).values_list("pegawai_id", flat=True))
    melapor = set(LaporanHarian.objects.filter(instansi_id=instansi_id, tanggal__in=hari, status__in=TERKIRIM)
                  .values_list("pegawai_id", flat=True).distinct())
    absen = wajib - melapor
    if not absen:
        return []
    penilai = _penilai_map(instansi_id, absen, today)
    terakhir = {pid: t for pid, t in StatistikPegawai.objects.filter(instansi_id=instansi_id).values("pegawai_id")
                .annotate(t=Max("terakhir_lapor")).values_list("pegawai_id", "t").order_by() if pid in absen}
    per: dict[int, list[int]] = defaultdict(list)
    for pid in absen:
        if penilai.get(pid):
            per[penilai[pid]].append(pid)
    people = org.pegawai(set(absen) | set(per))
    out = []
    for pen_id, pids in per.items():
        pen = people.get(pen_id)
        if pen is None:
            continue
        rows = sorted(({"id": p, "nama": people[p]["nama_lengkap"], "nip": people[p]["nip"],
                        "terakhir": terakhir[p].isoformat() if terakhir.get(p) else None} for p in pids
                       if p in people), key=lambda r: (r["terakhir"] or "", r["nama"]))
        out.append(Calon(
            jenis=rules.TANPA_LAPORAN, kunci=f"{rules.TANPA_LAPORAN}:{pen_id}",
            judul=f"{len(rows)} pegawai belum melapor {n} hari kerja",
            pesan=(f"{len(rows)} pegawai yang Anda nilai tidak mengirim laporan harian sejak "
                   f"{hari[0]:%d-%m-%Y} ({n} hari kerja terakhir)."),
            data={"pegawai": rows[:MAKS_RINCIAN], "jumlah": len(rows), "hari": [h.isoformat() for h in hari]},
            pegawai_id=pen_id, unit_id=pen["unit_kerja_id"], pemilik_id=pen["user_id"]))
    return out


def _indikator(instansi_id: int, today: dt.date, ambang: rules.Ambang, org: _Org,
               periode: PeriodeKinerja | None) -> list[Calon]:
    """Indicators behind the linear schedule by more than X %, grouped per pejabat penilai."""
    if periode is None or rules.porsi_jadwal(periode.tanggal_mulai, periode.tanggal_selesai, today) < 0.08:
        return []  # too early in the year for a fair linear comparison (first month)
    batas = 100 - ambang.indikator_tertinggal_persen
    rows = list(CapaianIndikator.objects.filter(instansi_id=instansi_id, periode=periode, jadwal_persen__lt=batas)
                .values("pegawai_id", "teks", "jadwal_persen", "realisasi", "target", "satuan"))
    if not rows:
        return []
    penilai = _penilai_map(instansi_id, {r["pegawai_id"] for r in rows}, today)
    per: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        if penilai.get(r["pegawai_id"]):
            per[penilai[r["pegawai_id"]]].append(r)
    people = org.pegawai({r["pegawai_id"] for r in rows} | set(per))
    out = []
    for pen_id, items in per.items():
        pen = people.get(pen_id)
        if pen is None:
            continue
        items.sort(key=lambda r: r["jadwal_persen"])
        n_peg = len({r["pegawai_id"] for r in items})
        out.append(Calon(
            jenis=rules.INDIKATOR, kunci=f"{rules.INDIKATOR}:{periode.pk}:{pen_id}",
            judul=f"{len(items)} indikator dari {n_peg} pegawai tertinggal dari jadwal",
            pesan=(f"Realisasi {len(items)} indikator kurang dari {batas}% target yang seharusnya sudah tercapai "
                   f"menurut jadwal linier (tertinggal lebih dari {ambang.indikator_tertinggal_persen}%)."),
            data={"jumlah": len(items), "indikator": [
                {"pegawai": people[r["pegawai_id"]]["nama_lengkap"] if r["pegawai_id"] in people else "",
                 "pegawai_id": r["pegawai_id"], "teks": r["teks"], "jadwal_persen": r["jadwal_persen"],
                 "realisasi": float(r["realisasi"]), "target": float(r["target"]), "satuan": r["satuan"]}
                for r in items[:MAKS_RINCIAN]]},
            pegawai_id=pen_id, unit_id=pen["unit_kerja_id"], pemilik_id=pen["user_id"]))
    return out


def _tinjauan(instansi_id: int, today: dt.date, ambang: rules.Ambang, org: _Org) -> list[Calon]:
    """Reviewers with reports waiting longer than N working days."""
    n = ambang.tinjauan_tertunda_hari
    batas = kalender.add_hari_kerja(today, -n, instansi_id)
    tz = timezone.get_current_timezone()
    cutoff = dt.datetime.combine(batas, dt.time.min, tzinfo=tz)
    rows = list(LaporanHarian.objects.filter(instansi_id=instansi_id, status=StatusLaporan.DIAJUKAN,
                                             diajukan_pada__lt=cutoff, penilai__isnull=False)
                .values("penilai_id").annotate(n=Count("pk"), sejak=Min("diajukan_pada")).order_by())
    people = org.pegawai({r["penilai_id"] for r in rows})
    out = []
    for r in rows:
        pen = people.get(r["penilai_id"])
        if pen is None:
            continue
        sejak = timezone.localtime(r["sejak"]).date()
        out.append(Calon(
            jenis=rules.TINJAUAN, kunci=f"{rules.TINJAUAN}:{r['penilai_id']}",
            judul=f"{r['n']} laporan menunggu tinjauan lebih dari {n} hari kerja",
            pesan=(f"{pen['nama_lengkap']} belum meninjau {r['n']} laporan harian yang diajukan lebih dari {n} hari "
                   f"kerja lalu; yang tertua sejak {sejak:%d-%m-%Y}."),
            data={"jumlah": r["n"], "tertua": sejak.isoformat(),
                  "hari_kerja": kalender.hari_kerja_between(sejak, today, instansi_id)},
            pegawai_id=r["penilai_id"], unit_id=pen["unit_kerja_id"], pemilik_id=pen["user_id"]))
    return out


def _sla(instansi_id: int, today: dt.date, org: _Org) -> list[Calon]:
    """Complaints past their SLA (SP4N-LAPOR! §4.2 deadlines kept by partisipasi), per responsible unit."""
    from kinerja.partisipasi.models import Pengaduan
    from kinerja.partisipasi.services.pengaduan import terlambat_q

    per: dict[int | None, list[dict]] = defaultdict(list)
    for p in (Pengaduan.objects.filter(instansi_id=instansi_id).filter(terlambat_q(today))
              .values("pk", "tiket", "status", "kategori", "tenggat_verifikasi", "tenggat_tindak_lanjut",
                      "unit_kerja_id").order_by("tenggat_verifikasi")):
        per[p["unit_kerja_id"]].append(p)
    out = []
    for uid, items in per.items():
        kep, user_id = org.kepala_dari(uid)
        nama = org.units[uid]["nama"] if uid in org.units else "Koordinator pengaduan"
        out.append(Calon(
            jenis=rules.SLA, kunci=f"{rules.SLA}:{uid or 0}",
            judul=f"{len(items)} pengaduan melewati batas waktu di {nama}",
            pesan=(f"{len(items)} pengaduan warga untuk {nama} belum diverifikasi atau ditindaklanjuti sampai batas "
                   f"waktunya (SP4N-LAPOR!: verifikasi 3 hari kerja, tindak lanjut 5 hari kerja)."),
            data={"jumlah": len(items), "pengaduan": [
                {"tiket": p["tiket"], "status": p["status"], "kategori": p["kategori"],
                 "tenggat": (p["tenggat_tindak_lanjut"] if p["status"] == "didisposisikan"
                             else p["tenggat_verifikasi"]).isoformat()} for p in items[:MAKS_RINCIAN]]},
            pegawai_id=None, unit_id=uid, pemilik_id=user_id))
    return out


def _ikm(instansi_id: int, today: dt.date, ambang: rules.Ambang, org: _Org) -> list[Calon]:
    """Units whose IKM of the last three months fell by ≥ X points against the three months before, read from the
    monthly aggregates (units that own service points)."""
    from kinerja.partisipasi import rules as prules
    from kinerja.partisipasi.models import TitikLayanan
    from kinerja.partisipasi.services._umum import kebijakan as kebijakan_partisipasi

    bobot = kebijakan_partisipasi(instansi_id).bobot_ikm
    bulan = rules.awal_bulan(today)
    baru = [rules.bulan_sebelumnya(bulan, i) for i in range(0, 3)]
    lama = [rules.bulan_sebelumnya(bulan, i) for i in range(3, 6)]
    punya = set(TitikLayanan.objects.filter(instansi_id=instansi_id, aktif=True)
                .values_list("unit_kerja_id", flat=True).distinct())
    acc: dict[int, dict[str, list]] = defaultdict(lambda: {"baru": [[0] * 9, [0] * 9, 0], "lama": [[0] * 9, [0] * 9, 0]})
    for r in StatistikUnit.objects.filter(instansi_id=instansi_id, unit_id__in=punya, bulan__in=baru + lama,
                                          ikm_n__gt=0).values("unit_id", "bulan", "ikm_jumlah", "ikm_hitung", "ikm_n"):
        slot = acc[r["unit_id"]]["baru" if r["bulan"] in baru else "lama"]
        for i in range(9):
            slot[0][i] += (r["ikm_jumlah"] or [0] * 9)[i]
            slot[1][i] += (r["ikm_hitung"] or [0] * 9)[i]
        slot[2] += r["ikm_n"]

    def nilai(slot):
        if not slot[2]:
            return None
        v = prules.ikm(prules.nrr_dari_jumlah(slot[0], slot[1]), bobot)
        return float(v) if v is not None else None

    out = []
    for uid, s in acc.items():
        a, b = nilai(s["lama"]), nilai(s["baru"])
        if not rules.ikm_turun(a, b, s["lama"][2], s["baru"][2], ambang):
            continue
        kep, user_id = org.kepala_dari(uid)
        nama = org.units.get(uid, {}).get("nama", "")
        out.append(Calon(
            jenis=rules.IKM, kunci=f"{rules.IKM}:{uid}:{bulan:%Y-%m}",
            judul=f"IKM {nama} turun {a - b:.2f} poin",
            pesan=(f"Indeks Kepuasan Masyarakat {nama} tiga bulan terakhir {b:.2f}, turun dari {a:.2f} pada tiga bulan "
                   f"sebelumnya ({s['baru'][2]} dan {s['lama'][2]} responden)."),
            data={"sebelum": round(a, 2), "sesudah": round(b, 2), "responden_sebelum": s["lama"][2],
                  "responden_sesudah": s["baru"][2]},
            pegawai_id=None, unit_id=uid, pemilik_id=user_id))
    return out


def _kurva(instansi_id: int, org: _Org, periode: PeriodeKinerja | None) -> list[Calon]:
    """Curve groups whose predikat distribution breaks the curve (§1.7), from the predikat aggregates."""
    if periode is None:
        return []
    out = []
    jadwal = {j.pk: j for j in JadwalEvaluasi.objects.filter(periode=periode)}
    for r in StatistikPredikat.objects.filter(instansi_id=instansi_id, jadwal_id__in=list(jadwal),
                                              unit__isnull=False).values("jadwal_id", "unit_id", "pelanggaran"):
        for v in r["pelanggaran"]:
            if v.get("unit") != r["unit_id"]:
                continue  # reported once, on the group's own row
            kep, user_id = org.kepala_opd(r["unit_id"])
            j = jadwal[r["jadwal_id"]]
            out.append(Calon(
                jenis=rules.KURVA, kunci=f"{rules.KURVA}:{j.pk}:{r['unit_id']}",
                judul=f"Kurva distribusi {v['nama']} dilanggar ({j.nama})",
                pesan="; ".join(v["pesan"]), data={"jadwal": j.nama, "pelanggaran": v["pesan"]},
                pegawai_id=None, unit_id=r["unit_id"], pemilik_id=user_id))
    return out


def _evaluasi(instansi_id: int, today: dt.date, ambang: rules.Ambang, org: _Org,
              periode: PeriodeKinerja | None) -> list[Calon]:
    """Evaluations not yet rated when the window's deadline is near (or just passed), per pejabat penilai."""
    if periode is None:
        return []
    n = ambang.evaluasi_hari_sebelum_batas
    out = []
    for j in JadwalEvaluasi.objects.filter(periode=periode, tanggal_mulai__lte=today,
                                           batas_penilaian__gte=today - dt.timedelta(days=30),
                                           batas_penilaian__lte=today + dt.timedelta(days=n)):
        skp = dict(SasaranKinerjaPegawai.objects.filter(
            instansi_id=instansi_id, periode=periode, status=StatusSkp.DISETUJUI, aktif=True,
            pegawai__status=StatusPegawai.AKTIF, pejabat_penilai__isnull=False).values_list("pegawai_id",
                                                                                           "pejabat_penilai_id"))
        selesai = set(Evaluasi.objects.filter(jadwal=j).exclude(status=StatusEvaluasi.DRAF)
                      .values_list("pegawai_id", flat=True))
        per: dict[int, list[int]] = defaultdict(list)
        for pid, pen in skp.items():
            if pid not in selesai:
                per[pen].append(pid)
        people = org.pegawai(set(per))
        sisa = (j.batas_penilaian - today).days
        for pen_id, pids in per.items():
            pen = people.get(pen_id)
            if pen is None:
                continue
            waktu = f"{sisa} hari lagi" if sisa >= 0 else f"lewat {-sisa} hari"
            out.append(Calon(
                jenis=rules.EVALUASI, kunci=f"{rules.EVALUASI}:{j.pk}:{pen_id}",
                judul=f"{len(pids)} evaluasi {j.nama} belum dinilai (batas {waktu})",
                pesan=(f"Batas penilaian {j.nama} {j.batas_penilaian:%d-%m-%Y} ({waktu}); {len(pids)} pegawai yang "
                       f"Anda nilai belum mendapat rating."),
                data={"jumlah": len(pids), "batas": j.batas_penilaian.isoformat(), "jadwal": j.nama},
                pegawai_id=pen_id, unit_id=pen["unit_kerja_id"], pemilik_id=pen["user_id"]))
    return out


# --- the job --------------------------------------------------------------------------------------------------------
def _adopsi(instansi_id: int, org: _Org) -> list[Calon]:
    """Units whose adoption of Kinerja lags (pelatihan's weekly MetrikAdopsi, its thresholds and reasons), for
    the head of the unit: targeted socialisation is the answer, so the message names the reasons."""
    from kinerja.pelatihan.rules import ALASAN_LABEL
    from kinerja.pelatihan.selectors import unit_tertinggal

    out = []
    for m in unit_tertinggal(instansi_id=instansi_id).values("unit_id", "nama", "minggu", "alasan",
                                                             "jumlah_pegawai", "aktif"):
        uid = m["unit_id"]
        _kep, user_id = org.kepala_dari(uid)
        alasan = [ALASAN_LABEL.get(a, a) for a in (m["alasan"] or [])]
        out.append(Calon(
            jenis=rules.ADOPSI, kunci=f"{rules.ADOPSI}:{uid or 0}",
            judul=f"Adopsi Kinerja tertinggal di {m['nama']}",
            pesan=(f"Pekan {m['minggu']:%d-%m-%Y}: {'; '.join(alasan) or 'di bawah ambang'}. "
                   "Jadwalkan sosialisasi atau pelatihan yang sesuai (menu Pelatihan)."),
            data={"minggu": m["minggu"].isoformat(), "alasan": m["alasan"] or [],
                  "jumlah_pegawai": m["jumlah_pegawai"], "aktif": m["aktif"]},
            pegawai_id=None, unit_id=uid, pemilik_id=user_id))
    return out


def peringatan_generate(*, instansi: Instansi, now: dt.datetime | None = None,
                        beri_tahu: set[int] | None = None) -> dict:
    """Evaluate the active rules and sync the open warnings (create, update, auto-resolve). New warnings are
    notified to their owner; `beri_tahu` limits that to these user ids (the demo seed notifies its demo accounts
    only)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    policy = ambang_for(instansi.pk)
    ambang = policy.ambang
    org = _Org(instansi.pk, today)
    periode = (PeriodeKinerja.objects.filter(instansi=instansi, tanggal_mulai__lte=today,
                                             tanggal_selesai__gte=today).order_by("-tahun").first())
    calon: list[Calon] = []
    dinilai: set[str] = set()
    steps = [
        (rules.TANPA_LAPORAN, policy.tanpa_laporan_aktif, lambda: _tanpa_laporan(instansi.pk, today, ambang, org)),
        (rules.INDIKATOR, policy.indikator_aktif, lambda: _indikator(instansi.pk, today, ambang, org, periode)),
        (rules.TINJAUAN, policy.tinjauan_aktif, lambda: _tinjauan(instansi.pk, today, ambang, org)),
        (rules.SLA, policy.sla_aktif, lambda: _sla(instansi.pk, today, org)),
        (rules.IKM, policy.ikm_aktif, lambda: _ikm(instansi.pk, today, ambang, org)),
        (rules.KURVA, policy.kurva_aktif, lambda: _kurva(instansi.pk, org, periode)),
        (rules.EVALUASI, policy.evaluasi_aktif, lambda: _evaluasi(instansi.pk, today, ambang, org, periode)),
        (rules.ADOPSI, policy.adopsi_aktif, lambda: _adopsi(instansi.pk, org)),
    ]
    for jenis, aktif, fn in steps:
        if aktif:
            dinilai.add(jenis)
            calon += fn()
    with transaction.atomic():
        hasil = _sinkron(instansi, calon, dinilai, org, now, beri_tahu)
    state = state_get(instansi.pk, "peringatan")
    state.watermark, state.selesai_pada, state.diproses = now, timezone.now(), len(calon)
    state.save(update_fields=["watermark", "selesai_pada", "diproses", "updated_at"])
    return hasil


def _sinkron(instansi: Instansi, calon: list[Calon], dinilai: set[str], org: _Org, now: dt.datetime,
             beri_tahu: set[int] | None = None) -> dict:
    terbuka = {p.kunci: p for p in Peringatan.objects.select_for_update().filter(
        instansi=instansi, status__in=[StatusPeringatan.TERBUKA, StatusPeringatan.DIAKUI])}
    baru, ubah = [], []
    seen = set()
    for c in calon:
        if c.kunci in seen:
            continue
        seen.add(c.kunci)
        path = org.units.get(c.unit_id, {}).get("path", "")
        old = terbuka.get(c.kunci)
        if old is not None:
            old.judul, old.pesan, old.data, old.terakhir_terdeteksi = c.judul[:200], c.pesan, c.data, now
            old.pemilik_id = old.pemilik_id or c.pemilik_id
            ubah.append(old)
            continue
        baru.append(Peringatan(instansi=instansi, jenis=c.jenis, kunci=c.kunci[:120], judul=c.judul[:200],
                               pesan=c.pesan, data=c.data, pegawai_id=c.pegawai_id, unit_id=c.unit_id, path=path,
                               pemilik_id=c.pemilik_id, terakhir_terdeteksi=now))
    Peringatan.objects.bulk_update(ubah, ["judul", "pesan", "data", "terakhir_terdeteksi", "pemilik", "updated_at"],
                                   batch_size=500)
    Peringatan.objects.bulk_create(baru, batch_size=500)
    log_bulk(actor=None, objects=baru, action=LogEntry.Action.CREATE,
             changes_for=lambda p: {"status": [None, p.status], "judul": [None, p.judul]})
    hilang = [p for k, p in terbuka.items() if k not in seen and p.jenis in dinilai]
    for p in hilang:
        p.status, p.diselesaikan_pada, p.catatan_penyelesaian = StatusPeringatan.SELESAI, now, SISTEM
    Peringatan.objects.bulk_update(hilang, ["status", "diselesaikan_pada", "catatan_penyelesaian", "updated_at"],
                                   batch_size=500)
    log_bulk(actor=None, objects=hilang, action=LogEntry.Action.UPDATE,
             changes_for=lambda p: {"status": ["terbuka", "selesai"], "catatan_penyelesaian": ["", SISTEM]})
    users = {}
    if baru:
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.in_bulk([p.pemilik_id for p in baru if p.pemilik_id
                                                  and (beri_tahu is None or p.pemilik_id in beri_tahu)])
    for p in baru:
        user = users.get(p.pemilik_id)
        if user is not None:
            notifikasi_create(user=user, judul=f"Peringatan: {p.judul}"[:200], pesan=p.pesan,
                              url=reverse("pengawasan:peringatan_detail", args=[p.pk]), jenis="peringatan")
    return {"baru": len(baru), "diperbarui": len(ubah), "diselesaikan": len(hilang)}


# --- what people do with a warning -----------------------------------------------------------------------------
def boleh_tindak(actor, peringatan: Peringatan) -> bool:
    """The owner acts on a warning; so may their superiors: the pimpinan of its OPD or the head of a unit above
    it, or an atasan of the pegawai concerned. Inspektorat and pimpinan daerah only read."""
    if actor is None or peringatan.instansi_id != actor.instansi_id:
        return False
    if peringatan.pemilik_id == actor.pk:
        return True
    sp = scope_pengawasan(actor)
    if peringatan.path and any(peringatan.path.startswith(p) for _, p in sp.akar):
        return True  # the head of its unit or of a unit above it (e.g. the pimpinan of its OPD)
    if peringatan.pegawai_id:
        pegawai = Pegawai.objects.select_related("jabatan").filter(pk=peringatan.pegawai_id).first()
        return pegawai is not None and sp.base.is_superior_of(pegawai)
    return False


def _kunci_peringatan(actor, peringatan: Peringatan) -> Peringatan:
    from kinerja.pengawasan.selectors import peringatan_get

    peringatan_get(actor=actor, peringatan_id=peringatan.pk)  # 404 outside the scope
    locked = Peringatan.objects.select_for_update().filter(pk=peringatan.pk).first()
    if locked is None:
        raise NotFound(MSG_NOT_FOUND)
    if not boleh_tindak(actor, locked):
        raise Forbidden(rules.MSG_BUKAN_PENANGGUNG_JAWAB)
    return locked


def _catatan(teks: str, *, wajib: bool) -> str:
    teks = (teks or "").strip()
    if wajib and not teks:
        raise ApplicationError(rules.MSG_CATATAN_WAJIB, detail={"catatan": [rules.MSG_CATATAN_WAJIB]})
    if len(teks) > rules.MAKS_CATATAN:
        raise ApplicationError(rules.MSG_CATATAN_PANJANG, detail={"catatan": [rules.MSG_CATATAN_PANJANG]})
    return teks


@transaction.atomic
def peringatan_acknowledge(*, actor, peringatan: Peringatan, catatan: str = "",
                           now: dt.datetime | None = None) -> Peringatan:
    """The owner (or a superior) acknowledges a warning: they have seen it and take it on."""
    p = _kunci_peringatan(actor, peringatan)
    if not rules.boleh_pindah(p.status, rules.DIAKUI):
        raise InvalidState(rules.MSG_STATUS_PERINGATAN.format(status=p.get_status_display().lower(), aksi="diakui"))
    catatan = _catatan(catatan, wajib=False)
    with audit_actor(actor):
        p.status, p.diakui_pada, p.diakui_oleh, p.catatan_pengakuan = (StatusPeringatan.DIAKUI, now or timezone.now(),
                                                                       actor, catatan)
        p.save(update_fields=["status", "diakui_pada", "diakui_oleh", "catatan_pengakuan", "updated_at"])
    return p


@transaction.atomic
def peringatan_resolve(*, actor, peringatan: Peringatan, catatan: str, now: dt.datetime | None = None) -> Peringatan:
    """Close a warning with what was done. If the condition still holds, the job raises a new one later."""
    p = _kunci_peringatan(actor, peringatan)
    if not rules.boleh_pindah(p.status, rules.SELESAI):
        raise InvalidState(rules.MSG_STATUS_PERINGATAN.format(status=p.get_status_display().lower(),
                                                              aksi="diselesaikan"))
    catatan = _catatan(catatan, wajib=True)
    now = now or timezone.now()
    with audit_actor(actor):
        if p.diakui_pada is None:
            p.diakui_pada, p.diakui_oleh = now, actor
        p.status, p.diselesaikan_pada, p.diselesaikan_oleh, p.catatan_penyelesaian = (
            StatusPeringatan.SELESAI, now, actor, catatan)
        p.save(update_fields=["status", "diakui_pada", "diakui_oleh", "diselesaikan_pada", "diselesaikan_oleh",
                              "catatan_penyelesaian", "updated_at"])
    return p


def q_terbuka() -> Q:
    return Q(status__in=[StatusPeringatan.TERBUKA, StatusPeringatan.DIAKUI])
