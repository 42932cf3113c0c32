"""Complaints (pengaduan) with an SP4N-LAPOR!-like lifecycle (REFERENCE §4):

diterima → diverifikasi (≤ 3 hari kerja after submission) → didisposisikan to a unit → ditindaklanjuti
(≤ 5 hari kerja after disposition) → selesai; or ditolak with a reason. Deadlines count working days on
`kinerja.core.kalender`. Late complaints escalate to the pimpinan OPD and Inspektorat (`pengaduan_eskalasi`, a
periodic job). The complainant's identity never reaches the reported ASN: they are left out of every list,
notification and audit entry about the complaint.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from kinerja.core import kalender
from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import ApplicationError, ErrorCode, Forbidden, InvalidState, NotFound
from kinerja.core.files import IMAGE_KINDS, validate_upload
from kinerja.core.models import Peran, PeranPengguna, User
from kinerja.core.services import notifikasi_create
from kinerja.organisasi.models import Pegawai, PenugasanPlt, StatusPegawai, UnitKerja
from kinerja.organisasi.selectors import atasan_langsung
from kinerja.partisipasi import conf, penyaring, perlindungan
from kinerja.partisipasi.access import scope_partisipasi
from kinerja.partisipasi.models import (
    STATUS_DITUTUP,
    JenisTanggapan,
    KategoriPengaduan,
    Pengaduan,
    PengelolaPengaduan,
    PetugasLayanan,
    StatusPengaduan,
    TanggapanPengaduan,
    TitikLayanan,
)
from kinerja.partisipasi.services._umum import KonteksKirim, kebijakan, raise_if, teks, tiket_baru

MSG_TIDAK_MENANGANI = "Anda tidak menangani pengaduan ini."
MSG_STATUS = "Pengaduan berstatus {status}; langkah ini tidak dapat dilakukan sekarang."
MSG_ALASAN_TOLAK = "Tuliskan alasan penolakan; pelapor akan membacanya."
MSG_TINDAK_LANJUT = "Tuliskan tindak lanjut yang sudah dilakukan; pelapor akan membacanya."
MSG_UNIT_DISPOSISI = "Pilih unit yang akan menindaklanjuti."
MSG_KONTAK_ANONIM = "Pengaduan anonim tidak memuat nama atau kontak. Hapus nama/kontak, atau matikan pilihan anonim."
MSG_KONTAK = "Tulis nomor HP (08…) atau alamat email, agar petugas dapat menghubungi Anda."
MSG_DUPLIKAT_SENDIRI = "Pengaduan yang sama sudah Anda kirim dengan tiket {tiket}. Pantau statusnya dengan kode itu."
MSG_TUTUP_LAMA = "Pengaduan ini sudah ditutup lebih dari {hari} hari; kirim pengaduan baru bila masalah berlanjut."
HARI_BALAS_SETELAH_TUTUP = 14
DUPLIKAT_HARI = 7


def _sidik(text: str) -> str:
    return hashlib.sha256(penyaring.normalisasi(text).encode()).hexdigest()[:16]


def _kontak_valid(kontak: str) -> bool:
    import re

    return bool(re.fullmatch(r"(\+62|62|0)8\d{7,12}", kontak.replace(" ", "").replace("-", ""))
                or re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}", kontak))


# --- who is told -------------------------------------------------------------------------------------------------


def kepala_unit(unit: UnitKerja, on: dt.date | None = None) -> list[Pegawai]:
    """Holders of the head position of a unit: the definitive holder and any active Plt/Plh."""
    from kinerja.organisasi.access import active_plt_q

    on = on or timezone.localdate()
    people = list(Pegawai.objects.filter(jabatan__unit_kerja=unit, jabatan__is_kepala_unit=True,
                                         status=StatusPegawai.AKTIF).select_related("user"))
    for plt in PenugasanPlt.objects.filter(active_plt_q(on), jabatan__unit_kerja=unit,
                                           jabatan__is_kepala_unit=True).select_related("pegawai__user"):
        people.append(plt.pegawai)
    return people


def _pengelola_unit(unit: UnitKerja | None, instansi_id: int, kecuali: int | None = None) -> list[User]:
    """Handlers who should hear about a complaint in `unit`: its head (or, when the head is the reported pegawai
    `kecuali` or the post is empty, the nearest head above), appointed handlers of it or a unit above, and the
    instansi's koordinator."""
    users: dict[int, User] = {}
    ancestors: list[int] = []
    if unit is not None:
        from kinerja.organisasi.selectors import ancestor_ids

        ancestors = ancestor_ids(unit.path)
        units = UnitKerja.objects.in_bulk(ancestors)
        for unit_id in reversed(ancestors):
            heads = [p for p in kepala_unit(units[unit_id]) if p.user_id and p.pk != kecuali]
            if heads:
                users.update({p.user_id: p.user for p in heads})
                break
    q = Q(unit_kerja__isnull=True)
    if ancestors:
        q |= Q(unit_kerja_id__in=ancestors)
    for handler in (PengelolaPengaduan.objects.filter(q, instansi_id=instansi_id, aktif=True)
                    .select_related("pegawai__user")):
        if handler.pegawai.user_id:
            users[handler.pegawai.user_id] = handler.pegawai.user
    return list(users.values())


