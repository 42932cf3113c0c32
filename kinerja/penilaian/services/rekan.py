"""Peer feedback (360) on BerAKHLAK: choosing 3–5 raters (the pejabat penilai or the system), responding,
moderating comments and reminders.

Anonymity end to end: the invitation (`PenilaiRekan`) records only THAT its rater answered — flipped with a
conditional UPDATE that touches no timestamp and writes no audit entry; the answer is a `Respon360` row with no
rater, no timestamps and a random id, never audited. The double-response guard is that conditional UPDATE: a
second answer finds the flag already set and is refused before anything is written.
"""

from __future__ import annotations

import random

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
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
from kinerja.core.models import Peran
from kinerja.core.roles import has_role
from kinerja.core.services import notifikasi_create
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.models import Pegawai, StatusPegawai
from kinerja.penilaian import access, rules
from kinerja.penilaian import selectors as sel
from kinerja.penilaian.models import (
    Evaluasi,
    HubunganRekan,
    PenilaiRekan,
    Respon360,
    StatusEvaluasi,
    StatusModerasi,
)
from kinerja.penilaian.services._base import MSG_PERIKSA, fail, lock, require_periode, require_terbuka
from kinerja.perencanaan.rules import NILAI_KODE

MSG_JUMLAH_REKAN = "Pilih {min} sampai {maks} penilai rekan (saat ini {n})."
MSG_DIRI_SENDIRI = "Pegawai tidak dapat menjadi penilai rekan bagi dirinya sendiri."
MSG_REKAN_LUAR = "Penilai rekan harus pegawai aktif dari OPD yang sama, kolaborator, atau bawahan."
MSG_TIDAK_BISA_HAPUS = ("Sudah ada penilai yang menjawab, jadi daftar penilai hanya dapat ditambah, tidak dikurangi "
                        "(agar tidak terungkap siapa yang sudah menjawab).")
MSG_KANDIDAT_KURANG = "Kandidat penilai rekan kurang dari 3; pilih penilai secara manual."
MSG_SUDAH_MERESPONS = ("Anda sudah memberi umpan balik untuk pegawai ini. Setiap penilai hanya dapat memberi umpan "
                       "balik satu kali.")
MSG_UNDANGAN_TUTUP = "Evaluasi ini sudah terkunci; umpan balik rekan tidak dapat dikirim lagi."
MSG_KOMENTAR_PANJANG = f"Komentar paling panjang {rules.MAKS_KOMENTAR} karakter."
MSG_ALASAN_MODERASI = "Tulis alasan menyembunyikan komentar."


def _notify_undangan(u: PenilaiRekan) -> None:
    if u.penilai.user_id is None:
        return
    ev = u.evaluasi
    notifikasi_create(user=u.penilai.user, judul="Undangan umpan balik rekan (360)",
                      pesan=f"Beri umpan balik BerAKHLAK untuk {ev.pegawai.nama_lengkap} ({ev.jadwal.nama}). "
                            "Jawaban Anda anonim.",
                      url=reverse("penilaian:respon_360", args=[u.pk]), jenis="penilaian")


def _hubungan(evaluasi: Evaluasi) -> dict[int, str]:
    return {p.pk: h for p, h in sel.rekan_kandidat(evaluasi, batas=500)}


