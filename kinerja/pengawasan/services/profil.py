"""Strengths and weaknesses per pegawai, top performers, and best-practice notes.

`profil_refresh` (daily job) compares each pegawai with peers in comparable positions (same position name and
jenjang, rules.kelompok_jabatan) on:
- achievement per indicator (CapaianIndikator: realisasi against the linear schedule) and on average;
- the BerAKHLAK ratings by the supervisor (latest rated evaluation of the period, §1.4–1.5), by peers (anonymous
  360 responses, only past penilaian's minimum of responses) and by citizens (partisipasi's star ratings, only
  past its minimum of independent ratings).
`teladan_refresh` (daily job) ranks top performers per indicator group and per program (rules.metode_teladan).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState
from kinerja.core.models import Instansi
from kinerja.laporan.models import LaporanHarian, StatusLaporan
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, StatusPegawai
from kinerja.pengawasan import rules
from kinerja.pengawasan.models import (
    CapaianIndikator,
    JenisTeladan,
    PraktikBaik,
    ProfilPegawai,
    StatusPraktik,
    Teladan,
)
from kinerja.pengawasan.services.jejak import hapus
from kinerja.perencanaan.models import PeriodeKinerja
from kinerja.perencanaan.rules import NILAI_CHOICES

NILAI_LABEL = dict(NILAI_CHOICES)
RATING_SKALA = {"di_atas": 100.0, "sesuai": 50.0, "di_bawah": 0.0}
MIN_SEBANDING = 2  # peers (besides the pegawai) needed for a comparison
FOKUS_WARGA = "pelayanan_publik"


def _periode(instansi_id: int, today: dt.date) -> PeriodeKinerja | None:
    return (PeriodeKinerja.objects.filter(instansi_id=instansi_id, tanggal_mulai__lte=today,
                                          tanggal_selesai__gte=today).order_by("-tahun").first())


# --- inputs ---------------------------------------------------------------------------------------------------------
def _rating_atasan(periode: PeriodeKinerja) -> dict[int, dict[str, float]]:
    """pegawai -> BerAKHLAK value -> 0/50/100 from their latest rated evaluation of the period."""
    from kinerja.penilaian.models import PenilaianPerilaku, StatusEvaluasi

    out: dict[int, dict[str, float]] = defaultdict(dict)
    rows = (PenilaianPerilaku.objects.filter(evaluasi__periode=periode)
            .exclude(evaluasi__status=StatusEvaluasi.DRAF)
            .values_list("evaluasi__pegawai_id", "nilai", "rating").order_by("evaluasi__jadwal__nomor"))
    for pid, nilai, rating in rows:  # later windows overwrite earlier ones
        if rating in RATING_SKALA:
            out[pid][nilai] = RATING_SKALA[rating]
    return out


def _rating_rekan(periode: PeriodeKinerja) -> dict[int, dict[str, float]]:
    """pegawai -> value -> mean peer rating on 0–100, only where penilaian's minimum of responses is met."""
    from kinerja.penilaian.models import Respon360
    from kinerja.penilaian.selectors import kebijakan_for

    minimum = kebijakan_for(periode.instansi_id).min_respon_360
    kode = [k for k, _ in NILAI_CHOICES]
    out: dict[int, dict[str, float]] = {}
    for r in (Respon360.objects.filter(evaluasi__periode=periode).values("evaluasi__pegawai_id")
              .annotate(n=Count("pk"), **{k: Avg(k) for k in kode}).order_by()):
        if r["n"] >= minimum:
            out[r["evaluasi__pegawai_id"]] = {k: round((float(r[k]) + 1) * 50, 1) for k in kode if r[k] is not None}
    return out


def _rating_warga(instansi_id: int, periode: PeriodeKinerja) -> dict[int, float]:
    """pegawai -> mean citizen stars on 0–100 (shown ratings), past partisipasi's minimum of independent ones."""
    from kinerja.partisipasi.models import PenilaianPetugas, StatusModerasi
    from kinerja.partisipasi.services._umum import kebijakan

    minimum = kebijakan(instansi_id).min_penilaian_independen
    out = {}
    for r in (PenilaianPetugas.objects.filter(instansi_id=instansi_id, status=StatusModerasi.TAMPIL,
                                              dikirim_pada__date__gte=periode.tanggal_mulai)
              .values("pegawai_id").annotate(n=Count("perangkat_hash", distinct=True), a=Avg("kesopanan"),
                                             b=Avg("kecepatan"), c=Avg("kejelasan"), d=Avg("integritas"))
              .order_by()):
        if r["n"] >= minimum:
            mean = (float(r["a"]) + float(r["b"]) + float(r["c"]) + float(r["d"])) / 4
            out[r["pegawai_id"]] = round((mean - 1) / 4 * 100, 1)
    return out