def _inspektorat(instansi_id: int) -> list[User]:
    return [g.user for g in PeranPengguna.objects.filter(instansi_id=instansi_id, peran=Peran.INSPEKTORAT)
            .select_related("user") if g.user.is_active]


def _kabari(users, pengaduan: Pengaduan, judul: str, pesan: str, jenis: str) -> int:
    """Notify staff, never the reported ASN; the text carries no identity of the complainant."""
    reported_user = pengaduan.pegawai_dilaporkan.user_id if pengaduan.pegawai_dilaporkan_id else None
    url = reverse("partisipasi:pengaduan_detail", args=[pengaduan.pk])
    sent = set()
    for user in users:
        if user is None or user.pk == reported_user or user.pk in sent:
            continue
        notifikasi_create(user=user, judul=judul, pesan=pesan, url=url, jenis=jenis)
        sent.add(user.pk)
    return len(sent)


# --- the citizen's side ---------------------------------------------------------------------------------------------


def pengaduan_submit(*, konteks: KonteksKirim, kategori: str, judul: str, uraian: str, lokasi: str = "",
                     anonim: bool = True, nama: str = "", kontak: str = "", titik: TitikLayanan | None = None,
                     petugas: PetugasLayanan | None = None, unit: UnitKerja | None = None,
                     foto=None, instansi_id: int | None = None) -> Pengaduan:
    """Receive a complaint; returns it with its ticket code. About a named ASN when `petugas` is given."""
    errors: dict[str, list[str]] = {}
    if kategori not in KategoriPengaduan.values:
        errors["kategori"] = ["Pilih jenis masalah."]
    judul = teks(judul, field_name="judul", maks=150, wajib=True, errors=errors)
    uraian = teks(uraian, field_name="uraian", maks=4000, wajib=True, errors=errors)
    if uraian and len(uraian) < 15 and "uraian" not in errors:
        errors["uraian"] = ["Ceritakan sedikit lebih lengkap (minimal 15 karakter): apa, kapan, di mana."]
    lokasi = teks(lokasi, field_name="lokasi", maks=200, errors=errors)
    nama = teks(nama, field_name="nama", maks=120, errors=errors)
    kontak = teks(kontak, field_name="kontak", maks=120, errors=errors)
    if anonim and (nama or kontak):
        errors.setdefault("nama" if nama else "kontak", []).append(MSG_KONTAK_ANONIM)
    if not anonim and kontak and not _kontak_valid(kontak) and "kontak" not in errors:
        errors["kontak"] = [MSG_KONTAK]
    raise_if(errors)
    if titik is not None and not titik.aktif:
        raise NotFound("Halaman ini sudah tidak aktif.")
    if petugas is not None and not petugas.aktif:
        raise NotFound("Halaman ini sudah tidak aktif.")
    pegawai = petugas.pegawai if petugas is not None else None
    if unit is None:
        unit = titik.unit_kerja if titik is not None else (pegawai.unit_kerja if pegawai is not None else None)
    instansi_id = (titik or petugas or unit).instansi_id if (titik or petugas or unit) else instansi_id
    if instansi_id is None:
        raise ApplicationError("Pilih instansi atau unit yang dituju.", detail={"unit": ["Pilih unit yang dituju."]})
    clean = None
    if foto:
        try:
            clean = validate_upload(foto, allowed=IMAGE_KINDS, max_bytes=conf.foto_maks_bytes())
        except ApplicationError as exc:
            exc.detail = {"foto": [exc.message]}
            raise
    sidik = _sidik(uraian)
    since = konteks.dikirim_pada - dt.timedelta(days=DUPLIKAT_HARI)
    earlier = Pengaduan.objects.filter(instansi_id=instansi_id, uraian_sidik=sidik, dikirim_pada__gte=since,
                                       duplikat_dari__isnull=True).order_by("dikirim_pada").first()
    if earlier is not None and konteks.perangkat_hash and earlier.perangkat_hash == konteks.perangkat_hash:
        raise ApplicationError(MSG_DUPLIKAT_SENDIRI.format(tiket=earlier.tiket), code=ErrorCode.CONFLICT)
    flags = penyaring.periksa(f"{judul}\n{uraian}")
    if earlier is not None:
        flags.append("duplikat")
    policy = kebijakan(instansi_id)
    tanggal = timezone.localtime(konteks.dikirim_pada).date()
    with transaction.atomic():
        perlindungan.verifikasi_manusia(konteks.bukti)
        obj = Pengaduan(
            instansi_id=instansi_id, titik=titik, unit_kerja=unit, petugas=petugas, pegawai_dilaporkan=pegawai,
            atasan_dilaporkan=atasan_langsung(pegawai) if pegawai is not None else None,
            kategori=kategori, judul=judul, uraian=uraian, uraian_sidik=sidik, lokasi=lokasi, anonim=anonim,
            nama_pelapor="" if anonim else nama, kontak_pelapor="" if anonim else kontak,
            dikirim_pada=konteks.dikirim_pada, sumber=konteks.sumber, ip_hash=konteks.ip_hash,
            perangkat_hash=konteks.perangkat_hash, tanda=",".join(flags), duplikat_dari=earlier,
            tenggat_verifikasi=kalender.add_hari_kerja(tanggal, policy.sla_verifikasi_hari, instansi_id),
        )
        if clean is not None:
            obj.foto.save(clean.content.name, clean.content, save=False)
            obj.foto_kecil.save(clean.thumbnail.name, clean.thumbnail, save=False)
        for _attempt in range(5):
            obj.tiket = tiket_baru()
            try:
                with transaction.atomic():
                    obj.save()
                break
            except IntegrityError:
                obj.pk = None
                continue
        TanggapanPengaduan.objects.create(
            instansi_id=instansi_id, pengaduan=obj, jenis=JenisTanggapan.SISTEM, status_sesudah=obj.status,
            isi=f"Pengaduan diterima. Akan diverifikasi paling lambat {obj.tenggat_verifikasi:%d-%m-%Y}.",
            dikirim_pada=konteks.dikirim_pada)
        transaction.on_commit(lambda: _kabari(_pengelola_unit(unit, instansi_id, obj.pegawai_dilaporkan_id), obj,
                                              f"Pengaduan baru {obj.tiket}", obj.judul, "pengaduan_baru"))
    return obj


