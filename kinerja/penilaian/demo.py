"""The demo's evaluations (runs after perencanaan, laporan and partisipasi; `ctx.shared["periode"]` is this year's
period):

- the last periodic window that has ended (late November: Triwulan III) fully evaluated for every pegawai with an
  approved SKP, with a realistic distribution (about 70 % Baik), suggestions computed from realisasi (approved
  reports plus a manual recap of the weeks before daily reports were used), departures recorded, nearly all
  finalised; predikat organisasi for every OPD and the demo puskesmas;
- the current window in progress for the demo atasan's team and a sample of Dinas Kesehatan: open evaluations,
  some self-assessments, peer feedback (the demo pegawai has ≥ 3 answers, so her summary shows; she has an
  invitation of her own to answer);
- a dialog kinerja history for the demo atasan's team (monthly 1:1 and team meetings with notes, attendance and
  action items, some still open) and upcoming meetings;
- two keberatan in Dinas Kesehatan: one waiting for the Kepala Dinas (the demo pimpinan OPD), one decided.

Bulk inserts with explicit ids (no audit entries: the seed is not a user action); about 15 s for 20,000 pegawai on
SQLite.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from decimal import Decimal
from functools import partial

from auditlog.context import disable_auditlog
from django.db import connection, models
from django.utils import timezone

from kinerja.organisasi.models import Pegawai, UnitKerja
from kinerja.organisasi.selectors import bawahan_langsung
from kinerja.penilaian import rules
from kinerja.penilaian.models import (
    DialogKinerja,
    Evaluasi,
    Keberatan,
    PenilaianDiri,
    PenilaianDiriRhk,
    PenilaianPerilaku,
    PenilaianRhk,
    PenilaiRekan,
    PesertaDialog,
    PredikatOrganisasiUnit,
    RealisasiManual,
    Respon360,
    TindakLanjut,
)
from kinerja.penilaian.selectors import realisasi_massal
from kinerja.perencanaan.models import (
    IndikatorKinerja,
    JadwalEvaluasi,
    RencanaHasilKerja,
    SasaranKinerjaPegawai,
)
from kinerja.perencanaan.rules import NILAI_KODE

BATCH = 2000
UB_DI_ATAS = ["Melampaui target dengan inisiatif sendiri.", "Hasil kerja rapi dan selesai lebih cepat.",
              "Menjadi rujukan rekan dalam pekerjaan ini."]
UB_DI_BAWAH = ["Target belum tercapai; perlu rencana aksi bulanan.", "Laporan sering terlambat; mohon perbaiki.",
               "Kualitas hasil perlu ditingkatkan; ikuti pendampingan."]
UB_PK_DI_ATAS = ["Aktif membantu rekan dan warga tanpa diminta.", "Memberi contoh yang baik bagi tim."]
UB_PK_DI_BAWAH = ["Beberapa kali tidak hadir tanpa keterangan.", "Perlu memperbaiki sikap dalam melayani warga."]
REFLEKSI = ["Target triwulan ini sebagian besar tercapai; kendala utama jadwal posyandu yang bergeser.",
            "Saya menyelesaikan semua laporan tepat waktu dan mulai membantu rekan baru.",
            "Capaian di bawah target karena cuti sakit dua minggu; sudah saya kejar di bulan terakhir.",
            "Pekerjaan berjalan sesuai rencana; saya ingin mengikuti pelatihan untuk meningkatkan kualitas."]
KENDALA = ["Jaringan internet di lokasi sering putus.", "Stok vaksin terlambat datang.", "", "Kendaraan dinas terbatas."]
KOMENTAR_360 = ["Selalu siap membantu ketika tim kewalahan.", "Komunikasi dengan warga ramah dan jelas.",
                "Kadang terlambat memperbarui data, selebihnya baik.", "Terbuka menerima masukan.",
                "Perlu lebih aktif di rapat tim.", ""]


def seed(ctx) -> None:
    periode = ctx.shared.get("periode")
    if periode is None or ctx.instansi is None:
        return
    jadwal = list(JadwalEvaluasi.objects.filter(periode=periode).order_by("nomor"))
    periodic = [j for j in jadwal if not j.is_final]
    today = ctx.today
    past = [j for j in periodic if j.tanggal_selesai < today]
    current = next((j for j in periodic if j.tanggal_mulai <= today <= j.tanggal_selesai), None)
    data = _Data.load(ctx, periode)
    if not data.skp:
        return
    with disable_auditlog():
        _predikat_organisasi(ctx, periode, data)
        if past:
            _evaluate_past(ctx, data, past[-1])
        if current is not None:
            _current(ctx, data, current)
        _dialog(ctx, data)


class _Data:
    """Everything the seed needs, loaded in a handful of queries."""

    @classmethod
    def load(cls, ctx, periode):
        self = cls()
        self.ctx, self.periode = ctx, periode
        self.skp = list(SasaranKinerjaPegawai.objects.filter(periode=periode, status="disetujui", aktif=True,
                                                             pegawai__status="aktif")
                        .select_related("pegawai__jabatan")
                        .only("id", "periode_id", "pegawai_id", "jabatan_nama", "unit_kerja_id", "unit_kerja_nama",
                              "pangkat_golongan", "pejabat_penilai_id", "pejabat_penilai_snapshot",
                              "atasan_pejabat_penilai_id", "atasan_pejabat_penilai_snapshot",
                              "pegawai__id", "pegawai__nama", "pegawai__gelar_depan", "pegawai__gelar_belakang",
                              "pegawai__instansi_id", "pegawai__user_id", "pegawai__opd_id", "pegawai__unit_kerja_id",
                              "pegawai__jabatan_id", "pegawai__jabatan__id", "pegawai__jabatan__jenis",
                              "pegawai__jabatan__jenjang", "pegawai__jabatan__path", "pegawai__jabatan__nama")
                        .order_by("pegawai_id"))
        penilai_ids = {s.pejabat_penilai_id for s in self.skp if s.pejabat_penilai_id}
        self.user_of = dict(Pegawai.objects.filter(pk__in=penilai_ids).values_list("pk", "user_id"))
        ids = [s.pk for s in self.skp]
        self.rhk = defaultdict(list)
        for r in RencanaHasilKerja.objects.filter(skp_id__in=ids).values("id", "skp_id").order_by("skp_id", "jenis",
                                                                                                   "urutan", "id"):
            self.rhk[r["skp_id"]].append(r["id"])
        self.ind = defaultdict(list)
        for i in IndikatorKinerja.objects.filter(rhk__skp_id__in=ids).values("id", "rhk_id", "aspek", "target",
                                                                              "satuan").order_by("rhk_id", "id"):
            self.ind[i["rhk_id"]].append(i)
        accounts = ctx.accounts
        self.demo = {role: Pegawai.objects.filter(user=accounts[role]).select_related(
            "jabatan", "unit_kerja").first() for role in ("pegawai", "atasan", "pimpinan_opd") if role in accounts}
        self.bupati = accounts.get("pimpinan_daerah")
        self.by_pegawai = {s.pegawai_id: s for s in self.skp}
        self.tim = bawahan_langsung(self.demo["atasan"], ctx.today) if self.demo.get("atasan") else []
        return self


# --- bulk insert ------------------------------------------------------------------------------------------------
def _next_id(model) -> int:
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1


def _insert(model, rows: list[dict]) -> None:
    """INSERT rows (attname → value dicts, ids included) with executemany; missing fields take their default.
    Several times faster than bulk_create for hundreds of thousands of rows; the id sequence is reset after."""
    if not rows:
        return
    from django.core.management.color import no_style

    ops = connection.ops
    fields = list(model._meta.concrete_fields)
    def decimal(v, f):
        return ops.adapt_decimalfield_value(v, f.max_digits, f.decimal_places)

    def prep(v, f):
        return f.get_db_prep_value(v, connection)

    plan = []
    for f in fields:
        if isinstance(f, models.DateTimeField):
            fn = ops.adapt_datetimefield_value
        elif isinstance(f, models.DateField):
            fn = ops.adapt_datefield_value
        elif isinstance(f, models.DecimalField):
            fn = partial(decimal, f=f)
        elif isinstance(f, models.UUIDField | models.JSONField):
            fn = partial(prep, f=f)
        else:
            fn = None
        default = timezone.now() if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) \
            else f.get_default()
        plan.append((f.attname, fn, fn(default) if default is not None and fn is not None else default))
    data = [[(fn(row[a]) if fn is not None and row[a] is not None else row[a]) if a in row else d
             for a, fn, d in plan] for row in rows]
    qn = ops.quote_name
    sql = (f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "  # noqa: S608
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        for i in range(0, len(data), BATCH):
            cursor.executemany(sql, data[i:i + BATCH])
        if not isinstance(model._meta.pk, models.UUIDField):
            for stmt in ops.sequence_reset_sql(no_style(), [model]):
                cursor.execute(stmt)


def _aware(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


# --- predikat organisasi -------------------------------------------------------------------------------------------
def _predikat_organisasi(ctx, periode, data: _Data) -> None:
    rng = ctx.rng
    opd = list(UnitKerja.objects.filter(instansi=ctx.instansi, induk__isnull=True).order_by("kode"))
    if data.bupati is None:
        return
    rows = []
    next_id = _next_id(PredikatOrganisasiUnit)
    for u in opd:
        x = rng.random()
        predikat = "istimewa" if x < 0.12 else ("baik" if x < 0.85 else "butuh_perbaikan")
        if u.kode == "DINKES":
            predikat = "baik"
        rows.append({"id": next_id + len(rows), "instansi_id": ctx.instansi.pk, "periode_id": periode.pk,
                     "unit_kerja_id": u.pk, "predikat": predikat, "ditetapkan_oleh_id": data.bupati.pk,
                     "catatan": "Berdasarkan capaian Perjanjian Kinerja triwulan berjalan dan rekomendasi Bappeda."})
    _insert(PredikatOrganisasiUnit, rows)


# --- the past window, fully evaluated ---------------------------------------------------------------------------------
def _pick(rng: random.Random, saran: str | None, follow: float = 0.85) -> str:
    if saran is None:
        saran = "sesuai"
    if rng.random() < follow:
        return saran
    return {"di_atas": "sesuai", "sesuai": rng.choice(["di_atas", "di_bawah"]), "di_bawah": "sesuai"}[saran]


def _evaluate_past(ctx, data: _Data, tw: JadwalEvaluasi) -> None:
    rng = ctx.rng
    bulan = max(1, (tw.tanggal_selesai.year - tw.tanggal_mulai.year) * 12 + tw.tanggal_selesai.month
                - tw.tanggal_mulai.month + 1)
    ind_ids = [i["id"] for rid_list in data.rhk.values() for rid in rid_list for i in data.ind[rid]]
    dari_laporan = realisasi_massal(indikator_ids=None, dari=tw.tanggal_mulai, sampai=tw.tanggal_selesai,
                                    instansi_id=ctx.instansi.pk)
    del ind_ids
    opd_predikat = dict(PredikatOrganisasiUnit.objects.filter(periode=data.periode).values_list("unit_kerja_id",
                                                                                                 "predikat"))
    ev_id, rhk_id, pk_id, rm_id, pd_id = (_next_id(m) for m in (Evaluasi, PenilaianRhk, PenilaianPerilaku,
                                                                 RealisasiManual, PenilaianDiri))
    evs, rhks, pks, manual, diri = [], [], [], [], []
    recap_user = data.bupati.pk if data.bupati else None
    demo_pegawai = data.demo.get("pegawai")
    # one of the demo atasan's staff had a weak quarter (their keberatan waits for the Kepala Dinas), and so did
    # someone elsewhere in Dinas Kesehatan (their keberatan was refused)
    tim_ids = {p.pk for p in data.tim}
    lemah = {next((p.pk for p in reversed(data.tim) if p.pk in data.by_pegawai
                   and (demo_pegawai is None or p.pk != demo_pegawai.pk)), None)}
    pimpinan = data.demo.get("pimpinan_opd")
    if pimpinan is not None:
        dinkes = [s for s in data.skp if s.pegawai.opd_id == pimpinan.opd_id and s.pegawai_id not in tim_ids
                  and s.pegawai_id != pimpinan.pk and s.atasan_pejabat_penilai_id]
        if None in lemah:  # no weak team member: the waiting keberatan goes to another whom the Kepala Dinas decides
            lemah.add(next((s.pegawai_id for s in dinkes if s.atasan_pejabat_penilai_id == pimpinan.pk), None))
        lemah.add(next((s.pegawai_id for s in dinkes if s.pegawai_id not in lemah), None))
    keberatan_candidates = []
    for s in data.skp:
        p = s.pegawai
        kinerja = "di_atas" if (x := rng.random()) < 0.16 else ("di_bawah" if x > 0.89 else "sesuai")
        base = {"di_atas": 1.25, "sesuai": 1.0, "di_bawah": 0.66}[kinerja]
        if demo_pegawai is not None and p.pk == demo_pegawai.pk:
            base = 1.02
        if p.pk in lemah:
            kinerja, base = "di_bawah", 0.55
        rhk_rows, semua = [], []
        for rid in data.rhk[s.pk]:
            caps = []
            for i in data.ind[rid]:
                if i["aspek"] not in ("kuantitas", "kualitas"):
                    continue
                target = float(i["target"])
                tp = rules.target_periode(i["aspek"], target, bulan)
                want = max(0.0, tp * max(0.3, rng.gauss(base, 0.08)))
                if i["aspek"] == "kualitas":
                    want = min(want, target)
                got = float(dari_laporan.get(i["id"], 0))
                add = max(0.0, round(want - got, 2))
                if add > 0 and recap_user:
                    manual.append({"id": rm_id + len(manual), "instansi_id": ctx.instansi.pk, "indikator_id": i["id"],
                                   "jadwal_id": tw.pk, "nilai": Decimal(f"{add:.2f}"), "dicatat_oleh_id": p.user_id
                                   or recap_user, "keterangan": "Rekap sebelum laporan harian digunakan"})
                c = rules.capaian_aspek(i["aspek"], tp, got + add)
                if c is not None:
                    caps.append(c)
            semua += caps
            rhk_rows.append((rid, rules.saran_rating(caps), sum(caps) / len(caps) if caps else None))
        saran_hk = rules.saran_rating(semua)
        x = rng.random()
        status = "difinalisasi" if x < 0.9 else ("dinilai" if x < 0.96 else "draf")
        if (demo_pegawai is not None and p.pk == demo_pegawai.pk) or p.pk in lemah:
            status = "difinalisasi"
        eid = ev_id + len(evs)
        row = _evaluasi_row(ctx, s, tw, eid, status)
        if status != "draf":
            menyimpang = False
            for rid, saran, cap in rhk_rows:
                r = _pick(rng, saran.value if saran else None, 0.95)
                menyimpang |= saran is not None and r != saran
                rhks.append({"id": rhk_id + len(rhks), "instansi_id": ctx.instansi.pk, "evaluasi_id": eid,
                             "rhk_id": rid, "rating": r, "saran": saran.value if saran else "",
                             "capaian": None if cap is None else Decimal(f"{min(cap, 99999):.2f}"),
                             "umpan_balik": rng.choice(UB_DI_ATAS if r == "di_atas" else UB_DI_BAWAH)
                             if r != "sesuai" else ""})
            hk = _pick(rng, saran_hk.value if saran_hk else None, 1.0 if p.pk in lemah else 0.93)
            # behaviour tends to go with performance: strong performers more often role models
            tendency = rng.random()
            atas = 0.6 if kinerja == "di_atas" and tendency < 0.5 else (0.3 if tendency < 0.08 else 0.04)
            bawah = 0.55 if tendency > 0.96 else 0.02
            if p.pk in lemah:
                atas = bawah = 0.0
            values = []
            for kode in NILAI_KODE:
                y = rng.random()
                v = "di_atas" if y < atas else ("di_bawah" if y > 1 - bawah else "sesuai")
                values.append(v)
                pks.append({"id": pk_id + len(pks), "instansi_id": ctx.instansi.pk, "evaluasi_id": eid,
                            "nilai": kode, "rating": v,
                            "umpan_balik": rng.choice(UB_PK_DI_ATAS if v == "di_atas" else UB_PK_DI_BAWAH)
                            if v != "sesuai" else ""})
            saran_pk = rules.saran_rating_perilaku(values)
            pk = _pick(rng, saran_pk.value if saran_pk else None, 1.0 if p.pk in lemah else 0.95)
            predikat = rules.predikat_kinerja(hk, pk).value
            dinilai = _aware(tw.tanggal_selesai + dt.timedelta(days=rng.randint(2, 10)), rng.randint(8, 15))
            row.update({"rating_hasil_kerja": hk, "rating_perilaku_kerja": pk,
                        "saran_hasil_kerja": saran_hk.value if saran_hk else "",
                        "saran_perilaku_kerja": saran_pk.value if saran_pk else "",
                        "menyimpang_dari_saran": menyimpang or (saran_hk is not None and hk != saran_hk)
                        or (saran_pk is not None and pk != saran_pk),
                        "capaian_rerata": None if not semua else Decimal(f"{min(sum(semua) / len(semua), 99999):.2f}"),
                        "predikat": predikat, "dinilai_pada": dinilai,
                        "dinilai_oleh_id": data.user_of.get(s.pejabat_penilai_id),
                        "umpan_balik_hasil_kerja": "" if hk == "sesuai" else rng.choice(
                            UB_DI_ATAS if hk == "di_atas" else UB_DI_BAWAH)})
            if status == "difinalisasi":
                final = dinilai + dt.timedelta(days=rng.randint(2, 8))
                row.update({"difinalisasi_pada": final, "difinalisasi_oleh_id": row["dinilai_oleh_id"],
                            "batas_keberatan": timezone.localtime(final).date() + dt.timedelta(days=14),
                            "predikat_organisasi": opd_predikat.get(p.opd_id or p.unit_kerja_id, "")})
                if predikat in ("butuh_perbaikan", "kurang") and p.opd_id == (data.demo.get("pimpinan_opd") and
                                                                              data.demo["pimpinan_opd"].opd_id):
                    keberatan_candidates.append(row)
        if rng.random() < 0.7 or (demo_pegawai is not None and p.pk == demo_pegawai.pk):
            diri.append({"id": pd_id + len(diri), "instansi_id": ctx.instansi.pk, "evaluasi_id": eid,
                         "refleksi": rng.choice(REFLEKSI), "kendala": rng.choice(KENDALA),
                         "diajukan_pada": _aware(tw.tanggal_selesai + dt.timedelta(days=rng.randint(0, 3)), 16)})
        evs.append(row)
    _insert(Evaluasi, evs)
    _insert(PenilaianRhk, rhks)
    _insert(PenilaianPerilaku, pks)
    _insert(RealisasiManual, manual)
    _insert(PenilaianDiri, diri)
    _keberatan(ctx, data, keberatan_candidates)
    _rekan_past(ctx, data, tw)


def _evaluasi_row(ctx, s: SasaranKinerjaPegawai, jadwal: JadwalEvaluasi, eid: int, status: str) -> dict:
    p = s.pegawai
    return {"id": eid, "instansi_id": ctx.instansi.pk, "jadwal_id": jadwal.pk, "periode_id": s.periode_id,
            "pegawai_id": p.pk, "skp_id": s.pk, "status": status, "is_tahunan": jadwal.is_final,
            "jabatan_id": p.jabatan_id, "jabatan_nama": s.jabatan_nama or (p.jabatan.nama if p.jabatan_id else ""),
            "jenis_jabatan": p.jabatan.jenis if p.jabatan_id else "",
            "jenjang": p.jabatan.jenjang if p.jabatan_id else "", "unit_kerja_id": s.unit_kerja_id,
            "unit_kerja_nama": s.unit_kerja_nama, "opd_id": p.opd_id, "pangkat_golongan": s.pangkat_golongan,
            "pejabat_penilai_id": s.pejabat_penilai_id, "pejabat_penilai_snapshot": s.pejabat_penilai_snapshot,
            "atasan_pejabat_penilai_id": s.atasan_pejabat_penilai_id,
            "atasan_pejabat_penilai_snapshot": s.atasan_pejabat_penilai_snapshot}


def _keberatan(ctx, data: _Data, candidates: list[dict]) -> None:
    """Two objections in Dinas Kesehatan: one waiting for a decision, one refused."""
    if not candidates:
        return
    rng = ctx.rng
    tim_ids = {p.pk for p in data.tim}
    pimpinan = data.demo.get("pimpinan_opd")
    # the waiting one (first) is decided by the demo pimpinan OPD: the demo team's first, else anyone they decide for
    candidates.sort(key=lambda r: (pimpinan is None or r["atasan_pejabat_penilai_id"] != pimpinan.pk,
                                   r["pegawai_id"] not in tim_ids, r["id"]))
    next_id = _next_id(Keberatan)
    rows = []
    for n, ev in enumerate(candidates[:2]):
        filed = ev["difinalisasi_pada"] + dt.timedelta(days=rng.randint(2, 6))
        decided = n == 1
        rows.append({"id": next_id + n, "instansi_id": ctx.instansi.pk, "evaluasi_id": ev["id"],
                     "alasan": "Realisasi kegiatan posyandu bulan Agustus belum terhitung karena laporan saya "
                               "tertahan di atasan. Mohon ditinjau kembali.",
                     "status": "ditolak" if decided else "diajukan", "predikat_semula": ev["predikat"],
                     "predikat_baru": ev["predikat"] if decided else "", "pemutus_id": ev["atasan_pejabat_penilai_id"],
                     "keputusan": "Realisasi Agustus sudah dihitung dari rekap manual; predikat tetap." if decided
                     else "", "diputuskan_pada": filed + dt.timedelta(days=5) if decided else None,
                     "created_at": filed, "updated_at": filed})
        Evaluasi.objects.filter(pk=ev["id"]).update(status="diputuskan" if decided else "keberatan")
    _insert(Keberatan, rows)


def _rekan_past(ctx, data: _Data, tw: JadwalEvaluasi) -> None:
    """Peer feedback in the past window for the demo atasan's team: invitations all answered."""
    evs = {e.pegawai_id: e for e in Evaluasi.objects.filter(jadwal=tw, pegawai__in=data.tim)}
    _rekan(ctx, data, evs, answered_share=1.0)


