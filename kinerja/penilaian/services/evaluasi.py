"""Writes on evaluations: open one, manual realisasi, rate (periodic), set the annual predikat, finalise
(with the distribution-curve guard), and bulk finalisation from the calibration view."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import (
    MSG_NOT_FOUND,
    ApplicationError,
    ErrorCode,
    Forbidden,
    InvalidState,
    NotFound,
)
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.selectors import pejabat_penilai as pejabat_penilai_of
from kinerja.penilaian import access, rules
from kinerja.penilaian import selectors as sel
from kinerja.penilaian.models import (
    Evaluasi,
    PengecualianKurva,
    PenilaianPerilaku,
    PenilaianRhk,
    RealisasiManual,
    StatusEvaluasi,
)
from kinerja.penilaian.services._base import (
    MSG_PERIKSA,
    fail,
    lock,
    notify,
    require_periode,
    require_terbuka,
    require_transisi,
)
from kinerja.perencanaan.models import IndikatorKinerja, JadwalEvaluasi, StatusSkp
from kinerja.perencanaan.rules import NILAI_KODE
from kinerja.perencanaan.selectors import skp_aktif
from kinerja.perencanaan.services import snapshot_pegawai

MSG_SKP_BELUM = "SKP pegawai untuk periode ini belum disetujui; penilaian belum dapat dimulai."
MSG_JADWAL_BELUM = "Jendela evaluasi {nama} belum dimulai ({tanggal})."
MSG_TIDAK_BOLEH_BUKA = "Hanya pegawai yang bersangkutan atau pejabat penilainya yang dapat membuka evaluasi ini."
MSG_TAHUNAN_PAKAI_PREDIKAT = "Evaluasi tahunan tidak dinilai per RHK; tetapkan predikat tahunannya."
MSG_BUKAN_TAHUNAN = "Predikat tahunan hanya ditetapkan pada evaluasi tahunan."
MSG_ALASAN_OVERRIDE = "Tulis alasan karena predikat yang dipilih berbeda dari predikat menurut kebijakan ({predikat})."
MSG_TANPA_PERIODIK = ("Belum ada predikat periodik untuk diturunkan. Pilih predikat tahunan dan tulis alasannya.")
MSG_PREDIKAT_SKALA = "Pilih salah satu predikat: Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang."
MSG_KURVA = ("Kurva distribusi dilanggar: {pelanggaran} Ubah predikat yang perlu, atau tulis justifikasi untuk tetap "
             "memfinalisasi.")
MSG_JUSTIFIKASI = "Wajib diisi karena kurva distribusi dilanggar:"
MSG_REALISASI = "Realisasi harus berupa angka 0 atau lebih."
MSG_REALISASI_OLEH = "Hanya pegawai yang bersangkutan atau pejabat penilainya yang dapat mencatat realisasi."
MSG_DIRI_DULU = "Setelah pejabat penilai memberi rating, realisasi hanya dapat diubah oleh pejabat penilai."


def _snapshot(pegawai, jadwal: JadwalEvaluasi) -> dict:
    penilai, atasan_penilai = pejabat_penilai_of(pegawai, min(timezone.localdate(), jadwal.tanggal_selesai))
    return {
        "jabatan_id": pegawai.jabatan_id, "jabatan_nama": pegawai.jabatan.nama if pegawai.jabatan_id else "",
        "jenis_jabatan": pegawai.jabatan.jenis if pegawai.jabatan_id else "",
        "jenjang": pegawai.jabatan.jenjang if pegawai.jabatan_id else "",
        "unit_kerja_id": pegawai.unit_kerja_id, "unit_kerja_nama": pegawai.unit_kerja.nama,
        "opd_id": pegawai.opd_id, "pangkat_golongan": pegawai.pangkat_golongan,
        "pejabat_penilai": penilai, "pejabat_penilai_snapshot": snapshot_pegawai(penilai),
        "atasan_pejabat_penilai": atasan_penilai, "atasan_pejabat_penilai_snapshot": snapshot_pegawai(atasan_penilai),
    }


@transaction.atomic
def evaluasi_buka(*, actor, pegawai, jadwal: JadwalEvaluasi) -> Evaluasi:
    """Open (or return) the evaluation of `pegawai` for `jadwal`, snapshotting the organisation as of today.
    The pegawai (for the self-assessment) or their pejabat penilai may open it."""
    scope = scope_for(actor)
    if jadwal.instansi_id != scope.instansi_id or not scope.covers(pegawai):
        raise NotFound(MSG_NOT_FOUND)
    existing = Evaluasi.objects.filter(pegawai=pegawai, jadwal=jadwal).first()
    if existing is not None:
        return existing
    is_self = scope.pegawai_id == pegawai.pk
    atasan, _ = pejabat_penilai_of(pegawai)
    if not is_self and (atasan is None or atasan.pk != scope.pegawai_id):
        raise Forbidden(MSG_TIDAK_BOLEH_BUKA)
    periode = jadwal.periode
    from kinerja.perencanaan.rules import periode_mengizinkan, pesan_periode_menolak

    if not periode_mengizinkan(periode.status, "penilaian"):
        raise InvalidState(pesan_periode_menolak(periode.status, "penilaian", periode.tahun))
    if jadwal.tanggal_mulai > timezone.localdate():
        raise InvalidState(MSG_JADWAL_BELUM.format(nama=jadwal.nama, tanggal=f"{jadwal.tanggal_mulai:%d-%m-%Y}"))
    skp = skp_aktif(pegawai, periode)
    if skp is None or skp.status != StatusSkp.DISETUJUI:
        raise ApplicationError(MSG_SKP_BELUM, code=ErrorCode.INVALID_STATE)
    with audit_actor(actor):
        ev, _ = Evaluasi.objects.get_or_create(
            pegawai=pegawai, jadwal=jadwal,
            defaults={"instansi_id": pegawai.instansi_id, "periode": periode, "skp": skp,
                      "is_tahunan": jadwal.is_final, **_snapshot(pegawai, jadwal)})
    return ev


@transaction.atomic
def realisasi_manual_simpan(*, actor, evaluasi: Evaluasi, indikator_id: int, nilai, keterangan: str = ""
                            ) -> RealisasiManual | None:
    """Record (or clear, with an empty value) a manual realisasi for one indicator of the evaluation's SKP in its
    window. The pegawai may while the evaluation is a draft; the pejabat penilai until it is finalised."""
    evaluasi = lock(evaluasi)
    peran = access.require_lihat(actor, evaluasi)
    if not {"pegawai", "penilai"} & peran:
        raise Forbidden(MSG_REALISASI_OLEH)
    require_terbuka(evaluasi)
    require_periode(evaluasi)
    if "penilai" not in peran and evaluasi.status != StatusEvaluasi.DRAF:
        raise InvalidState(MSG_DIRI_DULU)
    ind = IndikatorKinerja.objects.filter(pk=indikator_id, rhk__skp_id=evaluasi.skp_id).first()
    if ind is None:
        raise NotFound(MSG_NOT_FOUND)
    existing = RealisasiManual.objects.filter(indikator=ind, jadwal_id=evaluasi.jadwal_id).first()
    if nilai in (None, ""):
        if existing is not None:
            with audit_actor(actor):
                existing.delete()
        return None
    try:
        value = Decimal(str(nilai).replace(",", "."))
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite() or value < 0 or value >= Decimal("1e12"):
        fail(MSG_REALISASI, {f"realisasi_{ind.pk}": [MSG_REALISASI]})
    with audit_actor(actor):
        if existing is None:
            existing = RealisasiManual(instansi_id=evaluasi.instansi_id, indikator=ind, jadwal_id=evaluasi.jadwal_id)
        existing.nilai = value.quantize(Decimal("0.01"))
        existing.keterangan = (keterangan or "").strip()[:300]
        existing.dicatat_oleh = actor
        existing.save()
    return existing


def _rating(value, field: str, errors: dict) -> rules.Rating | None:
    r = rules.parse_rating(value)
    if r is None:
        errors.setdefault(field, []).append(rules.MSG_RATING_DI_LUAR_SKALA)
    return r


def _umpan_balik(rating: rules.Rating | None, text: str, field: str, errors: dict) -> str:
    text = (text or "").strip()
    if rating is not None and rules.umpan_balik_wajib(rating) and not text:
        errors.setdefault(field, []).append(rules.MSG_UMPAN_BALIK_WAJIB)
    return text[:4000]


@transaction.atomic
def evaluasi_nilai(*, actor, evaluasi: Evaluasi, rhk: dict, perilaku: dict, rating_hasil_kerja,
                   rating_perilaku_kerja, umpan_balik_hasil_kerja: str = "", umpan_balik_perilaku_kerja: str = "",
                   catatan_rekomendasi: str = "") -> Evaluasi:
    """The pejabat penilai rates a periodic evaluation: every RHK and the overall Hasil Kerja, the 7 BerAKHLAK
    values and the overall Perilaku Kerja, on the three-point scale (§1.5); written feedback whenever a rating is
    not "Sesuai". The predikat follows from the matrix (§1.6); departures from the suggestions are recorded.

    `rhk` maps RHK id → {"rating", "umpan_balik"}; `perilaku` maps value code → {"rating", "umpan_balik"}."""
    evaluasi = lock(evaluasi)
    access.require_penilai(actor, evaluasi)
    if evaluasi.is_tahunan:
        raise InvalidState(MSG_TAHUNAN_PAKAI_PREDIKAT)
    baru = require_transisi(evaluasi, "nilai")
    require_periode(evaluasi)
    kebijakan = sel.kebijakan_for(evaluasi.instansi_id)
    hk = sel.hasil_kerja(actor=actor, evaluasi=evaluasi, kebijakan=kebijakan, dengan_bukti=False)
    errors: dict[str, list[str]] = {}
    rhk_rows = []
    for row in hk.rhk:
        given = rhk.get(row.rhk.pk) or rhk.get(str(row.rhk.pk)) or {}
        r = _rating(given.get("rating"), f"rhk_{row.rhk.pk}", errors)
        ub = _umpan_balik(r, given.get("umpan_balik"), f"rhk_{row.rhk.pk}_umpan_balik", errors)
        rhk_rows.append((row, r, ub))
    unknown = {str(k) for k in rhk} - {str(row.rhk.pk) for row in hk.rhk}
    if unknown:
        errors["rhk"] = ["Ada RHK yang bukan milik SKP pegawai ini."]
    perilaku_rows = []
    for kode in NILAI_KODE:
        given = perilaku.get(kode) or {}
        r = _rating(given.get("rating"), f"perilaku_{kode}", errors)
        ub = _umpan_balik(r, given.get("umpan_balik"), f"perilaku_{kode}_umpan_balik", errors)
        perilaku_rows.append((kode, r, ub))
    r_hk = _rating(rating_hasil_kerja, "rating_hasil_kerja", errors)
    r_pk = _rating(rating_perilaku_kerja, "rating_perilaku_kerja", errors)
    if errors:
        fail(MSG_PERIKSA, errors)
    saran_pk = rules.saran_rating_perilaku([r for _k, r, _u in perilaku_rows])
    menyimpang = (any(row.saran is not None and r != row.saran for row, r, _u in rhk_rows)
                  or (hk.saran is not None and r_hk != hk.saran) or (saran_pk is not None and r_pk != saran_pk))
    with audit_actor(actor):
        for row, r, ub in rhk_rows:
            PenilaianRhk.objects.update_or_create(
                evaluasi=evaluasi, rhk=row.rhk,
                defaults={"instansi_id": evaluasi.instansi_id, "rating": r.value,
                          "saran": row.saran.value if row.saran else "", "umpan_balik": ub,
                          "capaian": None if row.capaian is None else Decimal(f"{min(row.capaian, 99999):.2f}")})
        for kode, r, ub in perilaku_rows:
            PenilaianPerilaku.objects.update_or_create(
                evaluasi=evaluasi, nilai=kode,
                defaults={"instansi_id": evaluasi.instansi_id, "rating": r.value, "umpan_balik": ub})
        evaluasi.rating_hasil_kerja = r_hk.value
        evaluasi.rating_perilaku_kerja = r_pk.value
        evaluasi.saran_hasil_kerja = hk.saran.value if hk.saran else ""
        evaluasi.saran_perilaku_kerja = saran_pk.value if saran_pk else ""
        evaluasi.menyimpang_dari_saran = menyimpang
        evaluasi.capaian_rerata = (None if hk.capaian_rerata is None
                                   else Decimal(f"{min(hk.capaian_rerata, 99999):.2f}"))
        evaluasi.umpan_balik_hasil_kerja = (umpan_balik_hasil_kerja or "").strip()[:4000]
        evaluasi.umpan_balik_perilaku_kerja = (umpan_balik_perilaku_kerja or "").strip()[:4000]
        evaluasi.catatan_rekomendasi = (catatan_rekomendasi or "").strip()[:4000]
        evaluasi.predikat = rules.predikat_kinerja(r_hk, r_pk).value
        evaluasi.status = baru
        evaluasi.dinilai_pada = timezone.now()
        evaluasi.dinilai_oleh = actor
        _refresh_penilai(evaluasi, actor)
        evaluasi.save()
    notify(evaluasi.pegawai, f"Penilaian {evaluasi.jadwal.nama} sudah diberikan",
           f"Predikat: {evaluasi.predikat_label}. Pejabat penilai masih dapat mengubahnya sebelum finalisasi.",
           evaluasi)
    return evaluasi


def _refresh_penilai(evaluasi: Evaluasi, actor) -> None:
    """When the rater is the pegawai's atasan today rather than the appraiser on record (e.g. a new Plt), the
    snapshot follows who actually rated."""
    me = scope_for(actor).pegawai
    if me is not None and evaluasi.pejabat_penilai_id != me.pk:
        from kinerja.organisasi.selectors import atasan_langsung

        evaluasi.pejabat_penilai = me
        evaluasi.pejabat_penilai_snapshot = snapshot_pegawai(me)
        above = atasan_langsung(me)
        evaluasi.atasan_pejabat_penilai = above
        evaluasi.atasan_pejabat_penilai_snapshot = snapshot_pegawai(above)


@transaction.atomic
def evaluasi_tetapkan_tahunan(*, actor, evaluasi: Evaluasi, predikat=None, alasan_override: str = "",
                              catatan_rekomendasi: str = "") -> Evaluasi:
    """The annual predikat: derived from the periodic ones by the instansi's policy (§1.8, default the last
    period's); the pejabat penilai may choose another with a written reason."""
    evaluasi = lock(evaluasi)
    access.require_penilai(actor, evaluasi)
    if not evaluasi.is_tahunan:
        raise InvalidState(MSG_BUKAN_TAHUNAN)
    baru = require_transisi(evaluasi, "nilai")
    require_periode(evaluasi)
    turunan = sel.predikat_tahunan_turunan(evaluasi)
    alasan = (alasan_override or "").strip()
    if predikat in (None, ""):
        if turunan is None:
            fail(MSG_PERIKSA, {"predikat": [MSG_TANPA_PERIODIK]})
        chosen = turunan
    else:
        try:
            chosen = rules.Predikat(str(predikat))
        except ValueError:
            fail(MSG_PERIKSA, {"predikat": [MSG_PREDIKAT_SKALA]})
    if chosen != turunan and not alasan:
        msg = (MSG_ALASAN_OVERRIDE.format(predikat=rules.PREDIKAT_LABEL[turunan]) if turunan
               else MSG_TANPA_PERIODIK)
        fail(MSG_PERIKSA, {"alasan_override": [msg]})
    with audit_actor(actor):
        evaluasi.predikat = chosen.value
        evaluasi.predikat_saran = turunan.value if turunan else ""
        evaluasi.alasan_override = alasan if chosen != turunan else ""
        evaluasi.menyimpang_dari_saran = chosen != turunan
        evaluasi.catatan_rekomendasi = (catatan_rekomendasi or "").strip()[:4000]
        evaluasi.status = baru
        evaluasi.dinilai_pada = timezone.now()
        evaluasi.dinilai_oleh = actor
        _refresh_penilai(evaluasi, actor)
        evaluasi.save()
    notify(evaluasi.pegawai, "Predikat tahunan sudah ditetapkan",
           f"Predikat: {evaluasi.predikat_label}. Pejabat penilai masih dapat mengubahnya sebelum finalisasi.",
           evaluasi)
    return evaluasi