@transaction.atomic
def pengaduan_balas_pelapor(*, pengaduan: Pengaduan, isi: str, konteks: KonteksKirim) -> TanggapanPengaduan:
    """The citizen answers on the status page (reached with the ticket code)."""
    errors: dict[str, list[str]] = {}
    isi = teks(isi, field_name="isi", maks=2000, wajib=True, errors=errors)
    raise_if(errors)
    if pengaduan.status in STATUS_DITUTUP and pengaduan.ditutup_pada and (
            timezone.now() - pengaduan.ditutup_pada > dt.timedelta(days=HARI_BALAS_SETELAH_TUTUP)):
        raise InvalidState(MSG_TUTUP_LAMA.format(hari=HARI_BALAS_SETELAH_TUTUP))
    perlindungan.verifikasi_manusia(konteks.bukti)
    entry = TanggapanPengaduan.objects.create(instansi_id=pengaduan.instansi_id, pengaduan=pengaduan,
                                              jenis=JenisTanggapan.PELAPOR, isi=isi,
                                              dikirim_pada=konteks.dikirim_pada)
    transaction.on_commit(lambda: _kabari(_pengelola_unit(pengaduan.unit_kerja, pengaduan.instansi_id,
                                                          pengaduan.pegawai_dilaporkan_id), pengaduan,
                                          f"Balasan pelapor {pengaduan.tiket}", isi[:200], "pengaduan_balasan"))
    return entry