def _rekan(ctx, data: _Data, evs: dict[int, Evaluasi], answered_share: float, force_for: int | None = None,
           invite_demo: int | None = None) -> None:
    rng = ctx.rng
    team = list(data.tim)
    if len(team) < 5:  # a small puskesmas: colleagues from the same OPD complete the pool
        opd = team[0].opd_id if team else None
        known = {p.pk for p in team}
        team += [s.pegawai for s in data.skp if s.pegawai.opd_id == opd and s.pegawai_id not in known][:8]
    if len(team) < 4:
        return
    inv_id = _next_id(PenilaiRekan)
    invs, resps = [], []
    for pid, ev in evs.items():
        pool = [p for p in team if p.pk != pid]
        raters = rng.sample(pool, min(len(pool), 4))
        if invite_demo and pid != invite_demo and invite_demo not in [r.pk for r in raters] and len(invs) < 200:
            demo_p = next((p for p in team if p.pk == invite_demo), None)
            if demo_p is not None and pid == next(iter(evs)):
                raters = raters[:3] + [demo_p]
        for k, r in enumerate(raters):
            pending = r.pk == invite_demo  # the demo pegawai still has to answer
            answered = not pending and (pid == force_for and k < 3 or rng.random() < answered_share)
            invs.append({"id": inv_id + len(invs), "instansi_id": ctx.instansi.pk, "evaluasi_id": ev.pk,
                         "penilai_id": r.pk, "hubungan": "rekan", "sudah_merespons": answered,
                         "dipilih_oleh_sistem": True})
            if answered:
                values = {kode: (1 if rng.random() < 0.18 else (-1 if rng.random() < 0.05 else 0))
                          for kode in NILAI_KODE}
                komentar = rng.choice(KOMENTAR_360)
                resps.append({"id": uuid.UUID(int=rng.getrandbits(128), version=4), "instansi_id": ctx.instansi.pk,
                              "evaluasi_id": ev.pk, "komentar": komentar, "status_komentar": "tampil", **values})
    rng.shuffle(resps)  # no order of arrival anywhere
    _insert(PenilaiRekan, invs)
    _insert(Respon360, resps)


