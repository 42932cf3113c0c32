"""Complaints: the SP4N-LAPOR! lifecycle, SLA on working days, escalation, retention, and the rule that the
complainant's identity never reaches the reported ASN (UU PDP)."""

import datetime as dt
import json
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from kinerja.core import kalender
from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState, NotFound
from kinerja.core.models import HariLibur, Notifikasi
from kinerja.organisasi.tests.factories import fresh
from kinerja.partisipasi import selectors, services
from kinerja.partisipasi.models import Pengaduan, StatusPengaduan, TanggapanPengaduan
from kinerja.partisipasi.tests.factories import konteks, pengaduan

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour=10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _next_weekday(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def test_ticket_and_verification_deadline_on_working_days(dunia):
    friday = _next_weekday(dt.date(2026, 3, 2), 4)  # Friday 6 March 2026
    HariLibur.objects.create(tanggal=friday + dt.timedelta(days=3), jenis="libur_daerah", nama="Libur uji",
                             instansi=dunia.org.instansi)
    kalender.invalidate()
    p = pengaduan(dunia, konteks=konteks(when=_at(friday)))
    assert p.tiket.startswith("ADU-") and len(p.tiket) == 13
    # Mon 9 is a holiday: Tue 10, Wed 11, Thu 12 → 3 working days
    assert p.tenggat_verifikasi == dt.date(2026, 3, 12)
    assert p.status == StatusPengaduan.DITERIMA
    assert p.tanggapan.get().jenis == "sistem"


def test_full_lifecycle(dunia):
    kasi = fresh(dunia.org.kasi.user)
    p = pengaduan(dunia)
    services.pengaduan_verifikasi(actor=kasi, pengaduan=p)
    p = services.pengaduan_disposisi(actor=kasi, pengaduan=p, unit=dunia.org.seksi_imunisasi, catatan="Mohon cek")
    assert p.status == "didisposisikan"
    assert p.tenggat_tindak_lanjut == kalender.add_hari_kerja(timezone.localdate(), 5, p.instansi_id)
    p = services.pengaduan_tindak_lanjut(actor=kasi, pengaduan=p, isi="Loket kedua dibuka mulai besok.")
    p = services.pengaduan_tindak_lanjut(actor=kasi, pengaduan=p, isi="Tambahan: jadwal dipasang.")
    assert p.status == "ditindaklanjuti"
    p = services.pengaduan_selesai(actor=kasi, pengaduan=p)
    assert p.status == "selesai" and p.ditutup_pada is not None
    statuses = list(p.tanggapan.values_list("status_sesudah", flat=True))
    assert statuses == ["diterima", "diverifikasi", "didisposisikan", "ditindaklanjuti", "ditindaklanjuti", "selesai"]
    publik = selectors.pengaduan_publik_get(p.tiket.lower().replace("-", " "))
    assert publik.pk == p.pk


def test_invalid_transitions_are_refused(dunia):
    kasi = fresh(dunia.org.kasi.user)
    p = pengaduan(dunia)
    with pytest.raises(InvalidState):
        services.pengaduan_selesai(actor=kasi, pengaduan=p)
    with pytest.raises(InvalidState):
        services.pengaduan_tindak_lanjut(actor=kasi, pengaduan=p, isi="x")
    with pytest.raises(ApplicationError, match="alasan penolakan"):
        services.pengaduan_tolak(actor=kasi, pengaduan=p, alasan="  ")
    p = services.pengaduan_tolak(actor=kasi, pengaduan=p, alasan="Bukan kewenangan kabupaten.")
    assert p.status == "ditolak" and p.alasan_tolak == "Bukan kewenangan kabupaten."
    with pytest.raises(InvalidState):
        services.pengaduan_verifikasi(actor=kasi, pengaduan=p)
    with pytest.raises(ApplicationError, match="Pilih unit"):
        services.pengaduan_disposisi(actor=kasi, pengaduan=pengaduan(dunia, uraian="Uraian lain yang cukup panjang"),
                                     unit=None)


@pytest.mark.parametrize(("who", "allowed"), [
    ("kasi", True), ("kabid", True), ("kadis", True), ("admin", True),
    ("staff_2", False), ("staff_3", False), ("kadis_pupr", False), ("auditor", False), ("bupati", False),
    ("kadis_b", False),
])
def test_who_handles(dunia, who, allowed):
    p = pengaduan(dunia)
    actor = fresh(dunia.org.user(who))
    if allowed:
        services.pengaduan_verifikasi(actor=actor, pengaduan=p)
    else:
        with pytest.raises((Forbidden, NotFound)):
            services.pengaduan_verifikasi(actor=actor, pengaduan=p)


@pytest.mark.parametrize(("field", "value", "msg"), [
    ("kategori", "apa", "jenis masalah"), ("judul", "", "Wajib"), ("uraian", "pendek", "minimal 15"),
    ("uraian", "<script>x()</script> panjang sekali", "kode HTML"),
])
def test_bad_complaint_input(dunia, field, value, msg):
    with pytest.raises(ApplicationError) as exc:
        pengaduan(dunia, **{field: value})
    assert msg in exc.value.detail[field][0]
    assert not Pengaduan.objects.exists()


def test_anonymous_keeps_no_identity_and_contact_is_checked(dunia):
    with pytest.raises(ApplicationError, match="anonim"):
        pengaduan(dunia, anonim=True, nama="Siti")
    with pytest.raises(ApplicationError, match="nomor HP"):
        pengaduan(dunia, anonim=False, nama="Siti", kontak="rahasia")
    p = pengaduan(dunia, anonim=False, nama="Siti", kontak="0812 3456 7890")
    assert (p.nama_pelapor, p.kontak_pelapor) == ("Siti", "0812 3456 7890")


def test_duplicates(dunia):
    first = pengaduan(dunia, konteks=konteks(perangkat="hp-sama"))
    with pytest.raises(ApplicationError) as exc:
        pengaduan(dunia, konteks=konteks(perangkat="hp-sama"))
    assert exc.value.status == 409 and first.tiket in exc.value.message
    other = pengaduan(dunia, konteks=konteks(perangkat="hp-lain"))
    assert other.duplikat_dari_id == first.pk and "duplikat" in other.tanda
    assert first.tiket not in other.tanda


def test_complaint_about_named_asn_goes_to_the_supervisor_never_the_asn(dunia):
    p = pengaduan(dunia, petugas=dunia.petugas, anonim=False, nama="Siti Pelapor", kontak="081234567890",
                  titik=None, kategori="perilaku")
    assert p.pegawai_dilaporkan_id == dunia.org.staff_1.pk
    assert p.atasan_dilaporkan_id == dunia.org.kasi.pk  # snapshot of the atasan langsung
    assert p.unit_kerja_id == dunia.org.staff_1.unit_kerja_id
    # the reported ASN: not in lists, 404 on the object
    asn = fresh(dunia.org.staff_1.user)
    assert not selectors.pengaduan_list(actor=asn).exists()
    with pytest.raises(NotFound):
        selectors.pengaduan_get(actor=asn, pk=p.pk)
    # the supervisor reads it, without the identity (only handlers and Inspektorat see it)
    kasi = fresh(dunia.org.kasi.user)
    assert selectors.pengaduan_get(actor=kasi, pk=p.pk)
    assert selectors.identitas_terlihat(actor=fresh(dunia.org.auditor.user), pengaduan=p)
    assert selectors.identitas_terlihat(actor=fresh(dunia.org.admin.user), pengaduan=p)


def test_reported_asn_who_also_manages_the_unit_still_never_sees_it(dunia):
    # the kasi opts in and is reported; the kasi heads the unit that would handle it
    petugas_kasi = services.petugas_bersedia(actor=fresh(dunia.org.kasi.user), sebutan="Kepala seksi")
    p = pengaduan(dunia, petugas=petugas_kasi, anonim=False, nama="Rahasia Sekali", kontak="081200000000",
                  titik=None)
    kasi = fresh(dunia.org.kasi.user)
    assert not selectors.pengaduan_list(actor=kasi).filter(pk=p.pk).exists()
    with pytest.raises(NotFound):
        selectors.pengaduan_get(actor=kasi, pk=p.pk)
    with pytest.raises((Forbidden, NotFound)):
        services.pengaduan_verifikasi(actor=kasi, pengaduan=p)
    assert not selectors.identitas_terlihat(actor=kasi, pengaduan=p)
    # their superior handles it instead
    services.pengaduan_verifikasi(actor=fresh(dunia.org.kabid.user), pengaduan=p)


def test_notifications_skip_the_reported_asn_and_carry_no_identity(dunia, django_capture_on_commit_callbacks):
    petugas_kasi = services.petugas_bersedia(actor=fresh(dunia.org.kasi.user), sebutan="Kepala seksi")
    with django_capture_on_commit_callbacks(execute=True):
        p = pengaduan(dunia, petugas=petugas_kasi, anonim=False, nama="Nama Rahasia", kontak="081299999999",
                      titik=None)
    notified = set(Notifikasi.objects.values_list("user_id", flat=True))
    assert dunia.org.kasi.user_id not in notified  # head of the unit, but reported
    assert not Notifikasi.objects.filter(pesan__contains="Rahasia").exists()
    assert not Notifikasi.objects.filter(judul__contains="Rahasia").exists()
    assert dunia.org.kabid.user_id in notified  # the next head up handles it
    assert p.tiket in Notifikasi.objects.values_list("judul", flat=True).first()


def test_identity_never_enters_the_audit_log(dunia):
    p = pengaduan(dunia, anonim=False, nama="Nama Rahasia", kontak="081277777777")
    services.pengaduan_verifikasi(actor=fresh(dunia.org.kasi.user), pengaduan=p)
    dump = json.dumps(list(LogEntry.objects.values_list("changes", "changes_text", "object_repr")), default=str)
    assert "Nama Rahasia" not in dump and "081277777777" not in dump
    assert LogEntry.objects.filter(object_pk=str(p.pk)).exists()


def test_escalation_once_per_stage_to_pimpinan_opd_and_inspektorat(dunia):
    past = timezone.localdate() - dt.timedelta(days=20)
    p = pengaduan(dunia, petugas=dunia.petugas, titik=None, konteks=konteks(when=_at(past)))
    assert p.tenggat_verifikasi < timezone.localdate()
    assert services.pengaduan_eskalasi() == 1
    assert services.pengaduan_eskalasi() == 0  # not twice
    notified = set(Notifikasi.objects.filter(jenis="pengaduan_eskalasi").values_list("user_id", flat=True))
    assert dunia.org.kadis.user_id in notified  # pimpinan OPD of the unit
    assert dunia.org.auditor.user_id in notified  # Inspektorat
    assert dunia.org.staff_1.user_id not in notified  # the reported ASN
    p.refresh_from_db()
    assert p.eskalasi_verifikasi_pada is not None
    assert TanggapanPengaduan.objects.filter(pengaduan=p, publik=False, isi__contains="Melewati batas").exists()
    # follow-up stage: disposed long ago and not followed up
    kasi = fresh(dunia.org.kasi.user)
    services.pengaduan_disposisi(actor=kasi, pengaduan=p, unit=dunia.org.seksi_imunisasi)
    Pengaduan.objects.filter(pk=p.pk).update(tenggat_tindak_lanjut=timezone.localdate() - dt.timedelta(days=1))
    assert services.pengaduan_eskalasi() == 1
    assert selectors.pengaduan_list(actor=kasi, terlambat=True).filter(pk=p.pk).exists()


def test_retention_erases_identity_after_closing(dunia):
    p = pengaduan(dunia, anonim=False, nama="Siti", kontak="081234567890")
    services.pengaduan_tolak(actor=fresh(dunia.org.kasi.user), pengaduan=p, alasan="Bukan kewenangan.")
    assert services.retensi_terapkan()["identitas"] == 0
    later = timezone.now() + dt.timedelta(days=366)
    result = services.retensi_terapkan(now=later)
    p.refresh_from_db()
    assert result["identitas"] == 1
    assert (p.nama_pelapor, p.kontak_pelapor, p.ip_hash, p.perangkat_hash) == ("", "", "", "")
    assert p.identitas_dihapus_pada is not None and p.uraian  # the case itself is kept


def test_retention_erases_address_hashes_of_feedback(dunia):
    from kinerja.partisipasi.models import ResponSurvei
    from kinerja.partisipasi.tests.factories import jawaban

    services.survei_submit(titik=dunia.titik, jawaban=jawaban(), konteks=konteks())
    services.retensi_terapkan(now=timezone.now() + dt.timedelta(days=91))
    assert ResponSurvei.objects.get().ip_hash == ""


def test_citizen_reply_by_ticket(dunia):
    p = pengaduan(dunia)
    entry = services.pengaduan_balas_pelapor(pengaduan=p, isi="Masih terjadi hari ini.", konteks=konteks())
    assert entry.jenis == "pelapor"
    with pytest.raises(ApplicationError):
        services.pengaduan_balas_pelapor(pengaduan=p, isi="", konteks=konteks())
    p = services.pengaduan_tolak(actor=fresh(dunia.org.kasi.user), pengaduan=p, alasan="Bukan kewenangan.")
    services.pengaduan_balas_pelapor(pengaduan=p, isi="Kenapa ditolak?", konteks=konteks())  # within 14 days
    later = timezone.now() + dt.timedelta(days=30)
    with mock.patch("django.utils.timezone.now", return_value=later), pytest.raises(InvalidState):
        services.pengaduan_balas_pelapor(pengaduan=p, isi="Kenapa ditolak?", konteks=konteks())


def test_internal_note_is_not_public(dunia):
    p = pengaduan(dunia)
    services.pengaduan_catatan(actor=fresh(dunia.org.kasi.user), pengaduan=p, isi="Cek CCTV.")
    publik = selectors.pengaduan_publik_get(p.tiket)
    assert "Cek CCTV." not in [t.isi for t in publik.tanggapan.all()]
    with pytest.raises(Forbidden):
        services.pengaduan_catatan(actor=fresh(dunia.org.auditor.user), pengaduan=p, isi="Inspektorat hanya membaca")


def test_unknown_ticket(dunia):
    for bad in ("ADU-0000-0000", "bukan tiket", ""):
        with pytest.raises(NotFound, match="Kode tiket tidak ditemukan"):
            selectors.pengaduan_publik_get(bad)