# --- the handlers' side ------------------------------------------------------------------------------------------


def _lock(pengaduan: Pengaduan) -> Pengaduan:
    return Pengaduan.objects.select_for_update(of=("self",)).select_related("unit_kerja").get(pk=pengaduan.pk)


def _boleh_tangani(actor, pengaduan: Pengaduan) -> None:
    scope = scope_partisipasi(actor)
    if pengaduan.instansi_id != scope.instansi_id:
        raise NotFound("Data tidak ditemukan atau Anda tidak berwenang melihatnya.")
    if not scope.menangani_pengaduan(pengaduan):
        raise Forbidden(MSG_TIDAK_MENANGANI)


def _status_harus(pengaduan: Pengaduan, *allowed: str) -> None:
    if pengaduan.status not in allowed:
        raise InvalidState(MSG_STATUS.format(status=pengaduan.get_status_display().lower()))


def _catat(pengaduan: Pengaduan, actor, jenis: str, isi: str, lama: str = "", publik: bool = True):
    return TanggapanPengaduan.objects.create(instansi_id=pengaduan.instansi_id, pengaduan=pengaduan, jenis=jenis,
                                             penulis=actor, unit_kerja=pengaduan.unit_kerja, isi=isi,
                                             status_sebelum=lama, status_sesudah=pengaduan.status, publik=publik)


def _ubah(pengaduan: Pengaduan, actor, status: str, isi: str, **fields) -> Pengaduan:
    lama = pengaduan.status
    pengaduan.status = status
    for k, v in fields.items():
        setattr(pengaduan, k, v)
    pengaduan.save(update_fields=["status", "updated_at", *fields])
    _catat(pengaduan, actor, JenisTanggapan.PETUGAS, isi, lama)
    return pengaduan


@transaction.atomic
def pengaduan_verifikasi(*, actor, pengaduan: Pengaduan, catatan: str = "") -> Pengaduan:
    pengaduan = _lock(pengaduan)
    _boleh_tangani(actor, pengaduan)
    _status_harus(pengaduan, StatusPengaduan.DITERIMA)
    errors: dict = {}
    catatan = teks(catatan, field_name="catatan", maks=1000, errors=errors)
    raise_if(errors)
    with audit_actor(actor):
        return _ubah(pengaduan, actor, StatusPengaduan.DIVERIFIKASI,
                     catatan or "Pengaduan sudah diverifikasi: isinya jelas dan menjadi kewenangan kami.",
                     diverifikasi_pada=timezone.now())


@transaction.atomic
def pengaduan_disposisi(*, actor, pengaduan: Pengaduan, unit: UnitKerja | None, catatan: str = "") -> Pengaduan:
    """Forward the complaint to the unit that follows it up; the 5-working-day clock starts."""
    pengaduan = _lock(pengaduan)
    _boleh_tangani(actor, pengaduan)
    _status_harus(pengaduan, StatusPengaduan.DITERIMA, StatusPengaduan.DIVERIFIKASI, StatusPengaduan.DIDISPOSISIKAN)
    if unit is None or unit.instansi_id != pengaduan.instansi_id or not unit.aktif:
        raise ApplicationError(MSG_UNIT_DISPOSISI, detail={"unit": [MSG_UNIT_DISPOSISI]})
    errors: dict = {}
    catatan = teks(catatan, field_name="catatan", maks=1000, errors=errors)
    raise_if(errors)
    now = timezone.now()
    policy = kebijakan(pengaduan.instansi_id)
    fields = {"unit_kerja": unit, "didisposisikan_pada": now, "eskalasi_tindak_lanjut_pada": None,
              "tenggat_tindak_lanjut": kalender.add_hari_kerja(timezone.localdate(), policy.sla_tindak_lanjut_hari,
                                                               pengaduan.instansi_id)}
    if pengaduan.diverifikasi_pada is None:
        fields["diverifikasi_pada"] = now
    with audit_actor(actor):
        pengaduan = _ubah(pengaduan, actor, StatusPengaduan.DIDISPOSISIKAN,
                          f"Diteruskan kepada {unit.nama} untuk ditindaklanjuti paling lambat "
                          f"{fields['tenggat_tindak_lanjut']:%d-%m-%Y}." + (f" {catatan}" if catatan else ""),
                          **fields)
    transaction.on_commit(lambda: _kabari(_pengelola_unit(unit, pengaduan.instansi_id,
                                                          pengaduan.pegawai_dilaporkan_id), pengaduan,
                                          f"Disposisi pengaduan {pengaduan.tiket}", pengaduan.judul,
                                          "pengaduan_disposisi"))
    return pengaduan