# --- the current window ------------------------------------------------------------------------------------------------
def _current(ctx, data: _Data, tw: JadwalEvaluasi) -> None:
    rng = ctx.rng
    people = list(data.tim)
    for role in ("atasan",):
        if data.demo.get(role):
            people.append(data.demo[role])
    pimpinan = data.demo.get("pimpinan_opd")
    if pimpinan is not None:
        dinkes = [s.pegawai for s in data.skp if s.pegawai.opd_id == pimpinan.opd_id]
        people += rng.sample(dinkes, min(len(dinkes), 60))
    seen, chosen = set(), []
    for p in people:
        if p.pk in data.by_pegawai and p.pk not in seen:
            seen.add(p.pk)
            chosen.append(data.by_pegawai[p.pk])
    ev_id, pd_id, pdr_id = _next_id(Evaluasi), _next_id(PenilaianDiri), _next_id(PenilaianDiriRhk)
    evs, diri, diri_rhk = [], [], []
    demo_pegawai = data.demo.get("pegawai")
    for s in chosen:
        eid = ev_id + len(evs)
        evs.append(_evaluasi_row(ctx, s, tw, eid, "draf"))
        if demo_pegawai is not None and s.pegawai_id == demo_pegawai.pk:
            continue  # left for the demo user to fill in
        if rng.random() < 0.45:
            did = pd_id + len(diri)
            diri.append({"id": did, "instansi_id": ctx.instansi.pk, "evaluasi_id": eid, "refleksi": rng.choice(REFLEKSI),
                         "kendala": rng.choice(KENDALA),
                         "diajukan_pada": _aware(ctx.today - dt.timedelta(days=rng.randint(1, 10)), 15)
                         if rng.random() < 0.8 else None})
            for rid in data.rhk[s.pk][:2]:
                diri_rhk.append({"id": pdr_id + len(diri_rhk), "instansi_id": ctx.instansi.pk,
                                 "penilaian_diri_id": did, "rhk_id": rid,
                                 "refleksi": "Berjalan sesuai rencana aksi; detail di laporan harian."})
    _insert(Evaluasi, evs)
    _insert(PenilaianDiri, diri)
    _insert(PenilaianDiriRhk, diri_rhk)
    tim_ids = {p.pk for p in data.tim}
    team_evs = {e.pegawai_id: e for e in Evaluasi.objects.filter(jadwal=tw, pegawai_id__in=tim_ids)}
    if demo_pegawai is not None and demo_pegawai.pk in team_evs:
        first = {demo_pegawai.pk: team_evs.pop(demo_pegawai.pk)}
        others = dict(list(team_evs.items())[:2])
        if not others:  # a one-person team: colleagues of the same unit, then of the OPD, whose window is open
            open_evs = Evaluasi.objects.filter(jadwal=tw).exclude(pegawai_id=demo_pegawai.pk).order_by("pk")
            picked = (list(open_evs.filter(unit_kerja_id=demo_pegawai.unit_kerja_id)[:2])
                      or list(open_evs.filter(opd_id=demo_pegawai.opd_id)[:2]))
            others = {e.pegawai_id: e for e in picked}
        _rekan(ctx, data, first, answered_share=0.0, force_for=demo_pegawai.pk)
        _rekan(ctx, data, others, answered_share=0.5, invite_demo=demo_pegawai.pk)


