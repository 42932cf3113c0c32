"""The pejabat penilai's review of daily reports: open, approve, request revision (comment required), comment,
approve several at once (only opened ones, unless confirmed). The pegawai is notified in-app and by email."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import MSG_NOT_FOUND, ApplicationError, Forbidden, InvalidState, NotFound
from kinerja.core.services import notifikasi_create
from kinerja.laporan import rules
from kinerja.laporan.access import boleh_meninjau
from kinerja.laporan.models import JenisKomentar, KomentarLaporan, LaporanHarian, StatusLaporan
from kinerja.organisasi.access import scope_for
from kinerja.organisasi.selectors import atasan_langsung

MAKS_KOMENTAR = 2000


def _url(laporan: LaporanHarian) -> str:
    return reverse("laporan:detail", args=[laporan.pk])


def _kunci_tinjauan(actor, laporan: LaporanHarian) -> LaporanHarian:
    locked = (LaporanHarian.objects.select_for_update(no_key=True, of=("self",))
              .select_related("pegawai__jabatan", "pegawai__user").filter(pk=laporan.pk).first())
    scope = scope_for(actor)
    if locked is None or not scope.covers(locked.pegawai):
        raise NotFound(MSG_NOT_FOUND)
    if not boleh_meninjau(scope.pegawai, locked):
        raise Forbidden(rules.MSG_BUKAN_PENILAI)
    return locked


def _isi(text: str, *, wajib_msg: str | None) -> str:
    text = (text or "").strip()
    if wajib_msg and not text:
        raise ApplicationError(wajib_msg, detail={"komentar": [wajib_msg]})
    if len(text) > MAKS_KOMENTAR:
        raise ApplicationError(rules.MSG_KOMENTAR_PANJANG, detail={"komentar": [rules.MSG_KOMENTAR_PANJANG]})
    return text


def _judul(laporan: LaporanHarian) -> str:
    return f"laporan {laporan.tanggal:%d-%m-%Y} pukul {laporan.jam_mulai:%H.%M}"


def _beri_tahu_pegawai(laporan: LaporanHarian, judul: str, pesan: str) -> None:
    if laporan.pegawai.user_id:
        notifikasi_create(user=laporan.pegawai.user, judul=judul, pesan=pesan, url=_url(laporan), jenis="laporan",
                          email=True)


def _tinjau(laporan: LaporanHarian, actor, now: dt.datetime) -> None:
    laporan.ditinjau_pada = now
    laporan.ditinjau_oleh = actor
    if laporan.dibuka_penilai_pada is None:
        laporan.dibuka_penilai_pada = now


@transaction.atomic
def laporan_harian_mark_opened(*, actor, laporan: LaporanHarian, now: dt.datetime | None = None) -> LaporanHarian:
    """The reviewer opened the report (bulk approval covers only opened reports unless confirmed)."""
    laporan = _kunci_tinjauan(actor, laporan)
    if laporan.status == StatusLaporan.DIAJUKAN and laporan.dibuka_penilai_pada is None:
        laporan.dibuka_penilai_pada = now or timezone.now()
        with audit_actor(actor):
            laporan.save(update_fields=["dibuka_penilai_pada", "updated_at"])
    return laporan


@transaction.atomic
def laporan_harian_approve(*, actor, laporan: LaporanHarian, komentar: str = "",
                           now: dt.datetime | None = None) -> LaporanHarian:
    """Approve a submitted report (an optional note goes to the pegawai). Approving twice changes nothing."""
    laporan = _kunci_tinjauan(actor, laporan)
    if laporan.status == StatusLaporan.DISETUJUI:
        return laporan
    if not rules.boleh_pindah(laporan.status, rules.DISETUJUI):
        raise InvalidState(rules.MSG_STATUS.format(status=rules.STATUS_LABEL[laporan.status], aksi="disetujui"))
    komentar = _isi(komentar, wajib_msg=None)
    now = now or timezone.now()
    with audit_actor(actor):
        laporan.status = StatusLaporan.DISETUJUI
        _tinjau(laporan, actor, now)
        laporan.save(update_fields=["status", "ditinjau_pada", "ditinjau_oleh", "dibuka_penilai_pada",
                                    "updated_at"])
        if komentar:
            KomentarLaporan.objects.create(instansi_id=laporan.instansi_id, laporan=laporan, penulis=actor,
                                           jenis=JenisKomentar.PERSETUJUAN, isi=komentar)
    _beri_tahu_pegawai(laporan, f"Disetujui: {_judul(laporan)}",
                       komentar or f"{actor.get_full_name()} menyetujui laporan Anda.")
    return laporan


@transaction.atomic
def laporan_harian_request_revision(*, actor, laporan: LaporanHarian, komentar: str,
                                    now: dt.datetime | None = None) -> LaporanHarian:
    """Send a submitted report back for revision; the comment saying what to fix is required."""
    komentar = _isi(komentar, wajib_msg=rules.MSG_KOMENTAR_REVISI_WAJIB)
    laporan = _kunci_tinjauan(actor, laporan)
    if not rules.boleh_pindah(laporan.status, rules.PERLU_REVISI):
        raise InvalidState(rules.MSG_STATUS.format(status=rules.STATUS_LABEL[laporan.status],
                                                   aksi="dikembalikan untuk revisi"))
    now = now or timezone.now()
    with audit_actor(actor):
        laporan.status = StatusLaporan.PERLU_REVISI
        laporan.jumlah_revisi += 1
        _tinjau(laporan, actor, now)
        laporan.save(update_fields=["status", "jumlah_revisi", "ditinjau_pada", "ditinjau_oleh",
                                    "dibuka_penilai_pada", "updated_at"])
        KomentarLaporan.objects.create(instansi_id=laporan.instansi_id, laporan=laporan, penulis=actor,
                                       jenis=JenisKomentar.REVISI, isi=komentar)
    _beri_tahu_pegawai(laporan, f"Perlu revisi: {_judul(laporan)}", komentar)
    return laporan


@transaction.atomic
def laporan_komentar_create(*, actor, laporan: LaporanHarian, isi: str) -> KomentarLaporan:
    """A comment on a report, by its pegawai or by a superior (the reviewer); the other side is notified.
    Inspektorat and admin BKPSDM may read but not comment."""
    isi = _isi(isi, wajib_msg=rules.MSG_KOMENTAR_WAJIB)
    laporan = (LaporanHarian.objects.select_related("pegawai__jabatan", "pegawai__user", "penilai__user")
               .filter(pk=laporan.pk).first())
    scope = scope_for(actor)
    if laporan is None or not scope.covers(laporan.pegawai):
        raise NotFound(MSG_NOT_FOUND)
    milik = scope.pegawai_id == laporan.pegawai_id
    if not (milik or scope.is_superior_of(laporan.pegawai) or boleh_meninjau(scope.pegawai, laporan)):
        raise Forbidden("Hanya pegawai ini dan atasannya yang dapat berkomentar.")
    with audit_actor(actor):
        komentar = KomentarLaporan.objects.create(instansi_id=laporan.instansi_id, laporan=laporan, penulis=actor,
                                                  jenis=JenisKomentar.KOMENTAR, isi=isi)
    if milik:
        penerima = laporan.penilai or atasan_langsung(laporan.pegawai)
        if penerima is not None and penerima.user_id:
            notifikasi_create(user=penerima.user, judul=f"Balasan {laporan.pegawai.nama}: {_judul(laporan)}",
                              pesan=isi, url=_url(laporan), jenis="laporan")
    else:
        _beri_tahu_pegawai(laporan, f"Komentar atasan: {_judul(laporan)}", isi)
    return komentar


@dataclass
class HasilSetujuiMassal:
    disetujui: list[LaporanHarian] = field(default_factory=list)
    belum_dibuka: list[LaporanHarian] = field(default_factory=list)  # selected but never opened by the reviewer
    sudah_dibuka: list[LaporanHarian] = field(default_factory=list)
    dilewati: list[int] = field(default_factory=list)  # not waiting for this reviewer (any more)
    perlu_konfirmasi: bool = False


@transaction.atomic
def laporan_harian_approve_many(*, actor, ids: list[int], konfirmasi: bool = False,
                                now: dt.datetime | None = None) -> HasilSetujuiMassal:
    """Approve several submitted reports at once. Only reports the reviewer has opened are covered: when some
    selected ones were never opened, nothing is approved and the caller must ask for confirmation (or send only
    the opened ones). One notification per pegawai."""
    scope = scope_for(actor)
    if scope.pegawai is None:
        raise Forbidden(rules.MSG_BUKAN_PENILAI)
    ids = sorted({int(i) for i in ids})
    rows = list(LaporanHarian.objects.select_for_update(no_key=True, of=("self",)).select_related("pegawai__user")
                .filter(pk__in=ids, penilai_id=scope.pegawai.pk, status=StatusLaporan.DIAJUKAN,
                        instansi_id=scope.instansi_id).order_by("diajukan_pada", "pk"))
    hasil = HasilSetujuiMassal(dilewati=sorted(set(ids) - {r.pk for r in rows}))
    hasil.belum_dibuka = [r for r in rows if r.dibuka_penilai_pada is None]
    hasil.sudah_dibuka = [r for r in rows if r.dibuka_penilai_pada is not None]
    if hasil.belum_dibuka and not konfirmasi:
        hasil.perlu_konfirmasi = True
        return hasil
    now = now or timezone.now()
    per_pegawai: dict[int, list[LaporanHarian]] = defaultdict(list)
    with audit_actor(actor):
        for laporan in rows:
            laporan.status = StatusLaporan.DISETUJUI
            _tinjau(laporan, actor, now)
            laporan.save(update_fields=["status", "ditinjau_pada", "ditinjau_oleh", "dibuka_penilai_pada",
                                        "updated_at"])
            per_pegawai[laporan.pegawai_id].append(laporan)
    for items in per_pegawai.values():
        first = items[0]
        if len(items) == 1:
            _beri_tahu_pegawai(first, f"Disetujui: {_judul(first)}",
                               f"{actor.get_full_name()} menyetujui laporan Anda.")
        elif first.pegawai.user_id:
            tanggal = ", ".join(sorted({f"{x.tanggal:%d-%m}" for x in items}))
            notifikasi_create(user=first.pegawai.user, judul=f"{len(items)} laporan Anda disetujui",
                              pesan=f"{actor.get_full_name()} menyetujui laporan tanggal {tanggal}.",
                              url=reverse("laporan:beranda"), jenis="laporan", email=True)
    hasil.disetujui = rows
    return hasil