@transaction.atomic
def penilai_rekan_tetapkan(*, actor, evaluasi: Evaluasi, penilai_ids: list[int]) -> list[PenilaiRekan]:
    """The pejabat penilai chooses the raters: 3–5 distinct active pegawai among the candidates (same unit,
    collaborators, subordinates) or the same OPD, never the pegawai themself. Once anyone has answered, invited
    raters can no longer be removed (only added): removing would reveal who has answered."""
    evaluasi = lock(evaluasi)
    access.require_penilai(actor, evaluasi)
    require_terbuka(evaluasi)
    require_periode(evaluasi)
    ids = []
    for i in penilai_ids:
        try:
            ids.append(int(i))
        except (TypeError, ValueError):
            fail(MSG_PERIKSA, {"penilai": [MSG_REKAN_LUAR]})
    wanted = list(dict.fromkeys(ids))
    if evaluasi.pegawai_id in wanted:
        fail(MSG_DIRI_SENDIRI, {"penilai": [MSG_DIRI_SENDIRI]})
    existing = set(evaluasi.penilai_rekan.values_list("penilai_id", flat=True))
    if evaluasi.penilai_rekan.filter(sudah_merespons=True).exists() and not existing <= set(wanted):
        fail(MSG_TIDAK_BISA_HAPUS, {"penilai": [MSG_TIDAK_BISA_HAPUS]})
    if not rules.MIN_PENILAI_REKAN <= len(wanted) <= rules.MAKS_PENILAI_REKAN:
        msg = MSG_JUMLAH_REKAN.format(min=rules.MIN_PENILAI_REKAN, maks=rules.MAKS_PENILAI_REKAN, n=len(wanted))
        fail(msg, {"penilai": [msg]})
    hubungan = _hubungan(evaluasi)
    people = {p.pk: p for p in Pegawai.objects.filter(
        Q(pk__in=list(hubungan)) | Q(opd_id=evaluasi.opd_id), pk__in=wanted, status=StatusPegawai.AKTIF,
        instansi_id=evaluasi.instansi_id).select_related("user")}
    if set(wanted) - set(people):
        fail(MSG_REKAN_LUAR, {"penilai": [MSG_REKAN_LUAR]})
    created = []
    with audit_actor(actor):
        for u in evaluasi.penilai_rekan.exclude(penilai_id__in=wanted):
            u.delete()
        for pid in wanted:
            if pid in existing:
                continue
            u = PenilaiRekan.objects.create(instansi_id=evaluasi.instansi_id, evaluasi=evaluasi, penilai=people[pid],
                                            hubungan=hubungan.get(pid, HubunganRekan.LAINNYA))
            created.append(u)
    for u in created:
        _notify_undangan(u)
    return sel.penilai_rekan_list(evaluasi)


def pilih_otomatis(kandidat: list[tuple[Pegawai, str]], seed: int, n: int = 5) -> list[tuple[Pegawai, str]]:
    """The system's pick: up to 2 subordinates (upward feedback), then colleagues of the unit, then collaborators,
    shuffled deterministically per evaluation so the same people are not always asked."""
    rng = random.Random(seed)
    by: dict[str, list] = {}
    for p, h in kandidat:
        by.setdefault(h, []).append((p, h))
    for items in by.values():
        rng.shuffle(items)
    picked = by.get(HubunganRekan.BAWAHAN, [])[:2]
    for h in (HubunganRekan.REKAN, HubunganRekan.KOLABORATOR, HubunganRekan.BAWAHAN):
        for item in by.get(h, []):
            if len(picked) >= n:
                break
            if item not in picked:
                picked.append(item)
    return picked[:n]


@transaction.atomic
def penilai_rekan_pilih_otomatis(*, actor, evaluasi: Evaluasi) -> list[PenilaiRekan]:
    """The system picks raters for the pejabat penilai (same rules as choosing by hand), keeping those already
    invited."""
    access.require_penilai(actor, evaluasi)
    existing = list(evaluasi.penilai_rekan.values_list("penilai_id", flat=True))
    kandidat = [(p, h) for p, h in sel.rekan_kandidat(evaluasi) if p.pk not in existing]
    picked = pilih_otomatis(kandidat, seed=evaluasi.pk, n=rules.MAKS_PENILAI_REKAN - len(existing))
    if len(picked) + len(existing) < rules.MIN_PENILAI_REKAN:
        raise InvalidState(MSG_KANDIDAT_KURANG)
    penilai_rekan_tetapkan(actor=actor, evaluasi=evaluasi, penilai_ids=[*existing, *[p.pk for p, _h in picked]])
    PenilaiRekan.objects.filter(evaluasi=evaluasi, penilai_id__in=[p.pk for p, _h in picked],
                                sudah_merespons=False).update(dipilih_oleh_sistem=True)
    return sel.penilai_rekan_list(evaluasi)