# --- the profile job -----------------------------------------------------------------------------------------------
def profil_refresh(*, instansi: Instansi, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    periode = _periode(instansi.pk, today)
    if periode is None:
        return 0
    cap = list(CapaianIndikator.objects.filter(instansi=instansi, periode=periode)
               .values("pegawai_id", "kunci", "teks", "jadwal_persen"))
    atasan = _rating_atasan(periode)
    rekan = _rating_rekan(periode)
    warga = _rating_warga(instansi.pk, periode)
    pids = {r["pegawai_id"] for r in cap} | set(atasan) | set(rekan) | set(warga)
    kelompok = {p["pk"]: rules.kelompok_jabatan(p["jabatan__nama"] or "", p["jabatan__jenjang"] or "")
                for p in Pegawai.objects.filter(pk__in=list(pids), status=StatusPegawai.AKTIF)
                .values("pk", "jabatan__nama", "jabatan__jenjang")}
    nilai: dict[int, dict[str, tuple[float, str, str]]] = defaultdict(dict)  # pid -> kode -> (value, label, src)
    per_ind: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    teks: dict[str, str] = {}
    for r in cap:
        per_ind[r["pegawai_id"]][r["kunci"]].append(r["jadwal_persen"])
        teks[r["kunci"]] = r["teks"]
    for pid, inds in per_ind.items():
        semua = [v for vs in inds.values() for v in vs]
        nilai[pid]["capaian"] = (sum(semua) / len(semua), "Capaian hasil kerja terhadap jadwal", "laporan")
        for k, vs in inds.items():
            nilai[pid][f"indikator:{k}"] = (sum(vs) / len(vs), f"Indikator \u201c{teks[k][:80]}\u201d", "laporan")
    for pid, vals in atasan.items():
        for k, v in vals.items():
            nilai[pid][f"atasan:{k}"] = (v, f"{NILAI_LABEL.get(k, k)} (penilaian atasan)", "atasan")
    for pid, vals in rekan.items():
        for k, v in vals.items():
            nilai[pid][f"rekan:{k}"] = (v, f"{NILAI_LABEL.get(k, k)} (umpan balik rekan)", "rekan")
    for pid, v in warga.items():
        nilai[pid]["warga"] = (v, "Penilaian warga atas layanan", "warga")
    # peer sums per group and dimension
    jumlah: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0])
    for pid, dims in nilai.items():
        g = kelompok.get(pid)
        if g is None:
            continue
        for kode, (v, _l, _s) in dims.items():
            acc = jumlah[(g, kode)]
            acc[0] += v
            acc[1] += 1
    anggota: dict[str, int] = defaultdict(int)
    for g in kelompok.values():
        anggota[g] += 1
    now = timezone.now()
    objs = []
    for pid, dims in nilai.items():
        g = kelompok.get(pid)
        if g is None:
            continue
        daftar = []
        for kode, (v, label, src) in dims.items():
            total, n = jumlah[(g, kode)]
            rata = (total - v) / (n - 1) if n - 1 >= MIN_SEBANDING else None
            daftar.append(rules.Dimensi(kode=kode, label=label, nilai=round(v, 1),
                                        rata=round(rata, 1) if rata is not None else None, sumber=src))
        kuat, area = rules.kekuatan_dan_area(daftar)
        objs.append(ProfilPegawai(
            instansi=instansi, periode=periode, pegawai_id=pid, kelompok=g[:240], jumlah_sebanding=anggota[g] - 1,
            dimensi=[{"kode": d.kode, "label": d.label, "nilai": d.nilai, "rata": d.rata, "selisih": d.selisih,
                      "sumber": d.sumber, "fokus": fokus_untuk(d.kode)} for d in daftar],
            kekuatan=[d.kode for d in kuat], area=[d.kode for d in area],
            ringkasan=rules.ringkasan_profil(kuat, area), diperbarui=now))
    with transaction.atomic():
        hapus(ProfilPegawai.objects.filter(instansi=instansi, periode=periode))
        ProfilPegawai.objects.bulk_create(objs, batch_size=1000)
    return len(objs)


def fokus_untuk(kode: str) -> str | None:
    """The training focus (pelatihan.rules.FOKUS_KODE) that answers a development area."""
    if kode.startswith(("atasan:", "rekan:")):
        return kode.split(":", 1)[1]
    if kode == "warga":
        return FOKUS_WARGA
    return None