@transaction.atomic
def pengaduan_tindak_lanjut(*, actor, pengaduan: Pengaduan, isi: str) -> Pengaduan:
    """Post the follow-up the pelapor will read (again while ditindaklanjuti, to add to it)."""
    pengaduan = _lock(pengaduan)
    _boleh_tangani(actor, pengaduan)
    _status_harus(pengaduan, StatusPengaduan.DIDISPOSISIKAN, StatusPengaduan.DITINDAKLANJUTI)
    errors: dict = {}
    isi = teks(isi, field_name="isi", maks=4000, wajib=True, errors=errors)
    if "isi" in errors and errors["isi"] == ["Wajib diisi."]:
        errors["isi"] = [MSG_TINDAK_LANJUT]
    raise_if(errors)
    with audit_actor(actor):
        if pengaduan.status == StatusPengaduan.DITINDAKLANJUTI:
            _catat(pengaduan, actor, JenisTanggapan.PETUGAS, isi, pengaduan.status)
            return pengaduan
        return _ubah(pengaduan, actor, StatusPengaduan.DITINDAKLANJUTI, isi, ditindaklanjuti_pada=timezone.now())


@transaction.atomic
def pengaduan_selesai(*, actor, pengaduan: Pengaduan, isi: str = "") -> Pengaduan:
    pengaduan = _lock(pengaduan)
    _boleh_tangani(actor, pengaduan)
    _status_harus(pengaduan, StatusPengaduan.DITINDAKLANJUTI)
    errors: dict = {}
    isi = teks(isi, field_name="isi", maks=2000, errors=errors)
    raise_if(errors)
    with audit_actor(actor):
        return _ubah(pengaduan, actor, StatusPengaduan.SELESAI, isi or "Pengaduan dinyatakan selesai.",
                     ditutup_pada=timezone.now())


@transaction.atomic
def pengaduan_tolak(*, actor, pengaduan: Pengaduan, alasan: str) -> Pengaduan:
    pengaduan = _lock(pengaduan)
    _boleh_tangani(actor, pengaduan)
    _status_harus(pengaduan, StatusPengaduan.DITERIMA, StatusPengaduan.DIVERIFIKASI, StatusPengaduan.DIDISPOSISIKAN)
    errors: dict = {}
    alasan = teks(alasan, field_name="alasan", maks=300, wajib=True, errors=errors)
    if errors.get("alasan") == ["Wajib diisi."]:
        errors["alasan"] = [MSG_ALASAN_TOLAK]
    raise_if(errors)
    with audit_actor(actor):
        return _ubah(pengaduan, actor, StatusPengaduan.DITOLAK, f"Pengaduan ditolak: {alasan}", alasan_tolak=alasan,
                     ditutup_pada=timezone.now())


@transaction.atomic
def pengaduan_catatan(*, actor, pengaduan: Pengaduan, isi: str) -> TanggapanPengaduan:
    """An internal note for the handlers and Inspektorat (never shown to the pelapor)."""
    _boleh_tangani(actor, pengaduan)
    errors: dict = {}
    isi = teks(isi, field_name="isi", maks=2000, wajib=True, errors=errors)
    raise_if(errors)
    with audit_actor(actor):
        return _catat(pengaduan, actor, JenisTanggapan.CATATAN, isi, publik=False)


# --- periodic jobs --------------------------------------------------------------------------------------------------


def terlambat_q(today: dt.date) -> Q:
    """Complaints past an SLA deadline: not verified in time, or not followed up in time."""
    return (Q(status=StatusPengaduan.DITERIMA, tenggat_verifikasi__lt=today)
            | Q(status=StatusPengaduan.DIVERIFIKASI, tenggat_verifikasi__lt=today)
            | Q(status=StatusPengaduan.DIDISPOSISIKAN, tenggat_tindak_lanjut__lt=today))