# --- dialog kinerja --------------------------------------------------------------------------------------------------
def _dialog(ctx, data: _Data) -> None:
    boss = data.demo.get("atasan")
    if boss is None or not data.tim:
        return
    rng = ctx.rng
    today = ctx.today
    team = data.tim[:8]
    demo_pegawai = data.demo.get("pegawai")
    one = demo_pegawai if demo_pegawai is not None and demo_pegawai.pk in {p.pk for p in data.tim} else team[0]
    d_id, ps_id, tl_id = _next_id(DialogKinerja), _next_id(PesertaDialog), _next_id(TindakLanjut)
    dialogs, peserta, items = [], [], []
    seri_tim, seri_1 = uuid.UUID(int=rng.getrandbits(128), version=4), uuid.UUID(int=rng.getrandbits(128), version=4)

    def add(jenis, judul, mulai, people, status, seri, capaian="", kendala=""):
        did = d_id + len(dialogs)
        dialogs.append({"id": did, "instansi_id": ctx.instansi.pk, "penyelenggara_id": boss.pk, "jenis": jenis,
                        "judul": judul, "mulai": mulai, "durasi_menit": 45 if jenis == "tim" else 30,
                        "tempat": "Ruang rapat UPT" if jenis == "tim" else "Ruang kepala UPT", "status": status,
                        "seri": seri, "agenda": [{"jenis": "tambahan", "teks": "Capaian indikator bulan ini"}],
                        "catatan_capaian": capaian, "catatan_kendala": kendala,
                        "pengingat_dikirim_pada": mulai - dt.timedelta(hours=20) if status == "selesai" else None,
                        "created_at": mulai - dt.timedelta(days=7), "updated_at": mulai})
        for p in people:
            hadir = (rng.random() < 0.9) if status == "selesai" else None
            peserta.append({"id": ps_id + len(peserta), "instansi_id": ctx.instansi.pk, "dialog_id": did,
                            "pegawai_id": p.pk, "hadir": hadir})
        return did

    # four past months: a team meeting and a 1:1 with the demo pegawai, each with notes and action items
    for back in (3, 2, 1, 0):
        month_day = (today.replace(day=1) - dt.timedelta(days=30 * back)).replace(day=1)
        meet = month_day + dt.timedelta(days=(7 - month_day.weekday()) % 7 + 7)  # second Monday or so
        if meet >= today:
            continue
        t = add("tim", "Dialog kinerja tim bulanan", _aware(meet, 9), team, "selesai", seri_tim,
                capaian="Cakupan imunisasi naik; kunjungan rumah ibu hamil sesuai jadwal.",
                kendala="Stok vaksin MR terlambat dua minggu; satu perawat cuti.")
        o = add("individu", f"Dialog kinerja dengan {one.nama}", _aware(meet + dt.timedelta(days=2), 13), [one],
                "selesai", seri_1, capaian="Target posyandu tercapai.", kendala="Input data sering terkendala sinyal.")
        done = back > 1
        items.append({"id": tl_id + len(items), "instansi_id": ctx.instansi.pk, "dialog_id": t,
                      "uraian": "Rekap kohort bayi per desa", "pemilik_id": team[min(1, len(team) - 1)].pk,
                      "batas_waktu": meet + dt.timedelta(days=14),
                      "selesai_pada": _aware(meet + dt.timedelta(days=10), 15) if done else None,
                      "pengingat_dikirim": True})
        items.append({"id": tl_id + len(items), "instansi_id": ctx.instansi.pk, "dialog_id": o,
                      "uraian": "Unggah bukti posyandu yang tertinggal", "pemilik_id": one.pk,
                      "batas_waktu": meet + dt.timedelta(days=9),
                      "selesai_pada": _aware(meet + dt.timedelta(days=8), 11) if back > 0 else None,
                      "pengingat_dikirim": back > 0})
    # upcoming: the next team meeting (recurring) and a 1:1 tomorrow
    nxt = today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
    for k in range(3):
        add("tim", "Dialog kinerja tim bulanan", _aware(_month_later(nxt, k), 9), team, "dijadwalkan", seri_tim)
    add("individu", f"Dialog kinerja dengan {one.nama}", _aware(today + dt.timedelta(days=1), 13), [one],
        "dijadwalkan", None)
    _insert(DialogKinerja, dialogs)
    _insert(PesertaDialog, peserta)
    _insert(TindakLanjut, items)


def _month_later(d: dt.date, n: int) -> dt.date:
    import calendar

    month = d.month - 1 + n
    year = d.year + month // 12
    month = month % 12 + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))
