"""Integrity anomalies for Inspektorat, found by a periodic job (incremental: only rows changed since its
watermark are examined, each against a bounded look-back window).

What is flagged, each with its evidence:
- near-duplicate report texts copied across days or people (rapidfuzz, after bottom-k blocking: SidikUraian);
- the same evidence file on several reports (BuktiDukung.sha256, the content hash laporan keeps);
- implausible hours: more than the policy maximum in a day, on several days of a month;
- a backfill burst: many reports for long-past dates sent in one day just before an evaluation deadline;
- rubber-stamping: a reviewer approving everything, most approvals seconds after the previous one;
- a report geotagged far from the work location (the unit's coordinates, else the program's, else the
  pegawai's usual place — the median of their own geotags).
A flag is stored once per condition (`kunci`); later findings extend its evidence.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.urls import reverse
from django.utils import timezone

from kinerja.core.models import Instansi, Peran, PeranPengguna
from kinerja.core.services import notifikasi_create
from kinerja.laporan.models import BuktiDukung, LaporanHarian, StatusLaporan
from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.pengawasan import rules
from kinerja.pengawasan.models import Anomali, SidikUraian
from kinerja.pengawasan.services.agregat import TERKIRIM, state_gagal, state_get, state_mulai, state_selesai
from kinerja.pengawasan.services.jejak import hapus
from kinerja.pengawasan.services.kebijakan import ambang_for
from kinerja.perencanaan.models import JadwalEvaluasi, ProgramKegiatan

KUNCI = "anomali"
OVERLAP = dt.timedelta(minutes=5)
JENDELA_AWAL = dt.timedelta(days=150)  # a first run looks this far back (about five months)
JENDELA_SIDIK = 60  # days: texts are compared with those of the last 60 days
SIMPAN_SIDIK = 120  # days: older fingerprints are dropped
BLOK = 300
MAKS_BUKTI = 40


def anomali_deteksi(*, instansi: Instansi, now: dt.datetime | None = None, penuh: bool = False) -> dict:
    now = now or timezone.now()
    state = state_get(instansi.pk, KUNCI)
    if not state_mulai(state, now):
        return {"dilewati": True}
    started = time.perf_counter()
    sejak = now - JENDELA_AWAL if (penuh or state.watermark is None) else state.watermark - OVERLAP
    ambang = ambang_for(instansi.pk).ambang
    try:
        with transaction.atomic():
            d = _Deteksi(instansi, sejak, now, ambang)
            hasil = {
                rules.DUPLIKAT: d.duplikat(),
                rules.BUKTI: d.bukti(),
                rules.JAM: d.jam(),
                rules.MUNDUR: d.mundur(),
                rules.KILAT: d.kilat(),
                rules.LOKASI: d.lokasi(),
            }
            d.beri_tahu()
    except BaseException as exc:
        state_gagal(state, exc, started)
        raise
    state_selesai(state, watermark=now, diproses=sum(hasil.values()), started=started)
    return hasil


class _Deteksi:
    def __init__(self, instansi: Instansi, sejak: dt.datetime, now: dt.datetime, ambang: rules.Ambang):
        self.instansi, self.sejak, self.now, self.ambang = instansi, sejak, now, ambang
        self.today = timezone.localdate(now)
        self._pegawai: dict[int, dict] = {}
        self.baru = 0

    # --- helpers ---------------------------------------------------------------------------------------------------
    def pegawai(self, ids) -> dict[int, dict]:
        want = [i for i in set(ids) if i and i not in self._pegawai]
        for p in (Pegawai.objects.filter(pk__in=want)
                  .values("pk", "nama", "gelar_depan", "gelar_belakang", "nip", "unit_kerja_id", "opd_id",
                          "unit_kerja__nama", "unit_kerja__latitude", "unit_kerja__longitude")):
            p["nama_lengkap"] = ", ".join(x for x in [" ".join(y for y in [p["gelar_depan"], p["nama"]] if y),
                                                      p["gelar_belakang"]] if x)
            self._pegawai[p["pk"]] = p
        return {i: self._pegawai[i] for i in ids if i in self._pegawai}

    def simpan(self, items: list[dict], gabung: bool = False) -> int:
        """Upsert anomalies by kunci. `gabung`: extend the stored evidence list instead of replacing it."""
        if not items:
            return 0
        lama = {a.kunci: a for a in Anomali.objects.filter(instansi=self.instansi,
                                                             kunci__in=[i["kunci"] for i in items])}
        people = self.pegawai([i.get("pegawai_id") for i in items])
        baru, ubah = [], []
        for i in items:
            p = people.get(i.get("pegawai_id"), {})
            old = lama.get(i["kunci"])
            if old is not None:
                if gabung:
                    seen = {tuple(sorted(e.get("laporan", []))) for e in old.bukti.get("rincian", [])}
                    extra = [e for e in i["bukti"]["rincian"] if tuple(sorted(e.get("laporan", []))) not in seen]
                    old.bukti = {**i["bukti"], "rincian": (old.bukti.get("rincian", []) + extra)[:MAKS_BUKTI]}
                    old.laporan_ids = sorted(set(old.laporan_ids) | set(i["laporan_ids"]))[:200]
                else:
                    old.bukti, old.laporan_ids = i["bukti"], i["laporan_ids"][:200]
                old.judul, old.ringkasan, old.skor = i["judul"][:200], i["ringkasan"], max(old.skor, i["skor"])
                old.terakhir_terdeteksi = self.now
                ubah.append(old)
            else:
                baru.append(Anomali(instansi=self.instansi, jenis=i["jenis"], kunci=i["kunci"][:120],
                                    pegawai_id=i.get("pegawai_id"), unit_id=p.get("unit_kerja_id"),
                                    opd_id=p.get("opd_id"), judul=i["judul"][:200], ringkasan=i["ringkasan"],
                                    bukti=i["bukti"], skor=i["skor"], laporan_ids=i["laporan_ids"][:200],
                                    terakhir_terdeteksi=self.now))
        Anomali.objects.bulk_update(ubah, ["bukti", "laporan_ids", "judul", "ringkasan", "skor",
                                           "terakhir_terdeteksi", "updated_at"], batch_size=500)
        Anomali.objects.bulk_create(baru, batch_size=500)
        self.baru += len(baru)
        return len(items)

    def laporan_diubah(self):
        return LaporanHarian.objects.filter(instansi=self.instansi, updated_at__gte=self.sejak, status__in=TERKIRIM)

    # --- 1. near-duplicate texts -------------------------------------------------------------------------------
    def duplikat(self) -> int:
        a = self.ambang
        rows = list(self.laporan_diubah().values("pk", "pegawai_id", "tanggal", "uraian"))
        sidik = []
        for r in rows:
            if len(r["uraian"].split()) < a.duplikat_min_kata:
                continue  # cheap check first: most daily texts are short routine phrases
            teks = rules.normalisasi(r["uraian"])
            if rules.jumlah_kata(teks) < a.duplikat_min_kata:
                continue
            k1, k2, k3 = rules.kunci_sidik(teks)
            sidik.append(SidikUraian(instansi=self.instansi, laporan_id=r["pk"], pegawai_id=r["pegawai_id"],
                                     tanggal=r["tanggal"], teks=teks[:rules.PANJANG_SIDIK], k1=k1, k2=k2, k3=k3))
        hapus(SidikUraian.objects.filter(instansi=self.instansi,
                                   tanggal__lt=self.today - dt.timedelta(days=SIMPAN_SIDIK)))
        hapus(SidikUraian.objects.filter(laporan_id__in=[s.laporan_id for s in sidik]))
        SidikUraian.objects.bulk_create(sidik, batch_size=1000)
        awal = self.today - dt.timedelta(days=JENDELA_SIDIK)
        items: dict[str, dict] = {}
        for i in range(0, len(sidik), BLOK):
            blok = sidik[i:i + BLOK]
            keys = {k for s in blok for k in (s.k1, s.k2, s.k3)}
            cands = list(SidikUraian.objects.filter(instansi=self.instansi, tanggal__gte=awal)
                         .filter(Q(k1__in=keys) | Q(k2__in=keys) | Q(k3__in=keys))
                         .values("laporan_id", "pegawai_id", "tanggal", "teks", "k1", "k2", "k3"))
            by_key: dict[int, list[dict]] = defaultdict(list)
            for c in cands:
                for k in {c["k1"], c["k2"], c["k3"]}:
                    by_key[k].append(c)
            for s in blok:
                seen, cocok = set(), []
                for k in {s.k1, s.k2, s.k3}:
                    for c in by_key.get(k, []):
                        if c["laporan_id"] == s.laporan_id or c["laporan_id"] in seen:
                            continue
                        seen.add(c["laporan_id"])
                        if c["pegawai_id"] == s.pegawai_id and c["tanggal"] == s.tanggal:
                            continue
                        sim = rules.kemiripan(s.teks, c["teks"])
                        if sim >= a.duplikat_kemiripan_persen:
                            cocok.append((c, sim))
                if not cocok:
                    continue
                orang = {s.pegawai_id} | {c["pegawai_id"] for c, _ in cocok}
                if len(orang) > a.duplikat_maks_pegawai:
                    continue  # a standard phrase many people use, not a copy
                akar = min([s.laporan_id] + [c["laporan_id"] for c, _ in cocok])
                if akar == s.laporan_id:
                    continue  # the earliest text of the group is the original
                kunci = f"{rules.DUPLIKAT}:{s.pegawai_id}:{akar}"
                item = items.setdefault(kunci, {"jenis": rules.DUPLIKAT, "kunci": kunci, "pegawai_id": s.pegawai_id,
                                                "rincian": [], "laporan": set(), "orang": set(), "skor": 0})
                for c, sim in cocok:
                    item["rincian"].append({"laporan": [s.laporan_id, c["laporan_id"]],
                                            "tanggal": [s.tanggal.isoformat(), c["tanggal"].isoformat()],
                                            "pegawai_lain": c["pegawai_id"] if c["pegawai_id"] != s.pegawai_id
                                            else None, "kemiripan": sim, "teks": s.teks[:200],
                                            "teks_lain": c["teks"][:200]})
                    item["laporan"] |= {s.laporan_id, c["laporan_id"]}
                    item["orang"] |= {s.pegawai_id, c["pegawai_id"]}
        people = self.pegawai({o for it in items.values() for o in it["orang"]})
        asli = dict(LaporanHarian.objects.filter(pk__in={i for it in items.values() for i in it["laporan"]})
                    .values_list("pk", "uraian"))  # the evidence shows the texts as written
        out = []
        for it in items.values():
            for e in it["rincian"]:
                lain = e["pegawai_lain"]
                e["pegawai_lain_nama"] = people.get(lain, {}).get("nama_lengkap") if lain else None
                e["teks"] = asli.get(e["laporan"][0], e["teks"])[:300]
                e["teks_lain"] = asli.get(e["laporan"][1], e["teks_lain"])[:300]
            lintas = len(it["orang"]) > 1
            out.append({
                "jenis": rules.DUPLIKAT, "kunci": it["kunci"], "pegawai_id": it["pegawai_id"],
                "judul": ("Uraian laporan sama dengan laporan pegawai lain" if lintas
                          else "Uraian laporan disalin di beberapa hari"),
                "ringkasan": (f"{len(it['laporan'])} laporan dengan uraian hampir sama (kemiripan ≥ "
                              f"{self.ambang.duplikat_kemiripan_persen}%)"
                              + (f" dari {len(it['orang'])} pegawai." if lintas else " pada tanggal berbeda.")),
                "bukti": {"rincian": it["rincian"][:MAKS_BUKTI], "metode": "rapidfuzz ratio / token_sort_ratio"},
                "skor": 80 if lintas else 60, "laporan_ids": sorted(it["laporan"])})
        return self.simpan(out, gabung=True)

    # --- 2. the same evidence file ----------------------------------------------------------------------------------
    def bukti(self) -> int:
        hashes = set(BuktiDukung.objects.filter(instansi=self.instansi, created_at__gte=self.sejak)
                     .values_list("sha256", flat=True))
        if not hashes:
            return 0
        per: dict[str, list[dict]] = defaultdict(list)
        for b in (BuktiDukung.objects.filter(instansi=self.instansi, sha256__in=list(hashes))
                  .values("pk", "sha256", "nama_asli", "created_at", "laporan_id", "laporan__pegawai_id",
                          "laporan__tanggal").order_by("created_at", "pk")):
            per[b["sha256"]].append(b)
        out = []
        for sha, files in per.items():
            laporan = {f["laporan_id"] for f in files}
            if len(laporan) < 2:
                continue
            orang = {f["laporan__pegawai_id"] for f in files}
            people = self.pegawai(orang)
            last = files[-1]
            out.append({
                "jenis": rules.BUKTI, "kunci": f"{rules.BUKTI}:{sha[:40]}", "pegawai_id": last["laporan__pegawai_id"],
                "judul": "Berkas bukti yang sama dipakai di beberapa laporan",
                "ringkasan": (f"Berkas dengan isi identik (SHA-256 {sha[:12]}…) dilampirkan pada {len(laporan)} laporan"
                              + (f" milik {len(orang)} pegawai." if len(orang) > 1 else " yang berbeda tanggal.")),
                "bukti": {"sha256": sha, "rincian": [
                    {"laporan": [f["laporan_id"]], "tanggal": [f["laporan__tanggal"].isoformat()],
                     "pegawai": people.get(f["laporan__pegawai_id"], {}).get("nama_lengkap"),
                     "berkas": f["nama_asli"], "diunggah": timezone.localtime(f["created_at"]).isoformat()}
                    for f in files[:MAKS_BUKTI]]},
                "skor": 85 if len(orang) > 1 else 65, "laporan_ids": sorted(laporan)})
        return self.simpan(out)

    # --- 3. implausible hours --------------------------------------------------------------------------------------
    def _bulan_diubah(self) -> dict[int, set[dt.date]]:
        per: dict[int, set[dt.date]] = defaultdict(set)
        for pid, b in self.laporan_diubah().annotate(b=TruncMonth("tanggal")).values_list("pegawai_id", "b").distinct():
            per[pid].add(b.date() if isinstance(b, dt.datetime) else b)
        return per

    def jam(self) -> int:
        per = self._bulan_diubah()
        bulan_set: dict[dt.date, list[int]] = defaultdict(list)
        for pid, months in per.items():
            for b in months:
                bulan_set[b].append(pid)
        out = []
        for b, pids in bulan_set.items():
            menit: dict[int, dict[dt.date, int]] = defaultdict(dict)
            for i in range(0, len(pids), 2000):
                for r in (LaporanHarian.objects.filter(pegawai_id__in=pids[i:i + 2000], tanggal__gte=b,
                                                       tanggal__lte=rules.akhir_bulan(b), status__in=TERKIRIM)
                          .values("pegawai_id", "tanggal").annotate(m=Sum("durasi_menit"))
                          .filter(m__gt=self.ambang.jam_harian_maks * 60).order_by()):
                    menit[r["pegawai_id"]][r["tanggal"]] = r["m"] or 0
            for pid, days in menit.items():
                lebih = rules.hari_jam_berlebih(days, self.ambang)
                if len(lebih) < self.ambang.jam_min_hari:
                    continue
                ids = list(LaporanHarian.objects.filter(pegawai_id=pid, tanggal__in=list(lebih),
                                                        status__in=TERKIRIM).values_list("pk", flat=True))
                out.append({
                    "jenis": rules.JAM, "kunci": f"{rules.JAM}:{pid}:{b:%Y-%m}", "pegawai_id": pid,
                    "judul": f"Jam kerja lebih dari {self.ambang.jam_harian_maks} jam sehari pada {len(lebih)} hari",
                    "ringkasan": (f"Pada {len(lebih)} hari di bulan {b:%m-%Y} total jam laporan melebihi "
                                  f"{self.ambang.jam_harian_maks} jam (hari kerja normal 7,5 jam, Perpres 21/2023)."),
                    "bukti": {"rincian": [{"laporan": [], "tanggal": [d.isoformat()], "jam": round(m / 60, 1)}
                                          for d, m in lebih.items()]},
                    "skor": min(95, 50 + 10 * len(lebih)), "laporan_ids": ids})
        return self.simpan(out)

    # --- 4. backfill bursts before deadlines -------------------------------------------------------------------
    def mundur(self) -> int:
        awal_hari = dt.datetime.combine(timezone.localdate(self.sejak), dt.time.min,
                                        tzinfo=timezone.get_current_timezone())
        base = LaporanHarian.objects.filter(instansi=self.instansi, diajukan_pada__gte=awal_hari, status__in=TERKIRIM)
        ramai = list(base.annotate(d=TruncDate("diajukan_pada")).values("pegawai_id", "d").annotate(n=Count("pk"))
                     .filter(n__gte=self.ambang.mundur_min_laporan).values_list("pegawai_id", "d").order_by())
        rows = []
        for pid, d in ramai:  # a handful of busy pegawai-days: load just those reports
            start = dt.datetime.combine(d, dt.time.min, tzinfo=timezone.get_current_timezone())
            rows += list(base.filter(pegawai_id=pid, diajukan_pada__gte=start,
                                     diajukan_pada__lt=start + dt.timedelta(days=1))
                         .values("pk", "pegawai_id", "tanggal", "diajukan_pada"))
        if not rows:
            return 0
        batas = set()
        for j in JadwalEvaluasi.objects.filter(instansi=self.instansi).values("batas_penilaian", "tanggal_selesai"):
            batas |= {j["batas_penilaian"], j["tanggal_selesai"]}
        per: dict[tuple[int, dt.date], list[dict]] = defaultdict(list)
        for r in rows:
            per[(r["pegawai_id"], timezone.localtime(r["diajukan_pada"]).date())].append(r)
        out = []
        for (pid, kirim), items in per.items():
            deadline = rules.mundur_massal([r["tanggal"] for r in items], kirim, batas, self.ambang)
            if deadline is None:
                continue
            lama = sorted((r for r in items if (kirim - r["tanggal"]).days > self.ambang.mundur_min_hari),
                          key=lambda r: r["tanggal"])
            out.append({
                "jenis": rules.MUNDUR, "kunci": f"{rules.MUNDUR}:{pid}:{kirim.isoformat()}", "pegawai_id": pid,
                "judul": f"{len(lama)} laporan lama dikirim sekaligus menjelang batas {deadline:%d-%m-%Y}",
                "ringkasan": (f"Pada {kirim:%d-%m-%Y} dikirim {len(lama)} laporan untuk tanggal "
                              f"{lama[0]['tanggal']:%d-%m-%Y} s.d. {lama[-1]['tanggal']:%d-%m-%Y}, "
                              f"{(deadline - kirim).days} hari sebelum batas {deadline:%d-%m-%Y}."),
                "bukti": {"dikirim": kirim.isoformat(), "batas": deadline.isoformat(), "rincian": [
                    {"laporan": [r["pk"]], "tanggal": [r["tanggal"].isoformat()],
                     "diajukan": timezone.localtime(r["diajukan_pada"]).isoformat()} for r in lama[:MAKS_BUKTI]]},
                "skor": min(90, 40 + 2 * len(lama)), "laporan_ids": [r["pk"] for r in lama]})
        return self.simpan(out)

    # --- 5. rubber-stamp approvals ---------------------------------------------------------------------------------
    def kilat(self) -> int:
        bulan, b = [], timezone.localdate(self.sejak).replace(day=1)
        while b <= self.today:
            bulan.append(b)
            b = rules.akhir_bulan(b) + dt.timedelta(days=1)
        out = []
        tz = timezone.get_current_timezone()
        a = self.ambang
        for b in sorted(bulan):
            start = dt.datetime.combine(b, dt.time.min, tzinfo=tz)
            end = dt.datetime.combine(rules.akhir_bulan(b) + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
            base = LaporanHarian.objects.filter(  # the date bounds let the (instansi, tanggal) index do the work
                instansi=self.instansi, tanggal__gte=b - dt.timedelta(days=62), tanggal__lte=rules.akhir_bulan(b),
                ditinjau_pada__gte=start, ditinjau_pada__lt=end, ditinjau_oleh__isnull=False)
            # only reviewers with enough reviews and not a single one returned can be rubber-stamping
            calon = [r["ditinjau_oleh_id"] for r in base.values("ditinjau_oleh_id").annotate(
                n=Count("pk"), rev=Count("pk", filter=Q(jumlah_revisi__gt=0) | ~Q(status=StatusLaporan.DISETUJUI)))
                .order_by() if r["n"] >= a.kilat_min_laporan and r["rev"] == 0]
            per: dict[int, list[dict]] = defaultdict(list)
            for r in base.filter(ditinjau_oleh_id__in=calon).values("pk", "ditinjau_oleh_id", "ditinjau_pada",
                                                                   "status", "jumlah_revisi"):
                per[r["ditinjau_oleh_id"]].append(r)
            for uid, rows in per.items():
                pola = rules.pola_persetujuan(
                    [(r["ditinjau_pada"], r["status"] == StatusLaporan.DISETUJUI and not r["jumlah_revisi"])
                     for r in rows], a)
                if not rules.stempel_karet(pola, a):
                    continue
                pid = Pegawai.objects.filter(user_id=uid).values_list("pk", flat=True).first()
                contoh = sorted(r["ditinjau_pada"] for r in rows)[:10]
                out.append({
                    "jenis": rules.KILAT, "kunci": f"{rules.KILAT}:{uid}:{b:%Y-%m}", "pegawai_id": pid,
                    "judul": f"Menyetujui {pola.disetujui} laporan tanpa satu pun revisi, beruntun dalam hitungan detik",
                    "ringkasan": (f"Bulan {b:%m-%Y}: {pola.n} laporan ditinjau, 100% disetujui; "
                                  f"{pola.porsi_beruntun:.0f}% persetujuan diberikan kurang dari {a.kilat_detik} "
                                  f"detik setelah persetujuan sebelumnya (median jeda {pola.median_detik} detik)."),
                    "bukti": {"ditinjau": pola.n, "disetujui": pola.disetujui, "beruntun": pola.beruntun,
                              "median_detik": pola.median_detik, "rincian": [
                                  {"laporan": [], "tanggal": [timezone.localtime(t).isoformat()]} for t in contoh]},
                    "skor": 75, "laporan_ids": [r["pk"] for r in rows][:200]})
        return self.simpan(out)

    # --- 6. far from the work location -----------------------------------------------------------------------------
    def lokasi(self) -> int:
        rows = list(self.laporan_diubah().filter(latitude__isnull=False, longitude__isnull=False)
                    .values("pk", "pegawai_id", "tanggal", "latitude", "longitude", "unit_kerja_id", "program_id"))
        if not rows:
            return 0
        units = {u["pk"]: u for u in UnitKerja.objects.filter(
            pk__in={r["unit_kerja_id"] for r in rows}, latitude__isnull=False, longitude__isnull=False)
            .values("pk", "latitude", "longitude", "nama")}
        programs = {p["pk"]: p for p in ProgramKegiatan.objects.filter(
            pk__in={r["program_id"] for r in rows if r["program_id"]}, latitude__isnull=False,
            longitude__isnull=False).values("pk", "latitude", "longitude", "nama")}
        pids = {r["pegawai_id"] for r in rows}
        geo: dict[int, list[tuple[float, float]]] = defaultdict(list)
        for pid, la, lo in (LaporanHarian.objects.filter(pegawai_id__in=list(pids), latitude__isnull=False,
                                                         longitude__isnull=False,
                                                         tanggal__gte=self.today - dt.timedelta(days=90))
                            .values_list("pegawai_id", "latitude", "longitude")):
            geo[pid].append((float(la), float(lo)))
        per: dict[tuple[int, dt.date], list[dict]] = defaultdict(list)
        for r in rows:
            ref, asal = None, ""
            if r["unit_kerja_id"] in units:
                u = units[r["unit_kerja_id"]]
                ref, asal = (float(u["latitude"]), float(u["longitude"])), f"lokasi unit {u['nama']}"
            elif r["program_id"] in programs:
                p = programs[r["program_id"]]
                ref, asal = (float(p["latitude"]), float(p["longitude"])), f"lokasi program {p['nama']}"
            elif len(geo[r["pegawai_id"]]) >= rules.MIN_GEOTAG_PUSAT:
                ref, asal = rules.titik_tengah(geo[r["pegawai_id"]]), "lokasi yang biasa dilaporkan pegawai ini"
            if ref is None:
                continue
            km = rules.jarak_km(float(r["latitude"]), float(r["longitude"]), ref[0], ref[1])
            if km > self.ambang.lokasi_jarak_km:
                per[(r["pegawai_id"], rules.awal_bulan(r["tanggal"]))].append({**r, "km": km, "asal": asal,
                                                                               "ref": ref})
        out = []
        for (pid, b), items in per.items():
            items.sort(key=lambda r: -r["km"])
            out.append({
                "jenis": rules.LOKASI, "kunci": f"{rules.LOKASI}:{pid}:{b:%Y-%m}", "pegawai_id": pid,
                "judul": f"{len(items)} laporan dikirim {items[0]['km']:.0f} km dari tempat kerja",
                "ringkasan": (f"{len(items)} laporan bulan {b:%m-%Y} bertanda lokasi lebih dari "
                              f"{self.ambang.lokasi_jarak_km} km dari {items[0]['asal']}."),
                "bukti": {"rincian": [
                    {"laporan": [r["pk"]], "tanggal": [r["tanggal"].isoformat()], "jarak_km": r["km"],
                     "lokasi": [float(r["latitude"]), float(r["longitude"])],
                     "acuan": [round(r["ref"][0], 6), round(r["ref"][1], 6)], "acuan_asal": r["asal"]}
                    for r in items[:MAKS_BUKTI]]},
                "skor": 70 if items[0]["km"] > 4 * self.ambang.lokasi_jarak_km else 55,
                "laporan_ids": [r["pk"] for r in items]})
        return self.simpan(out)

    # --- tell Inspektorat ---------------------------------------------------------------------------------------------
    def beri_tahu(self) -> None:
        if not self.baru:
            return
        users = get_user_model().objects.filter(pk__in=PeranPengguna.objects.filter(
            instansi=self.instansi, peran=Peran.INSPEKTORAT).values("user_id"))
        for user in users:
            notifikasi_create(user=user, judul=f"{self.baru} anomali integritas baru",
                              pesan="Periksa bukti dan catat hasil verifikasi di ruang kerja Inspektorat.",
                              url=reverse("pengawasan:inspektorat"), jenis="anomali")
