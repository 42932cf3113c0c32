"""Planning sessions: create, edit, publish (invitations), cancel, self-registration, materials, quiz questions."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

from auditlog.models import LogEntry
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kinerja.core.audit import audit_actor, log_bulk
from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState
from kinerja.core.files import validate_upload
from kinerja.core.models import Peran
from kinerja.core.services import notifikasi_create
from kinerja.organisasi.models import UnitKerja
from kinerja.pelatihan import rules
from kinerja.pelatihan.models import (
    CaraDaftar,
    FokusSesi,
    JenisKegiatan,
    MateriSesi,
    ModeKegiatan,
    PesertaSesi,
    ProgramPelatihan,
    SasaranSesi,
    SesiPelatihan,
    SoalKuis,
    StatusSesi,
)
from kinerja.pelatihan.sasaran import menyasar, pegawai_sasaran
from kinerja.pelatihan.services._common import fail, full_clean, pegawai_of, require_penyelenggara

MSG_JUDUL_WAJIB = "Tulis topik sesi."
MSG_WAKTU_URUT = "Waktu selesai harus setelah waktu mulai."
MSG_SUDAH_LEWAT = ("Sesi yang sudah berakhir tidak dapat dijadwalkan. Catat kegiatan yang sudah terjadi sebagai "
                   "riwayat pengembangan pegawai.")
MSG_TERLALU_PANJANG = "Satu sesi paling lama 7 hari. Bagi kegiatan yang lebih panjang menjadi beberapa sesi."
MSG_TEMPAT_WAJIB = "Tulis tempat pelaksanaan untuk sesi tatap muka."
MSG_TAUTAN_WAJIB = "Isi tautan daring (https://…) untuk sesi daring."
MSG_TAUTAN_SALAH = "Tautan daring harus diawali https:// atau http://."
MSG_SASARAN_WAJIB = "Pilih sasaran peserta: paling sedikit satu OPD/unit atau satu peran."
MSG_UNIT_TIDAK_DIKENAL = "Unit sasaran tidak ditemukan di instansi Anda."
MSG_PERAN_TIDAK_DIKENAL = "Peran sasaran tidak dikenal."
MSG_FOKUS_TIDAK_DIKENAL = "Fokus pelatihan tidak dikenal."
MSG_KUOTA = "Kuota peserta paling sedikit 1 (kosongkan bila tidak dibatasi)."
MSG_NILAI_LULUS = "Nilai lulus kuis antara 0 dan 100."
MSG_JP = "Jam pelajaran (JP) antara 1 dan 100."
MSG_JENIS = "Jenis kegiatan tidak dikenal."
MSG_MODE = "Bentuk kegiatan tidak dikenal."
MSG_HANYA_DRAF = "Hanya sesi berstatus draf yang dapat diterbitkan."
MSG_DIBATALKAN = "Sesi ini sudah dibatalkan."
MSG_SUDAH_SELESAI = "Sesi ini sudah berakhir."
MSG_SASARAN_KOSONG = "Tidak ada pegawai aktif dalam sasaran sesi ini. Periksa sasaran peserta."
MSG_MELEBIHI_KUOTA = ("Sasaran sesi ini berisi {n} pegawai, melebihi kuota {kuota}. Perkecil sasaran atau naikkan "
                      "kuota.")
MSG_ALASAN_BATAL = "Tulis alasan pembatalan; peserta akan menerimanya."
MSG_DAFTAR_TUTUP = "Pendaftaran mandiri untuk sesi ini tidak dibuka. Hubungi penyelenggara."
MSG_BUKAN_SASARAN = "Sesi ini bukan untuk unit atau peran Anda."
MSG_SUDAH_TERDAFTAR = "Anda sudah terdaftar sebagai peserta sesi ini."
MSG_KUOTA_PENUH = "Kuota peserta sesi ini sudah penuh."
MSG_BELUM_TERBIT = "Sesi ini belum diterbitkan."
MSG_MATERI_JUDUL = "Tulis judul materi."
MSG_KUIS_TERKUNCI = "Kuis sudah dikerjakan peserta; soalnya tidak dapat diubah lagi."
MSG_SOAL_KOSONG = "Tulis paling sedikit satu soal."
MSG_SOAL_TERLALU_BANYAK = "Kuis singkat paling banyak 10 soal."
MSG_PERTANYAAN_WAJIB = "Soal {n}: tulis pertanyaannya."
MSG_PILIHAN = "Soal {n}: beri 2 sampai 5 pilihan jawaban yang terisi."
MSG_KUNCI = "Soal {n}: pilih jawaban yang benar di antara pilihannya."

MAKS_DURASI = dt.timedelta(days=7)
MAKS_SOAL = 10
MATERI_MAX_BYTES = 20 * 1024 * 1024


@transaction.atomic
def program_create(*, actor, nama: str, tahun: int, deskripsi: str = "") -> ProgramPelatihan:
    require_penyelenggara(actor)
    nama = (nama or "").strip()
    if not nama:
        fail({"nama": ["Tulis nama program."]})
    with audit_actor(actor):
        return ProgramPelatihan.objects.create(instansi_id=actor.instansi_id, nama=nama[:200], tahun=tahun,
                                               deskripsi=(deskripsi or "").strip())


def _validate(*, actor, data: dict, baru: bool) -> tuple[list[UnitKerja], list[str], list[str]]:
    errors: dict[str, list[str]] = {}
    now = timezone.now()
    judul = (data.get("judul") or "").strip()
    if not judul:
        errors["judul"] = [MSG_JUDUL_WAJIB]
    if data.get("jenis") not in JenisKegiatan.values:
        errors["jenis"] = [MSG_JENIS]
    mode = data.get("mode")
    if mode not in ModeKegiatan.values:
        errors["mode"] = [MSG_MODE]
    mulai, selesai = data.get("mulai"), data.get("selesai")
    if not mulai or not selesai:
        errors["mulai"] = ["Isi waktu mulai dan waktu selesai."]
    elif selesai <= mulai:
        errors["selesai"] = [MSG_WAKTU_URUT]
    elif selesai - mulai > MAKS_DURASI:
        errors["selesai"] = [MSG_TERLALU_PANJANG]
    elif baru and selesai <= now:
        errors["mulai"] = [MSG_SUDAH_LEWAT]
    tempat = (data.get("tempat") or "").strip()
    tautan = (data.get("tautan_daring") or "").strip()
    if mode in (ModeKegiatan.TATAP_MUKA, ModeKegiatan.CAMPURAN) and not tempat:
        errors["tempat"] = [MSG_TEMPAT_WAJIB]
    if mode in (ModeKegiatan.DARING, ModeKegiatan.CAMPURAN) and not tautan:
        errors["tautan_daring"] = [MSG_TAUTAN_WAJIB]
    if tautan and (urlparse(tautan).scheme not in ("http", "https") or not urlparse(tautan).netloc):
        errors["tautan_daring"] = [MSG_TAUTAN_SALAH]
    kuota = data.get("kuota")
    if kuota is not None and kuota < 1:
        errors["kuota"] = [MSG_KUOTA]
    nilai_lulus = data.get("nilai_lulus", rules.NILAI_LULUS_DEFAULT)
    if nilai_lulus is None or not 0 <= nilai_lulus <= 100:
        errors["nilai_lulus"] = [MSG_NILAI_LULUS]
    jp = data.get("jam_pelajaran", 2)
    if jp is None or not 1 <= jp <= 100:
        errors["jam_pelajaran"] = [MSG_JP]
    unit_ids = [int(u) for u in data.get("sasaran_unit_ids") or []]
    peran = [str(p) for p in data.get("sasaran_peran") or []]
    units = list(UnitKerja.objects.filter(pk__in=unit_ids, instansi_id=actor.instansi_id))
    if len(units) != len(set(unit_ids)):
        errors["sasaran_unit_ids"] = [MSG_UNIT_TIDAK_DIKENAL]
    if any(p not in Peran.values for p in peran):
        errors["sasaran_peran"] = [MSG_PERAN_TIDAK_DIKENAL]
    if not unit_ids and not peran:
        errors["sasaran_unit_ids"] = [MSG_SASARAN_WAJIB]
    fokus = [str(f) for f in data.get("fokus") or []]
    if any(f not in rules.FOKUS_KODE for f in fokus):
        errors["fokus"] = [MSG_FOKUS_TIDAK_DIKENAL]
    program = data.get("program")
    if program is not None and program.instansi_id != actor.instansi_id:
        errors["program"] = ["Program tidak ditemukan."]
    fail(errors)
    return units, sorted(set(peran)), sorted(set(fokus))


SESI_FIELDS = ("judul", "jenis", "deskripsi", "narasumber", "mode", "tempat", "tautan_daring", "mulai", "selesai",
               "kuota", "pendaftaran_terbuka", "jam_pelajaran", "nilai_lulus", "sertifikat", "program")


def _write_targets(sesi: SesiPelatihan, units, peran, fokus) -> None:
    sesi.sasaran.all().delete()
    sesi.fokus.all().delete()
    SasaranSesi.objects.bulk_create(
        [SasaranSesi(instansi_id=sesi.instansi_id, sesi=sesi, unit=u) for u in units]
        + [SasaranSesi(instansi_id=sesi.instansi_id, sesi=sesi, peran=p) for p in peran])
    FokusSesi.objects.bulk_create([FokusSesi(instansi_id=sesi.instansi_id, sesi=sesi, kode=k) for k in fokus])


@transaction.atomic
def sesi_create(*, actor, **data) -> SesiPelatihan:
    """Plan a session (a draft: nothing is sent until it is published)."""
    require_penyelenggara(actor)
    units, peran, fokus = _validate(actor=actor, data=data, baru=True)
    values = {k: data[k] for k in SESI_FIELDS if k in data}
    for key in ("judul", "tempat", "tautan_daring", "narasumber", "deskripsi"):
        if key in values:
            values[key] = (values[key] or "").strip()
    sesi = SesiPelatihan(instansi_id=actor.instansi_id, penyelenggara=actor, **values)
    full_clean(sesi, exclude=["penyelenggara", "instansi", "program"])
    with audit_actor(actor):
        sesi.save()
        _write_targets(sesi, units, peran, fokus)
    return sesi


@transaction.atomic
def sesi_update(*, actor, sesi: SesiPelatihan, **data) -> SesiPelatihan:
    """Change a session; participants of a published session are told when its time or place changes."""
    require_penyelenggara(actor, sesi.instansi_id)
    sesi = SesiPelatihan.objects.select_for_update().get(pk=sesi.pk)
    if sesi.status == StatusSesi.DIBATALKAN:
        raise InvalidState(MSG_DIBATALKAN)
    if sesi.selesai <= timezone.now():
        raise InvalidState(MSG_SUDAH_SELESAI)
    merged = {k: getattr(sesi, k) for k in SESI_FIELDS}
    merged.update({"sasaran_unit_ids": [s.unit_id for s in sesi.sasaran.all() if s.unit_id],
                   "sasaran_peran": [s.peran for s in sesi.sasaran.all() if not s.unit_id],
                   "fokus": list(sesi.fokus.values_list("kode", flat=True))})
    merged.update(data)
    units, peran, fokus = _validate(actor=actor, data=merged, baru=True)
    before = (sesi.mulai, sesi.selesai, sesi.tempat, sesi.tautan_daring)
    for key in SESI_FIELDS:
        if key in data:
            value = data[key]
            setattr(sesi, key, value.strip() if isinstance(value, str) else value)
    full_clean(sesi, exclude=["penyelenggara", "instansi", "program"])
    with audit_actor(actor):
        sesi.save()
        _write_targets(sesi, units, peran, fokus)
    if sesi.status == StatusSesi.TERBIT and before != (sesi.mulai, sesi.selesai, sesi.tempat, sesi.tautan_daring):
        from kinerja.pelatihan.tasks import kabar_sesi_task

        transaction.on_commit(lambda: kabar_sesi_task(sesi.pk, "ubah"))
    return sesi


@transaction.atomic
def sesi_terbitkan(*, actor, sesi: SesiPelatihan) -> int:
    """Publish a draft: every active pegawai in the audience becomes an invited participant and is notified in a
    background job. Audiences up to `UNDANG_LANGSUNG_MAKS` are invited at once; larger ones (a whole Dinas
    Pendidikan) by that job too, so the request stays short. Returns the number invited."""
    require_penyelenggara(actor, sesi.instansi_id)
    sesi = SesiPelatihan.objects.select_for_update().get(pk=sesi.pk)
    if sesi.status != StatusSesi.DRAF:
        raise InvalidState(MSG_HANYA_DRAF)
    if sesi.selesai <= timezone.now():
        raise InvalidState(MSG_SUDAH_SELESAI)
    n = pegawai_sasaran(sesi).count()
    if not n:
        raise ApplicationError(MSG_SASARAN_KOSONG, detail={"sasaran_unit_ids": [MSG_SASARAN_KOSONG]})
    if sesi.kuota and n > sesi.kuota:
        msg = MSG_MELEBIHI_KUOTA.format(n=n, kuota=sesi.kuota)
        raise ApplicationError(msg, detail={"kuota": [msg]})
    with audit_actor(actor):
        sesi.status = StatusSesi.TERBIT
        sesi.diterbitkan_pada = timezone.now()
        sesi.save(update_fields=["status", "diterbitkan_pada", "updated_at"])
    from kinerja.pelatihan.tasks import kabar_sesi_task, undang_task

    if n <= UNDANG_LANGSUNG_MAKS:
        undang_peserta(actor=actor, sesi=sesi)
        transaction.on_commit(lambda: kabar_sesi_task(sesi.pk, "undangan"))
    else:
        transaction.on_commit(lambda: undang_task(sesi.pk, actor.pk))
    return n


UNDANG_LANGSUNG_MAKS = 2000


def undang_peserta(*, actor, sesi: SesiPelatihan) -> int:
    """Create the invited participants of a published session from its audience (those not yet participants),
    with one audit entry each. Returns how many were added."""
    audience = pegawai_sasaran(sesi).values_list("pk", "opd_id", "unit_kerja_id")
    existing = set(sesi.peserta.values_list("pegawai_id", flat=True))
    rows = [PesertaSesi(instansi_id=sesi.instansi_id, sesi_id=sesi.pk, pegawai_id=pid, opd_id=opd,
                        unit_kerja_id=unit, cara_daftar=CaraDaftar.UNDANGAN)
            for pid, opd, unit in audience if pid not in existing]
    with transaction.atomic(), audit_actor(actor):
        PesertaSesi.objects.bulk_create(rows, batch_size=2000)
        log_bulk(actor=actor, objects=rows, action=LogEntry.Action.CREATE)
    return len(rows)


@transaction.atomic
def sesi_batalkan(*, actor, sesi: SesiPelatihan, alasan: str) -> SesiPelatihan:
    require_penyelenggara(actor, sesi.instansi_id)
    sesi = SesiPelatihan.objects.select_for_update().get(pk=sesi.pk)
    if sesi.status == StatusSesi.DIBATALKAN:
        raise InvalidState(MSG_DIBATALKAN)
    if sesi.selesai <= timezone.now():
        raise InvalidState(MSG_SUDAH_SELESAI)
    alasan = (alasan or "").strip()
    if not alasan:
        fail({"alasan": [MSG_ALASAN_BATAL]})
    terbit = sesi.status == StatusSesi.TERBIT
    with audit_actor(actor):
        sesi.status = StatusSesi.DIBATALKAN
        sesi.deskripsi = f"{sesi.deskripsi}\n\nDibatalkan: {alasan[:300]}".strip()
        sesi.save(update_fields=["status", "deskripsi", "updated_at"])
    if terbit:
        from kinerja.pelatihan.tasks import kabar_sesi_task

        transaction.on_commit(lambda: kabar_sesi_task(sesi.pk, "batal"))
    return sesi


KABAR = {
    "undangan": ("Undangan: {judul}", "Anda diundang mengikuti {jenis} \"{judul}\" pada {waktu}, {tempat}."),
    "ubah": ("Perubahan jadwal: {judul}", "Jadwal atau tempat \"{judul}\" berubah: {waktu}, {tempat}."),
    "batal": ("Dibatalkan: {judul}", "Sesi \"{judul}\" pada {waktu} dibatalkan."),
}


def kabar_peserta(*, sesi_id: int, jenis: str) -> int:
    """Notify every participant of a session in-app (invitation, change or cancellation). Run by a task."""
    sesi = SesiPelatihan.objects.get(pk=sesi_id)
    judul_t, pesan_t = KABAR[jenis]
    local = timezone.localtime(sesi.mulai)
    fields = {"judul": sesi.judul, "jenis": sesi.get_jenis_display().lower(),
              "waktu": f"{local:%d-%m-%Y %H:%M}", "tempat": sesi.tempat or sesi.get_mode_display().lower()}
    url = reverse("pelatihan:sesi_detail", args=[sesi.pk])
    users = list(PesertaSesi.objects.filter(sesi=sesi, pegawai__user__isnull=False, pegawai__user__is_active=True)
                 .select_related("pegawai__user").order_by("pk"))
    for i in range(0, len(users), 500):  # one commit per 500 notifications, not one per row
        with transaction.atomic():
            for peserta in users[i:i + 500]:
                notifikasi_create(user=peserta.pegawai.user, judul=judul_t.format(**fields)[:200],
                                  pesan=pesan_t.format(**fields), url=url, jenis="pelatihan")
    return len(users)


@transaction.atomic
def sesi_daftar(*, actor, sesi: SesiPelatihan) -> PesertaSesi:
    """A pegawai in the audience registers themself for a published session (when self-registration is open)."""
    pegawai = pegawai_of(actor)
    sesi = SesiPelatihan.objects.select_for_update().get(pk=sesi.pk)
    _check_open_for(sesi, pegawai)
    if sesi.peserta.filter(pegawai=pegawai).exists():
        raise InvalidState(MSG_SUDAH_TERDAFTAR)
    return _tambah_peserta(actor, sesi, pegawai, CaraDaftar.MANDIRI)


def _check_open_for(sesi: SesiPelatihan, pegawai) -> None:
    if sesi.instansi_id != pegawai.instansi_id:
        raise Forbidden(MSG_BUKAN_SASARAN)
    if sesi.status == StatusSesi.DIBATALKAN:
        raise InvalidState(MSG_DIBATALKAN)
    if sesi.status != StatusSesi.TERBIT:
        raise InvalidState(MSG_BELUM_TERBIT)
    if sesi.selesai <= timezone.now():
        raise InvalidState(MSG_SUDAH_SELESAI)


def _tambah_peserta(actor, sesi: SesiPelatihan, pegawai, cara: str) -> PesertaSesi:
    """Add a participant who was not invited (self-registration or walk-in); the caller holds the session lock."""
    if not sesi.pendaftaran_terbuka:
        raise Forbidden(MSG_DAFTAR_TUTUP)
    if not menyasar(sesi, pegawai):
        raise Forbidden(MSG_BUKAN_SASARAN)
    if sesi.kuota and sesi.peserta.count() >= sesi.kuota:
        raise InvalidState(MSG_KUOTA_PENUH)
    try:
        with transaction.atomic(), audit_actor(actor):
            return PesertaSesi.objects.create(instansi_id=sesi.instansi_id, sesi=sesi, pegawai=pegawai,
                                              opd_id=pegawai.opd_id, unit_kerja_id=pegawai.unit_kerja_id,
                                              cara_daftar=cara)
    except IntegrityError as exc:
        raise InvalidState(MSG_SUDAH_TERDAFTAR) from exc


@transaction.atomic
def materi_unggah(*, actor, sesi: SesiPelatihan, judul: str, berkas) -> MateriSesi:
    require_penyelenggara(actor, sesi.instansi_id)
    if sesi.status == StatusSesi.DIBATALKAN:
        raise InvalidState(MSG_DIBATALKAN)
    max_bytes = getattr(settings, "PELATIHAN_MATERI_MAX_BYTES", MATERI_MAX_BYTES)
    clean = validate_upload(berkas, max_bytes=max_bytes)
    judul = (judul or "").strip() or clean.original_name
    if not judul:
        fail({"judul": [MSG_MATERI_JUDUL]})
    materi = MateriSesi(instansi_id=sesi.instansi_id, sesi=sesi, judul=judul[:200], jenis=clean.kind,
                        mime=clean.mime, ukuran=clean.size, sha256=clean.sha256, nama_asli=clean.original_name,
                        diunggah_oleh=actor)
    with audit_actor(actor):
        materi.berkas.save(clean.content.name, clean.content, save=False)
        materi.save()
    return materi


@transaction.atomic
def materi_hapus(*, actor, materi: MateriSesi) -> None:
    require_penyelenggara(actor, materi.instansi_id)
    with audit_actor(actor):
        berkas = materi.berkas
        materi.delete()
    transaction.on_commit(lambda: berkas.storage.delete(berkas.name))


@transaction.atomic
def soal_kuis_simpan(*, actor, sesi: SesiPelatihan, soal: list[dict]) -> list[SoalKuis]:
    """Replace the quiz of a session: each item {pertanyaan, pilihan: [str], kunci: index from 0}."""
    require_penyelenggara(actor, sesi.instansi_id)
    if sesi.peserta.filter(percobaan_kuis__gt=0).exists():
        raise InvalidState(MSG_KUIS_TERKUNCI)
    errors: dict[str, list[str]] = {}
    clean = []
    items = [s for s in soal if (s.get("pertanyaan") or "").strip() or any((p or "").strip()
                                                                          for p in s.get("pilihan") or [])]
    if not items:
        errors["soal"] = [MSG_SOAL_KOSONG]
    if len(items) > MAKS_SOAL:
        errors["soal"] = [MSG_SOAL_TERLALU_BANYAK]
    for n, item in enumerate(items, start=1):
        pertanyaan = (item.get("pertanyaan") or "").strip()
        pilihan = [p.strip() for p in item.get("pilihan") or [] if p and p.strip()]
        kunci = item.get("kunci")
        if not pertanyaan:
            errors.setdefault(f"soal_{n}", []).append(MSG_PERTANYAAN_WAJIB.format(n=n))
        if not rules.MIN_PILIHAN <= len(pilihan) <= rules.MAKS_PILIHAN:
            errors.setdefault(f"soal_{n}", []).append(MSG_PILIHAN.format(n=n))
        elif not isinstance(kunci, int) or not 0 <= kunci < len(pilihan):
            errors.setdefault(f"soal_{n}", []).append(MSG_KUNCI.format(n=n))
        clean.append((pertanyaan[:500], pilihan, kunci))
    fail(errors)
    with audit_actor(actor):
        sesi.soal.all().delete()
        return SoalKuis.objects.bulk_create([
            SoalKuis(instansi_id=sesi.instansi_id, sesi=sesi, urutan=i, pertanyaan=p, pilihan=pil, kunci=k)
            for i, (p, pil, k) in enumerate(clean, start=1)])