def _penerima_eskalasi(pengaduan: Pengaduan) -> list[User]:
    users = _inspektorat(pengaduan.instansi_id)
    opd = None
    if pengaduan.unit_kerja_id:
        unit = pengaduan.unit_kerja
        opd = unit if unit.opd_id is None else unit.opd
    if opd is not None:
        users += [p.user for p in kepala_unit(opd) if p.user_id]
    users += _pengelola_unit(None, pengaduan.instansi_id)  # the koordinator
    return users


@transaction.atomic
def pengaduan_eskalasi(*, now: dt.datetime | None = None) -> int:
    """Escalate complaints past their SLA to the pimpinan OPD and Inspektorat, once per stage."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    count = 0
    late = (Pengaduan.objects.filter(terlambat_q(today))
            .filter(Q(status=StatusPengaduan.DIDISPOSISIKAN, eskalasi_tindak_lanjut_pada__isnull=True)
                    | Q(status__in=[StatusPengaduan.DITERIMA, StatusPengaduan.DIVERIFIKASI],
                        eskalasi_verifikasi_pada__isnull=True))
            .select_related("unit_kerja__opd", "pegawai_dilaporkan").select_for_update(of=("self",)))
    for pengaduan in late:
        tindak = pengaduan.status == StatusPengaduan.DIDISPOSISIKAN
        tahap = "tindak lanjut" if tindak else "verifikasi"
        tenggat = pengaduan.tenggat_tindak_lanjut if tindak else pengaduan.tenggat_verifikasi
        field = "eskalasi_tindak_lanjut_pada" if tindak else "eskalasi_verifikasi_pada"
        setattr(pengaduan, field, now)
        pengaduan.save(update_fields=[field, "updated_at"])
        TanggapanPengaduan.objects.create(
            instansi_id=pengaduan.instansi_id, pengaduan=pengaduan, jenis=JenisTanggapan.SISTEM, publik=False,
            isi=f"Melewati batas {tahap} ({tenggat:%d-%m-%Y}); diteruskan ke pimpinan OPD dan Inspektorat.",
            status_sesudah=pengaduan.status, dikirim_pada=now)
        _kabari(_penerima_eskalasi(pengaduan), pengaduan, f"Pengaduan {pengaduan.tiket} terlambat ({tahap})",
                f"{pengaduan.judul} — batas {tahap} {tenggat:%d-%m-%Y} terlewati.", "pengaduan_eskalasi")
        count += 1
    return count


@transaction.atomic
def retensi_terapkan(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Retention (UU PDP): erase the complainant's name and contact after `retensi_identitas_hari` from closing,
    and the address/device hashes of every public submission after `retensi_jejak_hari`."""
    from kinerja.partisipasi.models import KebijakanPartisipasi, MasukanProyek, PenilaianPetugas, ResponSurvei

    now = now or timezone.now()
    result = {"identitas": 0, "jejak": 0}
    instansi_ids = set(Pengaduan.objects.values_list("instansi_id", flat=True).distinct())
    instansi_ids |= set(ResponSurvei.objects.values_list("instansi_id", flat=True).distinct())
    policies = {k.instansi_id: k for k in KebijakanPartisipasi.objects.filter(instansi_id__in=instansi_ids)}
    for iid in instansi_ids:
        policy = policies.get(iid) or kebijakan(iid)
        cut_id = now - dt.timedelta(days=policy.retensi_identitas_hari)
        result["identitas"] += Pengaduan.objects.filter(
            instansi_id=iid, status__in=STATUS_DITUTUP, ditutup_pada__lt=cut_id, identitas_dihapus_pada__isnull=True,
        ).update(nama_pelapor="", kontak_pelapor="", ip_hash="", perangkat_hash="", identitas_dihapus_pada=now)
        cut = now - dt.timedelta(days=policy.retensi_jejak_hari)
        for model in (ResponSurvei, PenilaianPetugas, MasukanProyek):
            result["jejak"] += (model.objects.filter(instansi_id=iid, dikirim_pada__lt=cut)
                                .exclude(ip_hash="", perangkat_hash="").update(ip_hash="", perangkat_hash=""))
        result["jejak"] += (Pengaduan.objects.filter(instansi_id=iid, dikirim_pada__lt=cut)
                            .exclude(ip_hash="", perangkat_hash="").update(ip_hash="", perangkat_hash=""))
    return result