# --- top performers ---------------------------------------------------------------------------------------------
def teladan_refresh(*, instansi: Instansi, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    periode = _periode(instansi.pk, today)
    if periode is None:
        return 0
    per_kunci: dict[str, dict[int, rules.Calon]] = defaultdict(dict)
    per_program: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0, 0]))
    judul: dict[str, str] = {}
    unit: dict[int, int | None] = {}
    for r in CapaianIndikator.objects.filter(instansi=instansi, periode=periode).values(
            "pegawai_id", "kunci", "teks", "satuan", "jadwal_persen", "jumlah_laporan", "program_id",
            "unit_kerja_id", "program__nama"):
        pid = r["pegawai_id"]
        unit[pid] = r["unit_kerja_id"]
        old = per_kunci[r["kunci"]].get(pid)
        if old is None or r["jadwal_persen"] > old.nilai:
            per_kunci[r["kunci"]][pid] = rules.Calon(pid, r["jadwal_persen"], r["jumlah_laporan"])
        judul[r["kunci"]] = f"{r['teks']} ({r['satuan']})"
        if r["program_id"]:
            acc = per_program[r["program_id"]][pid]
            acc[0] += r["jadwal_persen"]
            acc[1] += 1
            acc[2] += r["jumlah_laporan"]
            judul[f"program:{r['program_id']}"] = r["program__nama"]
    now = timezone.now()
    objs = []

    def tambah(jenis, kunci, program_id, calon):
        top, med = rules.peringkat_teladan(calon)
        for rank, c in top:
            objs.append(Teladan(instansi=instansi, periode=periode, jenis=jenis, kunci=kunci, judul=judul[kunci][:500],
                                program_id=program_id, pegawai_id=c.pegawai_id, unit_kerja_id=unit.get(c.pegawai_id),
                                peringkat=rank, nilai=c.nilai, median_kelompok=med, jumlah_kelompok=len(calon),
                                jumlah_laporan=c.jumlah_laporan, diperbarui=now))

    for kunci, calon in per_kunci.items():
        tambah(JenisTeladan.INDIKATOR, kunci, None, list(calon.values()))
    for prog, people in per_program.items():
        calon = [rules.Calon(pid, round(s / n, 1), lap) for pid, (s, n, lap) in people.items()]
        tambah(JenisTeladan.PROGRAM, f"program:{prog}", prog, calon)
    with transaction.atomic():
        hapus(Teladan.objects.filter(instansi=instansi, periode=periode))
        Teladan.objects.bulk_create(objs, batch_size=1000)
    return len(objs)


# --- best-practice notes ------------------------------------------------------------------------------------------
def _teks(value: str, *, field: str, wajib: str, maks: int, errors: dict) -> str:
    value = (value or "").strip()
    if not value:
        errors[field] = [wajib]
    elif len(value) > maks:
        errors[field] = [rules.MSG_TEKS_PANJANG.format(n=maks)]
    return value


def boleh_tulis_praktik(actor, teladan: Teladan) -> bool:
    scope = scope_for(actor)
    pegawai = Pegawai.objects.select_related("jabatan").filter(pk=teladan.pegawai_id).first()
    if pegawai is None or teladan.instansi_id != actor.instansi_id:
        return False
    return scope.pegawai_id == pegawai.pk or scope.is_superior_of(pegawai)


@transaction.atomic
def praktik_baik_create(*, actor, teladan: Teladan, judul: str, yang_dilakukan: str, hasil: str,
                        bukti_ids: list[int]) -> PraktikBaik:
    """A top performer, or their supervisor, publishes what they did, with approved daily reports as evidence."""
    if not boleh_tulis_praktik(actor, teladan):
        raise Forbidden(rules.MSG_BUKAN_TELADAN)
    errors: dict[str, list[str]] = {}
    judul = _teks(judul, field="judul", wajib=rules.MSG_JUDUL_WAJIB, maks=200, errors=errors)
    yang_dilakukan = _teks(yang_dilakukan, field="yang_dilakukan", wajib=rules.MSG_ISI_WAJIB,
                           maks=rules.MAKS_PRAKTIK, errors=errors)
    hasil = _teks(hasil, field="hasil", wajib=rules.MSG_HASIL_WAJIB, maks=rules.MAKS_PRAKTIK, errors=errors)
    ids = sorted({int(i) for i in bukti_ids or []})
    if not ids:
        errors["bukti"] = [rules.MSG_BUKTI_WAJIB]
    else:
        ok = set(LaporanHarian.objects.filter(pk__in=ids, pegawai_id=teladan.pegawai_id,
                                              status=StatusLaporan.DISETUJUI).values_list("pk", flat=True))
        if ok != set(ids):
            errors["bukti"] = [rules.MSG_BUKTI_BUKAN_MILIK]
    if errors:
        first = next(iter(errors.values()))[0]
        raise ApplicationError(first, detail=errors)
    with audit_actor(actor):
        obj = PraktikBaik.objects.create(
            instansi_id=teladan.instansi_id, pegawai_id=teladan.pegawai_id, penulis=actor, periode=teladan.periode,
            kunci=teladan.kunci, indikator_teks=teladan.judul[:500], program_id=teladan.program_id,
            unit_kerja_id=teladan.unit_kerja_id, judul=judul, yang_dilakukan=yang_dilakukan, hasil=hasil,
            nilai_saat_terbit=teladan.nilai)
        obj.bukti.set(ids)
    return obj


@transaction.atomic
def praktik_baik_withdraw(*, actor, praktik: PraktikBaik) -> PraktikBaik:
    """The author or the teladan's supervisor withdraws a note from the library."""
    pegawai = Pegawai.objects.select_related("jabatan").get(pk=praktik.pegawai_id)
    scope = scope_for(actor)
    if not (praktik.penulis_id == actor.pk or scope.pegawai_id == pegawai.pk or scope.is_superior_of(pegawai)):
        raise Forbidden(rules.MSG_BUKAN_TELADAN)
    if praktik.status == StatusPraktik.DITARIK:
        raise InvalidState("Catatan ini sudah ditarik.")
    with audit_actor(actor):
        praktik.status = StatusPraktik.DITARIK
        praktik.save(update_fields=["status", "updated_at"])
    return praktik
