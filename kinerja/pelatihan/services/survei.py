"""The pulse survey about the system: rounds, anonymous answers (one per pegawai per round) and the team's
"Anda berkata, kami lakukan" answers.

Anonymity: the answer (`ResponsSurvei`) holds no account, no time and a random key; the fact of having answered
(`PartisipasiSurvei`) holds no answer. Neither is written to the audit log. Results are shown per OPD only from
`min_tampil` answers (never fewer than 3).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja.core import kalender
from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import InvalidState
from kinerja.pelatihan import rules
from kinerja.pelatihan.models import (
    PartisipasiSurvei,
    PutaranSurvei,
    ResponsSurvei,
    StatusTindakLanjut,
    TindakLanjutSurvei,
)
from kinerja.pelatihan.services._common import fail, pegawai_of, require_penyelenggara

MSG_JUDUL = "Tulis judul putaran survei."
MSG_TANGGAL = "Isi tanggal buka dan tanggal tutup."
MSG_TANGGAL_URUT = "Tanggal tutup tidak boleh sebelum tanggal buka."
MSG_TERLALU_LAMA = "Satu putaran survei paling lama 60 hari."
MSG_TUMPANG_TINDIH = "Sudah ada putaran survei pada rentang tanggal ini ({judul})."
MSG_MIN_TAMPIL = f"Jumlah tanggapan minimal untuk ditampilkan paling sedikit {rules.MIN_TAMPIL_MUTLAK}."
MSG_BELUM_DIBUKA = "Putaran survei ini belum dibuka."
MSG_DITUTUP = "Putaran survei ini sudah ditutup. Terima kasih atas perhatian Anda."
MSG_SUDAH_MENGISI = "Anda sudah mengisi survei putaran ini. Terima kasih!"
MSG_JAWABAN = "Pilih satu nilai dari 1 sampai 5."
MSG_KOMENTAR_PANJANG = f"Komentar paling panjang {rules.MAKS_KOMENTAR} karakter."
MSG_ANDA_BERKATA = "Tulis apa yang disampaikan pegawai."
MSG_KAMI_LAKUKAN = "Tulis apa yang dilakukan tim."
MSG_STATUS = "Status tindak lanjut tidak dikenal."


def _validate_putaran(*, instansi_id: int, judul: str, mulai, selesai, min_tampil, kecuali: int | None = None):
    errors: dict[str, list[str]] = {}
    if not (judul or "").strip():
        errors["judul"] = [MSG_JUDUL]
    if not mulai or not selesai:
        errors["mulai"] = [MSG_TANGGAL]
    elif selesai < mulai:
        errors["selesai"] = [MSG_TANGGAL_URUT]
    elif (selesai - mulai).days > 60:
        errors["selesai"] = [MSG_TERLALU_LAMA]
    else:
        overlap = PutaranSurvei.objects.filter(instansi_id=instansi_id, mulai__lte=selesai, selesai__gte=mulai)
        if kecuali:
            overlap = overlap.exclude(pk=kecuali)
        other = overlap.first()
        if other is not None:
            errors["mulai"] = [MSG_TUMPANG_TINDIH.format(judul=other.judul)]
    if min_tampil is None or min_tampil < rules.MIN_TAMPIL_MUTLAK:
        errors["min_tampil"] = [MSG_MIN_TAMPIL]
    fail(errors)


@transaction.atomic
def putaran_survei_buat(*, actor, judul: str, mulai: dt.date, selesai: dt.date,
                        min_tampil: int = rules.MIN_TAMPIL_DEFAULT) -> PutaranSurvei:
    require_penyelenggara(actor)
    _validate_putaran(instansi_id=actor.instansi_id, judul=judul, mulai=mulai, selesai=selesai, min_tampil=min_tampil)
    with audit_actor(actor):
        return PutaranSurvei.objects.create(instansi_id=actor.instansi_id, judul=judul.strip()[:200], mulai=mulai,
                                            selesai=selesai, min_tampil=min_tampil, dibuat_oleh=actor)


@transaction.atomic
def putaran_survei_ubah(*, actor, putaran: PutaranSurvei, judul: str, mulai: dt.date, selesai: dt.date,
                        min_tampil: int) -> PutaranSurvei:
    require_penyelenggara(actor, putaran.instansi_id)
    _validate_putaran(instansi_id=putaran.instansi_id, judul=judul, mulai=mulai, selesai=selesai,
                      min_tampil=min_tampil, kecuali=putaran.pk)
    with audit_actor(actor):
        putaran.judul, putaran.mulai, putaran.selesai, putaran.min_tampil = judul.strip()[:200], mulai, selesai, \
            min_tampil
        putaran.save()
    return putaran


def putaran_survei_buka_berkala(*, instansi, today: dt.date | None = None) -> PutaranSurvei | None:
    """Open the quarter's round on the first working day of January, April, July and October (periodic job).
    Nothing happens when a round already covers that day or the quarter already had one."""
    today = today or timezone.localdate()
    awal = rules.putaran_berikut(today)
    if awal is None:
        return None
    pertama = awal if kalender.is_hari_kerja(awal, instansi.pk) else kalender.add_hari_kerja(awal, 1, instansi.pk)
    if today < pertama:
        return None
    akhir_kuartal = (awal.replace(month=awal.month + 2, day=28) + dt.timedelta(days=4)).replace(day=1) - \
        dt.timedelta(days=1)
    if PutaranSurvei.objects.filter(instansi=instansi, mulai__lte=akhir_kuartal, selesai__gte=awal).exists():
        return None
    triwulan = (awal.month - 1) // 3 + 1
    with transaction.atomic():
        return PutaranSurvei.objects.create(
            instansi=instansi, judul=f"Survei denyut Triwulan {triwulan} {awal.year}", mulai=today,
            selesai=today + dt.timedelta(days=rules.LAMA_PUTARAN_HARI - 1), min_tampil=rules.MIN_TAMPIL_DEFAULT)


@transaction.atomic
def survei_isi(*, actor, putaran: PutaranSurvei, kegunaan, keadilan, kemudahan, komentar: str = "",
               today: dt.date | None = None) -> None:
    """Record one anonymous answer. Returns nothing: not even the caller gets a handle on the answer row."""
    pegawai = pegawai_of(actor)
    today = today or timezone.localdate()
    if putaran.instansi_id != pegawai.instansi_id:
        raise InvalidState(MSG_DITUTUP)
    if today < putaran.mulai:
        raise InvalidState(MSG_BELUM_DIBUKA)
    if today > putaran.selesai:
        raise InvalidState(MSG_DITUTUP)
    errors: dict[str, list[str]] = {}
    for name, value in (("kegunaan", kegunaan), ("keadilan", keadilan), ("kemudahan", kemudahan)):
        if not rules.skala_sah(value):
            errors[name] = [MSG_JAWABAN]
    komentar = (komentar or "").strip()
    if len(komentar) > rules.MAKS_KOMENTAR:
        errors["komentar"] = [MSG_KOMENTAR_PANJANG]
    fail(errors)
    try:
        with transaction.atomic():
            PartisipasiSurvei.objects.create(putaran=putaran, user=actor)
    except IntegrityError as exc:
        raise InvalidState(MSG_SUDAH_MENGISI) from exc
    ResponsSurvei.objects.create(putaran=putaran, opd_id=pegawai.opd_id, kegunaan=kegunaan, keadilan=keadilan,
                                 kemudahan=kemudahan, komentar=komentar)


def _validate_tindak_lanjut(anda_berkata, kami_lakukan, status):
    errors: dict[str, list[str]] = {}
    if not (anda_berkata or "").strip():
        errors["anda_berkata"] = [MSG_ANDA_BERKATA]
    if not (kami_lakukan or "").strip():
        errors["kami_lakukan"] = [MSG_KAMI_LAKUKAN]
    if status not in StatusTindakLanjut.values:
        errors["status"] = [MSG_STATUS]
    fail(errors)


@transaction.atomic
def tindak_lanjut_simpan(*, actor, anda_berkata: str, kami_lakukan: str, status: str = StatusTindakLanjut.DIRENCANAKAN,
                         putaran: PutaranSurvei | None = None, tanggal: dt.date | None = None,
                         terbit: bool = True) -> TindakLanjutSurvei:
    require_penyelenggara(actor)
    _validate_tindak_lanjut(anda_berkata, kami_lakukan, status)
    if putaran is not None and putaran.instansi_id != actor.instansi_id:
        fail({"putaran": ["Putaran survei tidak ditemukan."]})
    with audit_actor(actor):
        return TindakLanjutSurvei.objects.create(
            instansi_id=actor.instansi_id, putaran=putaran, anda_berkata=anda_berkata.strip()[:500],
            kami_lakukan=kami_lakukan.strip(), status=status, tanggal=tanggal or timezone.localdate(), terbit=terbit,
            ditulis_oleh=actor)


@transaction.atomic
def tindak_lanjut_ubah(*, actor, item: TindakLanjutSurvei, anda_berkata: str, kami_lakukan: str, status: str,
                       terbit: bool = True) -> TindakLanjutSurvei:
    require_penyelenggara(actor, item.instansi_id)
    _validate_tindak_lanjut(anda_berkata, kami_lakukan, status)
    with audit_actor(actor):
        item.anda_berkata, item.kami_lakukan = anda_berkata.strip()[:500], kami_lakukan.strip()
        item.status, item.terbit = status, terbit
        item.save()
    return item