@transaction.atomic
def respon_360_kirim(*, actor, undangan: PenilaiRekan, ratings: dict, komentar: str = "") -> None:
    """Answer one invitation: a rating for each of the 7 BerAKHLAK values and an optional comment (moderated).
    Returns nothing the caller could use to find the stored response again."""
    scope = scope_for(actor)
    if scope.pegawai_id is None or undangan.penilai_id != scope.pegawai_id:
        raise NotFound(MSG_NOT_FOUND)
    ev = Evaluasi.objects.select_related("periode").get(pk=undangan.evaluasi_id)
    if ev.pegawai_id == scope.pegawai_id:  # invitations never allow it; belt and braces
        raise Forbidden(MSG_DIRI_SENDIRI)
    if ev.status not in (StatusEvaluasi.DRAF, StatusEvaluasi.DINILAI):
        raise InvalidState(MSG_UNDANGAN_TUTUP)
    require_periode(ev)
    errors: dict[str, list[str]] = {}
    codes = {}
    for kode in NILAI_KODE:
        r = rules.parse_rating((ratings or {}).get(kode))
        if r is None:
            errors[kode] = [rules.MSG_RATING_DI_LUAR_SKALA]
        else:
            codes[kode] = rules.RATING_CODE[r]
    komentar = (komentar or "").strip()
    if len(komentar) > rules.MAKS_KOMENTAR:
        errors["komentar"] = [MSG_KOMENTAR_PANJANG]
    if errors:
        fail(MSG_PERIKSA, errors)
    # The guard against a second answer: only one UPDATE can flip the flag.
    if PenilaiRekan.objects.filter(pk=undangan.pk, sudah_merespons=False).update(sudah_merespons=True) != 1:
        raise ApplicationError(MSG_SUDAH_MERESPONS, code=ErrorCode.CONFLICT)
    tanda = rules.periksa_komentar(komentar) if komentar else []
    if komentar:
        from kinerja.partisipasi.penyaring import periksa

        tanda += [t for t in periksa(komentar) if t not in tanda]
    hold = bool(komentar) and (bool(tanda) or sel.kebijakan_for(ev.instansi_id).moderasi_semua)
    Respon360.objects.create(instansi_id=ev.instansi_id, evaluasi_id=ev.pk, komentar=komentar,
                             status_komentar=StatusModerasi.DITINJAU if hold else StatusModerasi.TAMPIL,
                             tanda=",".join(tanda)[:100], **codes)


@transaction.atomic
def komentar_moderasi(*, actor, respon: Respon360, tampilkan: bool, alasan: str = "") -> Respon360:
    """Admin BKPSDM shows or hides a peer comment. The rating counts are not affected."""
    if not has_role(actor, Peran.ADMIN_BKPSDM) or respon.instansi_id != actor.instansi_id:
        raise NotFound(MSG_NOT_FOUND)
    alasan = (alasan or "").strip()
    if not tampilkan and not alasan:
        fail(MSG_ALASAN_MODERASI, {"alasan": [MSG_ALASAN_MODERASI]})
    # Not audited on purpose (a log entry would time-stamp the response); the moderator's decision stays on the
    # row itself.
    Respon360.objects.filter(pk=respon.pk).update(
        status_komentar=StatusModerasi.TAMPIL if tampilkan else StatusModerasi.DISEMBUNYIKAN,
        alasan_moderasi=alasan[:300])
    respon.refresh_from_db()
    return respon


def pengingat_360(*, now=None, jeda_hari: int = 3) -> int:
    """Remind raters of open invitations whose window's deadline is near (at most once every `jeda_hari` days).
    Returns how many reminders were sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    qs = (PenilaiRekan.objects.filter(sudah_merespons=False,
                                      evaluasi__status__in=[StatusEvaluasi.DRAF, StatusEvaluasi.DINILAI],
                                      evaluasi__jadwal__batas_penilaian__gte=today,
                                      evaluasi__jadwal__batas_penilaian__lte=today + timezone.timedelta(days=14))
          .filter(Q(diingatkan_pada__isnull=True) | Q(diingatkan_pada__lt=now - timezone.timedelta(days=jeda_hari)))
          .select_related("penilai__user", "evaluasi__pegawai", "evaluasi__jadwal"))
    n = 0
    for u in qs[:5000]:
        if u.penilai.user_id:
            notifikasi_create(user=u.penilai.user, judul="Pengingat: umpan balik rekan (360)",
                              pesan=f"Umpan balik untuk {u.evaluasi.pegawai.nama_lengkap} ditunggu sampai "
                                    f"{u.evaluasi.jadwal.batas_penilaian:%d-%m-%Y}.",
                              url=reverse("penilaian:respon_360", args=[u.pk]), jenis="penilaian")
            n += 1
        PenilaiRekan.objects.filter(pk=u.pk).update(diingatkan_pada=now)
    return n