def _curve_guard(*, actor, jadwal, kelompok, justifikasi: str) -> None:
    if not kelompok.pelanggaran:
        return
    if not justifikasi:
        fail(MSG_KURVA.format(pelanggaran=" ".join(kelompok.pelanggaran)),
             {"justifikasi": [MSG_JUSTIFIKASI + " " + " ".join(kelompok.pelanggaran)]}, code=ErrorCode.CONFLICT)
    with audit_actor(actor):
        PengecualianKurva.objects.create(instansi_id=jadwal.instansi_id, jadwal=jadwal, unit_kerja=kelompok.unit,
                                         justifikasi=justifikasi[:4000], pelanggaran=kelompok.pelanggaran, oleh=actor)


def _finalize_one(actor, evaluasi: Evaluasi, baru: str, kelompok) -> None:
    kebijakan = sel.kebijakan_for(evaluasi.instansi_id)
    today = timezone.localdate()
    evaluasi.status = baru
    evaluasi.difinalisasi_pada = timezone.now()
    evaluasi.difinalisasi_oleh = actor
    evaluasi.predikat_organisasi = kelompok.predikat_organisasi.predikat if kelompok.predikat_organisasi else ""
    evaluasi.batas_keberatan = rules.batas_keberatan(today, kebijakan.batas_keberatan_hari)
    evaluasi.save()
    notify(evaluasi.pegawai, f"Evaluasi {evaluasi.jadwal.nama} difinalisasi",
           f"Predikat: {evaluasi.predikat_label}. Keberatan dapat diajukan sampai "
           f"{evaluasi.batas_keberatan:%d-%m-%Y}.", evaluasi)


@transaction.atomic
def evaluasi_finalisasi(*, actor, evaluasi: Evaluasi, justifikasi: str = "") -> Evaluasi:
    """Finalise (lock) one rated evaluation. Where the curve applies, the group's distribution including this
    predikat is checked (§1.7); a violation blocks unless a written justification is given, which is recorded."""
    evaluasi = lock(evaluasi)
    access.require_penilai(actor, evaluasi)
    baru = require_transisi(evaluasi, "finalisasi")
    require_periode(evaluasi)
    kelompok = sel.kelompok_untuk(evaluasi)
    _curve_guard(actor=actor, jadwal=evaluasi.jadwal, kelompok=kelompok, justifikasi=(justifikasi or "").strip())
    with audit_actor(actor):
        _finalize_one(actor, evaluasi, baru, kelompok)
    return evaluasi


@transaction.atomic
def kalibrasi_finalisasi(*, actor, opd_id: int, unit_id: int, jadwal: JadwalEvaluasi, justifikasi: str = "") -> int:
    """The pimpinan OPD finalises every rated evaluation of one curve group after calibration (same curve guard).
    Returns how many were finalised."""
    groups = {k.unit.pk: k for k in sel.kalibrasi(actor=actor, opd_id=opd_id, jadwal=jadwal)}
    kelompok = groups.get(unit_id)
    if kelompok is None:
        raise NotFound(MSG_NOT_FOUND)
    if opd_id not in scope_for(actor).opd_ids:
        raise Forbidden("Hanya pimpinan OPD yang dapat memfinalisasi dari halaman kalibrasi.")
    siap = [e for e in kelompok.evaluasi if e.status == StatusEvaluasi.DINILAI]
    if not siap:
        raise InvalidState("Belum ada evaluasi berstatus dinilai dalam kelompok ini.")
    periode = jadwal.periode
    from kinerja.perencanaan.rules import periode_mengizinkan, pesan_periode_menolak

    if not periode_mengizinkan(periode.status, "penilaian"):
        raise InvalidState(pesan_periode_menolak(periode.status, "penilaian", periode.tahun))
    _curve_guard(actor=actor, jadwal=jadwal, kelompok=kelompok, justifikasi=(justifikasi or "").strip())
    n = 0
    with audit_actor(actor):
        for e in Evaluasi.objects.select_for_update(of=("self",)).filter(pk__in=[x.pk for x in siap]).select_related(
                "jadwal", "pegawai__user"):
            baru = rules.transisi_evaluasi(e.status, "finalisasi")
            if baru:
                _finalize_one(actor, e, baru, kelompok)
                n += 1
    return n
