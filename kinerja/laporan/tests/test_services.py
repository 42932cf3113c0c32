"""Services of daily reports: writing, the rules, idempotency, review, audit. Every bad input named by the issue is
refused with an Indonesian message and a 4xx code, and nothing saved is lost."""

import datetime as dt
import uuid
from decimal import Decimal
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from kinerja.core.exceptions import ApplicationError, ErrorCode, Forbidden, NotFound
from kinerja.core.models import Notifikasi
from kinerja.laporan import rules, services
from kinerja.laporan.models import KomentarLaporan, LaporanHarian
from kinerja.laporan.tests.factories import data_laporan
from kinerja.organisasi.models import UnitKerja
from kinerja.organisasi.tests.factories import fresh, system_actor

pytestmark = pytest.mark.django_db

T = dt.time
# Thursday 26 March 2026, 10:00 WIB. 18–24 March are holidays and cuti bersama (Nyepi, Idul Fitri) in the
# calendar data, 21–22 a weekend: 17 March is only 2 working days back.
NOW = dt.datetime(2026, 3, 26, 3, 0, tzinfo=dt.UTC)


def create(dunia, who="staff_1", *, now=None, ajukan=False, key=None, **kw):
    return services.laporan_harian_create(actor=fresh(getattr(dunia, who).user), data=data_laporan(dunia, who, **kw),
                                          ajukan=ajukan, idempotency_key=key, now=now)


def refused(fn, message=None, code=ErrorCode.VALIDATION):
    with pytest.raises(ApplicationError) as exc:
        fn()
    assert exc.value.code == code
    assert 400 <= exc.value.status < 500
    if message:
        assert exc.value.message == message
    return exc.value


# --- creating and submitting ---------------------------------------------------------------------------------------
def test_create_draft_keeps_a_snapshot_then_submit_goes_to_the_atasan(dunia):
    laporan, created = create(dunia)
    assert created and laporan.status == "draft" and laporan.penilai_id is None
    assert laporan.durasi_menit == 120 and laporan.skp_id == dunia.skp["staff_1"].pk
    assert laporan.rhk_id == dunia.rhk("staff_1").pk
    assert laporan.jabatan_nama == "Epidemiolog Kesehatan" and laporan.unit_kerja_nama == "Seksi Imunisasi"
    assert laporan.zona_waktu == "Asia/Jakarta"
    services.laporan_harian_submit(actor=fresh(dunia.staff_1.user), laporan=laporan)
    laporan.refresh_from_db()
    assert laporan.status == "diajukan" and laporan.penilai_id == dunia.kasi.pk and laporan.diajukan_pada


def test_submit_at_once_and_the_kasi_reports_to_the_kabid(dunia):
    laporan, _ = create(dunia, "kasi", ajukan=True)
    assert laporan.status == "diajukan" and laporan.penilai_id == dunia.kabid.pk


def test_rhk_only_without_indicator(dunia):
    laporan, _ = create(dunia, indikator_id=None, rhk_id=dunia.rhk("staff_1", 1).pk)
    assert laporan.indikator_id is None and laporan.rhk_id == dunia.rhk("staff_1", 1).pk


def test_the_same_idempotency_key_returns_the_original(dunia):
    key = uuid.uuid4()
    first, created = create(dunia, key=key, ajukan=True)
    again, created_again = create(dunia, key=key, ajukan=True, uraian="dikirim ulang", jam_mulai=T(13))
    assert created and not created_again and again.pk == first.pk
    assert LaporanHarian.objects.count() == 1 and again.uraian == first.uraian


def test_the_same_key_from_another_pegawai_is_another_report(dunia):
    key = uuid.uuid4()
    a, _ = create(dunia, "staff_1", key=key)
    b, created = create(dunia, "staff_2", key=key)
    assert created and a.pk != b.pk


def test_a_lost_race_on_the_key_answers_with_the_winner(dunia):
    key = uuid.uuid4()
    winner, _ = create(dunia, key=key)
    real = services.laporan._by_key
    calls = []

    def miss_first(pegawai, k):
        calls.append(k)
        return real(pegawai, k)

    with mock.patch.object(services.laporan, "_by_key", side_effect=miss_first):
        again, created = create(dunia, key=key, jam_mulai=T(13), jam_selesai=T(14))
    # no separate look-up of the key: the check under the write lock finds the winner's row before any insert
    assert not created and again.pk == winner.pk and calls == []
    assert LaporanHarian.objects.count() == 1


def test_a_replay_that_no_longer_passes_the_checks_still_returns_the_original(dunia):
    key = uuid.uuid4()
    day = NOW.date()
    first, _ = create(dunia, key=key, ajukan=True, now=NOW, tanggal=day)
    later = NOW + dt.timedelta(days=30)  # the report's day is now far outside the backdating window
    again, created = create(dunia, key=key, ajukan=True, now=later, tanggal=day)
    assert not created and again.pk == first.pk
    refused(lambda: create(dunia, key=uuid.uuid4(), ajukan=True, now=later, tanggal=day, jam_mulai=T(13),
                           jam_selesai=T(14)))
    assert LaporanHarian.objects.count() == 1


def test_invalid_idempotency_key():
    refused(lambda: services.parse_idempotency_key("bukan-uuid"), rules.MSG_KUNCI_IDEMPOTENSI)
    assert services.parse_idempotency_key("") is None
    assert services.parse_idempotency_key(" 3f0c1a2e-8d4b-4c55-9a8e-1b2c3d4e5f60 ") == uuid.UUID(
        "3f0c1a2e-8d4b-4c55-9a8e-1b2c3d4e5f60")


def test_an_account_without_pegawai_cannot_report(dunia):
    with pytest.raises(Forbidden):
        services.laporan_harian_create(actor=fresh(dunia.bupati), data=data_laporan(dunia))


# --- bad input: a clear Indonesian message, a 4xx, nothing saved ------------------------------------------------------
def test_missing_rhk(dunia):
    exc = refused(lambda: create(dunia, indikator_id=None, rhk_id=None), rules.MSG_RHK_WAJIB)
    assert exc.detail == {"rhk_id": [rules.MSG_RHK_WAJIB]}
    assert not LaporanHarian.objects.exists()


def test_negative_output(dunia):
    exc = refused(lambda: create(dunia, output_jumlah=Decimal("-1")), rules.MSG_OUTPUT_NEGATIF)
    assert "output_jumlah" in exc.detail
    assert not LaporanHarian.objects.exists()


@pytest.mark.parametrize(("mulai", "selesai"), [(T(10), T(8)), (T(9), T(9))])
def test_end_before_start(dunia, mulai, selesai):
    exc = refused(lambda: create(dunia, jam_mulai=mulai, jam_selesai=selesai), rules.MSG_JAM_URUT)
    assert exc.detail == {"jam_selesai": [rules.MSG_JAM_URUT]}
    assert not LaporanHarian.objects.exists()


def test_more_than_24_hours_in_a_day(dunia):
    services.kebijakan_laporan_update(actor=fresh(dunia.admin.user), batas_jam_harian=Decimal("24"))
    create(dunia, jam_mulai=T(0), jam_selesai=T(23))
    refused(lambda: create(dunia, jam_mulai=T(8), jam_selesai=T(10)), rules.MSG_LEBIH_24.format(total="25 jam"))
    assert LaporanHarian.objects.count() == 1


def test_over_the_policy_cap(dunia):
    create(dunia, jam_mulai=T(7), jam_selesai=T(15))
    refused(lambda: create(dunia, jam_mulai=T(15), jam_selesai=T(20)),
            rules.MSG_LEBIH_BATAS.format(total="13 jam", batas="12 jam"))
    assert LaporanHarian.objects.count() == 1


def test_overlapping_ranges_refused_touching_ones_fine(dunia):
    create(dunia, jam_mulai=T(8), jam_selesai=T(10))
    refused(lambda: create(dunia, jam_mulai=T(9), jam_selesai=T(11)),
            rules.MSG_TUMPANG_TINDIH.format(mulai="08.00", selesai="10.00"))
    create(dunia, jam_mulai=T(10), jam_selesai=T(11))
    assert LaporanHarian.objects.count() == 2


def test_someone_elses_rhk(dunia):
    exc = refused(lambda: create(dunia, "staff_1", indikator_id=dunia.indikator("staff_2").pk),
                  rules.MSG_RHK_BUKAN_MILIK)
    assert "indikator_id" in exc.detail
    refused(lambda: create(dunia, "staff_1", indikator_id=None, rhk_id=dunia.rhk("kasi").pk),
            rules.MSG_RHK_BUKAN_MILIK)
    assert not LaporanHarian.objects.exists()


def test_rhk_of_an_unapproved_skp(dunia):
    refused(lambda: create(dunia, "kabid", indikator_id=dunia.indikator("kabid").pk), rules.MSG_RHK_BUKAN_MILIK)


def test_unknown_ids_are_refused_not_crashing(dunia):
    refused(lambda: create(dunia, indikator_id=999999), rules.MSG_RHK_BUKAN_MILIK)
    refused(lambda: create(dunia, indikator_id="abc"), rules.MSG_RHK_BUKAN_MILIK)
    refused(lambda: create(dunia, program_id=999999), "Program atau proyek tidak ditemukan.")


def test_indicator_of_another_rhk(dunia):
    refused(lambda: create(dunia, rhk_id=dunia.rhk("staff_1", 1).pk, indikator_id=dunia.indikator("staff_1").pk),
            rules.MSG_INDIKATOR_RHK)


def test_several_field_errors_are_reported_together(dunia):
    exc = refused(lambda: create(dunia, uraian=" ", output_jumlah=Decimal("-2"), output_satuan="",
                                 jam_selesai=T(7)))
    assert set(exc.detail) == {"uraian", "output_jumlah", "output_satuan", "jam_selesai"}


def test_location_must_be_a_valid_pair(dunia):
    refused(lambda: create(dunia, latitude=Decimal("-6.9"), longitude=None), rules.MSG_LOKASI)
    refused(lambda: create(dunia, latitude=Decimal("95"), longitude=Decimal("107")), rules.MSG_LOKASI)
    laporan, _ = create(dunia, latitude=-6.9147321, longitude=107.6098111)
    assert laporan.latitude == Decimal("-6.914732") and laporan.longitude == Decimal("107.609811")


# --- dates: no future, backdating in working days, time zones ----------------------------------------------------------
def test_future_date(dunia_2026):
    refused(lambda: create(dunia_2026, now=NOW, tanggal=dt.date(2026, 3, 27)), rules.MSG_TANGGAL_DEPAN)


def test_backdating_counts_working_days_on_the_holiday_calendar(dunia_2026):
    d = dunia_2026
    # 16 March is 3 working days back (17, 25, 26): allowed although 10 calendar days have passed
    laporan, _ = create(d, now=NOW, tanggal=dt.date(2026, 3, 16))
    assert laporan.tanggal == dt.date(2026, 3, 16)
    # 13 March is 4 working days back
    refused(lambda: create(d, now=NOW, tanggal=dt.date(2026, 3, 13)), rules.MSG_TERLALU_LAMA.format(n=3))


def test_the_atasan_unlocks_an_old_date(dunia_2026, django_capture_on_commit_callbacks):
    d = dunia_2026
    old = dt.date(2026, 3, 13)
    refused(lambda: create(d, now=NOW, tanggal=old))
    unlock = services.buka_kunci_create(actor=fresh(d.kasi.user), pegawai=d.staff_1, tanggal=old,
                                        alasan="Tugas lapangan di desa tanpa sinyal", now=NOW)
    assert unlock.berlaku_sampai == dt.date(2026, 3, 31)  # 3 working days after 26 March (27, 30, 31)
    assert Notifikasi.objects.filter(user=d.staff_1.user, judul__contains="13-03-2026").exists()
    laporan, _ = create(d, now=NOW, tanggal=old)
    assert laporan.tanggal == old
    # after the unlock expires the date is closed again
    later = dt.datetime(2026, 4, 1, 3, 0, tzinfo=dt.UTC)
    refused(lambda: create(d, now=later, tanggal=old, jam_mulai=T(13), jam_selesai=T(14)))


def test_unlock_rules(dunia_2026):
    d = dunia_2026
    refused(lambda: services.buka_kunci_create(actor=fresh(d.kasi.user), pegawai=d.staff_1,
                                               tanggal=dt.date(2026, 3, 25), alasan="x", now=NOW),
            rules.MSG_BUKA_KUNCI_PERLU)
    refused(lambda: services.buka_kunci_create(actor=fresh(d.kasi.user), pegawai=d.staff_1,
                                               tanggal=dt.date(2026, 3, 27), alasan="x", now=NOW),
            rules.MSG_TANGGAL_DEPAN)
    refused(lambda: services.buka_kunci_create(actor=fresh(d.kasi.user), pegawai=d.staff_1,
                                               tanggal=dt.date(2026, 3, 2), alasan=" ", now=NOW), rules.MSG_ALASAN_WAJIB)
    with pytest.raises(NotFound):  # a peer does not even see the pegawai
        services.buka_kunci_create(actor=fresh(d.staff_2.user), pegawai=d.staff_1, tanggal=dt.date(2026, 3, 2),
                                   alasan="x", now=NOW)
    with pytest.raises(Forbidden):  # Inspektorat sees everyone but is nobody's atasan
        services.buka_kunci_create(actor=fresh(d.auditor.user), pegawai=d.staff_1, tanggal=dt.date(2026, 3, 2),
                                   alasan="x", now=NOW)
    # an indirect superior may unlock
    services.buka_kunci_create(actor=fresh(d.kabid.user), pegawai=d.staff_1, tanggal=dt.date(2026, 3, 2),
                               alasan="Sakit, surat dokter terlampir", now=NOW)


def test_window_of_zero_working_days(dunia_2026):
    d = dunia_2026
    services.kebijakan_laporan_update(actor=fresh(d.admin.user), batas_mundur_hari_kerja=0)
    create(d, now=NOW, tanggal=dt.date(2026, 3, 26))
    refused(lambda: create(d, now=NOW, tanggal=dt.date(2026, 3, 25), jam_mulai=T(13), jam_selesai=T(14)),
            rules.MSG_TERLALU_LAMA.format(n=0))


def test_the_date_is_decided_in_the_units_time_zone(dunia_2026):
    d = dunia_2026
    late = dt.datetime(2026, 3, 26, 16, 30, tzinfo=dt.UTC)  # 23:30 WIB on the 26th, 01:30 WIT on the 27th
    UnitKerja.objects.filter(pk=d.staff_2.unit_kerja_id).update(zona_waktu="Asia/Jayapura")  # Seksi Imunisasi
    UnitKerja.objects.filter(pk=d.yankes.pk).update(zona_waktu="Asia/Makassar")
    wit, _ = create(d, "staff_2", now=late)
    wita, _ = create(d, "staff_3", now=late)
    assert (wit.tanggal, wit.zona_waktu) == (dt.date(2026, 3, 27), "Asia/Jayapura")
    assert (wita.tanggal, wita.zona_waktu) == (dt.date(2026, 3, 27), "Asia/Makassar")
    wib, _ = create(d, "staff_pupr", now=late)
    assert wib.tanggal == dt.date(2026, 3, 26)
    refused(lambda: create(d, "staff_pupr", now=late, tanggal=dt.date(2026, 3, 27), jam_mulai=T(13),
                           jam_selesai=T(14)), rules.MSG_TANGGAL_DEPAN)


def test_outside_the_skp_validity(dunia_2026):
    d = dunia_2026
    d.skp["staff_1"].__class__.objects.filter(pk=d.skp["staff_1"].pk).update(tanggal_mulai=dt.date(2026, 3, 25))
    exc = refused(lambda: create(d, now=NOW, tanggal=dt.date(2026, 3, 24)))
    assert exc.message.startswith("Tanggal laporan berada di luar masa berlaku SKP")


def test_a_closed_period_takes_no_reports(dunia):
    dunia.periode.__class__.objects.filter(pk=dunia.periode.pk).update(status="ditutup")
    refused(lambda: create(dunia), rules.MSG_PERIODE_DITUTUP, ErrorCode.INVALID_STATE)


# --- editing and deleting -------------------------------------------------------------------------------------------
def test_edit_until_approved(dunia):
    laporan, _ = create(dunia, ajukan=True)
    services.laporan_harian_mark_opened(actor=fresh(dunia.kasi.user), laporan=laporan)
    services.laporan_harian_update(actor=fresh(dunia.staff_1.user), laporan=laporan,
                                   data={"uraian": "Menyusun laporan imunisasi (revisi)", "jam_selesai": T(11)})
    laporan.refresh_from_db()
    assert laporan.uraian.endswith("(revisi)") and laporan.durasi_menit == 180
    assert laporan.dibuka_penilai_pada is None  # changed after it was opened: must be opened again
    services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=laporan)
    before = LaporanHarian.objects.values().get(pk=laporan.pk)
    refused(lambda: services.laporan_harian_update(actor=fresh(dunia.staff_1.user), laporan=laporan,
                                                   data={"uraian": "diam-diam diubah"}),
            rules.MSG_SUDAH_DISETUJUI, ErrorCode.INVALID_STATE)
    assert LaporanHarian.objects.values().get(pk=laporan.pk) == before


def test_an_old_report_can_be_revised_without_the_backdating_check(dunia_2026):
    d = dunia_2026
    laporan, _ = create(d, now=NOW - dt.timedelta(days=20), tanggal=dt.date(2026, 3, 6))
    services.laporan_harian_update(actor=fresh(d.staff_1.user), laporan=laporan, data={"uraian": "lebih jelas"},
                                   now=NOW)
    refused(lambda: services.laporan_harian_update(actor=fresh(d.staff_1.user), laporan=laporan,
                                                   data={"tanggal": dt.date(2026, 3, 5)}, now=NOW))


def test_edits_are_checked_against_the_other_reports_but_not_itself(dunia):
    a, _ = create(dunia, jam_mulai=T(8), jam_selesai=T(10))
    create(dunia, jam_mulai=T(10), jam_selesai=T(12))
    services.laporan_harian_update(actor=fresh(dunia.staff_1.user), laporan=a, data={"jam_mulai": T(7)})
    refused(lambda: services.laporan_harian_update(actor=fresh(dunia.staff_1.user), laporan=a,
                                                   data={"jam_selesai": T(11)}))


def test_only_the_owner_edits(dunia):
    laporan, _ = create(dunia, ajukan=True)
    with pytest.raises(Forbidden):  # the atasan sees it but may not rewrite it
        services.laporan_harian_update(actor=fresh(dunia.kasi.user), laporan=laporan, data={"uraian": "x"})
    with pytest.raises(NotFound):  # a peer does not see it at all
        services.laporan_harian_update(actor=fresh(dunia.staff_2.user), laporan=laporan, data={"uraian": "x"})


def test_delete_only_drafts(dunia):
    draft, _ = create(dunia)
    submitted, _ = create(dunia, ajukan=True, jam_mulai=T(13), jam_selesai=T(14))
    refused(lambda: services.laporan_harian_delete(actor=fresh(dunia.staff_1.user), laporan=submitted),
            rules.MSG_HANYA_DRAF_DIHAPUS, ErrorCode.INVALID_STATE)
    services.laporan_harian_delete(actor=fresh(dunia.staff_1.user), laporan=draft)
    assert list(LaporanHarian.objects.values_list("pk", flat=True)) == [submitted.pk]


def test_submit_twice_changes_nothing_and_approved_cannot_be_resubmitted(dunia):
    laporan, _ = create(dunia, ajukan=True)
    first = laporan.diajukan_pada
    services.laporan_harian_submit(actor=fresh(dunia.staff_1.user), laporan=laporan)
    laporan.refresh_from_db()
    assert laporan.diajukan_pada == first
    services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=laporan)
    refused(lambda: services.laporan_harian_submit(actor=fresh(dunia.staff_1.user), laporan=laporan),
            code=ErrorCode.INVALID_STATE)


# --- review ---------------------------------------------------------------------------------------------------------
def _email(dunia, who="staff_1"):
    user = getattr(dunia, who).user
    user.email = f"{who}@uji.go.id"
    user.save(update_fields=["email"])


def test_approve_notifies_in_app_and_by_email(dunia, mailoutbox, django_capture_on_commit_callbacks):
    _email(dunia)
    laporan, _ = create(dunia, ajukan=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=laporan, komentar="Bagus.")
    laporan.refresh_from_db()
    assert laporan.status == "disetujui" and laporan.ditinjau_oleh_id == dunia.kasi.user.pk
    note = Notifikasi.objects.get(user=dunia.staff_1.user)
    assert note.judul.startswith("Disetujui:") and note.pesan == "Bagus." and note.url == f"/laporan/{laporan.pk}/"
    assert [m.to for m in mailoutbox] == [["staff_1@uji.go.id"]]
    assert KomentarLaporan.objects.get(laporan=laporan).jenis == "persetujuan"


def test_revision_needs_a_comment_and_notifies(dunia, mailoutbox, django_capture_on_commit_callbacks):
    _email(dunia)
    laporan, _ = create(dunia, ajukan=True)
    exc = refused(lambda: services.laporan_harian_request_revision(actor=fresh(dunia.kasi.user), laporan=laporan,
                                                                   komentar="  "), rules.MSG_KOMENTAR_REVISI_WAJIB)
    assert exc.detail == {"komentar": [rules.MSG_KOMENTAR_REVISI_WAJIB]}
    laporan.refresh_from_db()
    assert laporan.status == "diajukan"
    with django_capture_on_commit_callbacks(execute=True):
        services.laporan_harian_request_revision(actor=fresh(dunia.kasi.user), laporan=laporan,
                                                 komentar="Lampirkan daftar hadir.")
    laporan.refresh_from_db()
    assert laporan.status == "perlu_revisi" and laporan.jumlah_revisi == 1
    assert Notifikasi.objects.get(user=dunia.staff_1.user).pesan == "Lampirkan daftar hadir."
    assert mailoutbox[0].subject.startswith("Perlu revisi:")
    # the pegawai fixes it and resubmits; the atasan approves
    services.laporan_harian_update(actor=fresh(dunia.staff_1.user), laporan=laporan, data={"uraian": "Lengkap"})
    services.laporan_harian_submit(actor=fresh(dunia.staff_1.user), laporan=laporan)
    services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=laporan)
    laporan.refresh_from_db()
    assert laporan.status == "disetujui" and laporan.jumlah_revisi == 1


def test_only_the_pejabat_penilai_reviews(dunia):
    laporan, _ = create(dunia, ajukan=True)
    for who, error in [("kabid", Forbidden), ("kadis", Forbidden), ("auditor", Forbidden), ("admin", Forbidden),
                       ("staff_2", NotFound), ("kadis_b", NotFound), ("staff_1", Forbidden)]:
        with pytest.raises(error):
            services.laporan_harian_approve(actor=fresh(getattr(dunia, who).user), laporan=laporan)
    laporan.refresh_from_db()
    assert laporan.status == "diajukan"


def test_a_draft_cannot_be_approved_and_approving_twice_is_harmless(dunia):
    draft, _ = create(dunia)
    refused(lambda: services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=draft),
            code=ErrorCode.INVALID_STATE)
    laporan, _ = create(dunia, ajukan=True, jam_mulai=T(13), jam_selesai=T(14))
    services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=laporan)
    services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=laporan)
    assert Notifikasi.objects.filter(user=dunia.staff_1.user).count() == 1
    refused(lambda: services.laporan_harian_request_revision(actor=fresh(dunia.kasi.user), laporan=laporan,
                                                             komentar="terlambat"), code=ErrorCode.INVALID_STATE)


def test_a_new_plt_takes_over_pending_reviews(dunia):
    from kinerja.organisasi import services as org_services

    laporan, _ = create(dunia, ajukan=True)
    org_services.penugasan_plt_create(actor=system_actor(), jabatan=dunia.kasi.jabatan, pegawai=dunia.kabid_2,
                                      jenis="plh", tanggal_mulai=dt.date(2020, 1, 1))
    services.laporan_harian_approve(actor=fresh(dunia.kabid_2.user), laporan=laporan)
    laporan.refresh_from_db()
    assert laporan.status == "disetujui"
    baru, _ = create(dunia, ajukan=True, jam_mulai=T(13), jam_selesai=T(14))
    assert baru.penilai_id == dunia.kabid_2.pk  # new submissions go to the Plh


def test_comments_notify_the_other_side(dunia):
    laporan, _ = create(dunia, ajukan=True)
    services.laporan_komentar_create(actor=fresh(dunia.kasi.user), laporan=laporan, isi="Siapa sasaran kegiatannya?")
    services.laporan_komentar_create(actor=fresh(dunia.staff_1.user), laporan=laporan, isi="Ibu hamil di Desa A.")
    assert Notifikasi.objects.get(user=dunia.staff_1.user).pesan == "Siapa sasaran kegiatannya?"
    assert Notifikasi.objects.get(user=dunia.kasi.user).pesan == "Ibu hamil di Desa A."
    refused(lambda: services.laporan_komentar_create(actor=fresh(dunia.kasi.user), laporan=laporan, isi=""),
            rules.MSG_KOMENTAR_WAJIB)
    with pytest.raises(Forbidden):
        services.laporan_komentar_create(actor=fresh(dunia.auditor.user), laporan=laporan, isi="catatan")
    with pytest.raises(NotFound):
        services.laporan_komentar_create(actor=fresh(dunia.staff_2.user), laporan=laporan, isi="halo")
    assert KomentarLaporan.objects.filter(laporan=laporan).count() == 2


def test_bulk_approval_covers_only_opened_reports_unless_confirmed(dunia):
    a, _ = create(dunia, "staff_1", ajukan=True)
    b, _ = create(dunia, "staff_2", ajukan=True)
    c, _ = create(dunia, "staff_1", ajukan=True, jam_mulai=T(13), jam_selesai=T(14))
    other, _ = create(dunia, "kasi", ajukan=True)  # waits for the kabid, not the kasi
    kasi = fresh(dunia.kasi.user)
    services.laporan_harian_mark_opened(actor=kasi, laporan=a)
    hasil = services.laporan_harian_approve_many(actor=kasi, ids=[a.pk, b.pk, c.pk, other.pk])
    assert hasil.perlu_konfirmasi and not hasil.disetujui
    assert {r.pk for r in hasil.belum_dibuka} == {b.pk, c.pk} and [r.pk for r in hasil.sudah_dibuka] == [a.pk]
    assert hasil.dilewati == [other.pk]
    assert set(LaporanHarian.objects.filter(status="diajukan").values_list("pk", flat=True)) == {a.pk, b.pk, c.pk,
                                                                                               other.pk}
    only_opened = services.laporan_harian_approve_many(actor=kasi, ids=[r.pk for r in hasil.sudah_dibuka])
    assert [r.pk for r in only_opened.disetujui] == [a.pk]
    confirmed = services.laporan_harian_approve_many(actor=kasi, ids=[b.pk, c.pk], konfirmasi=True)
    assert {r.pk for r in confirmed.disetujui} == {b.pk, c.pk}
    assert LaporanHarian.objects.get(pk=other.pk).status == "diajukan"
    # staff_1 got one notification for a and one summary for c; staff_2 one
    assert Notifikasi.objects.filter(user=dunia.staff_1.user).count() == 2
    assert Notifikasi.objects.filter(user=dunia.staff_2.user).count() == 1


def test_opening_is_for_the_reviewer_only(dunia):
    laporan, _ = create(dunia, ajukan=True)
    with pytest.raises(Forbidden):
        services.laporan_harian_mark_opened(actor=fresh(dunia.kabid.user), laporan=laporan)
    services.laporan_harian_mark_opened(actor=fresh(dunia.kasi.user), laporan=laporan)
    laporan.refresh_from_db()
    assert laporan.dibuka_penilai_pada is not None


def test_the_writer_and_rhk_read_together_answer_as_read_apart(dunia):
    """An API call reads the writer and the RHK it names in one statement; the web (and edits) read them apart.
    Both give the same row for every kind of reference: own, another pegawai's, garbage, mismatched, absent."""
    from kinerja.laporan.services import laporan as impl

    own, other = dunia.indikator("staff_1"), dunia.indikator("staff_2")
    cases = [{"indikator_id": own.pk}, {"rhk_id": own.rhk_id}, {"indikator_id": other.pk},
             {"rhk_id": other.rhk_id}, {"indikator_id": "abc"}, {"rhk_id": -5}, {"indikator_id": 10**9},
             {"rhk_id": dunia.rhk("staff_1", 1).pk, "indikator_id": own.pk}, {"indikator_id": "", "rhk_id": None}]
    for data in cases:
        actor = fresh(dunia.staff_1.user)
        pegawai, row = impl._pelapor_dan_sasaran(actor, data)
        assert pegawai.pk == dunia.staff_1.pk and impl.pegawai_pelapor(actor) is pegawai
        ids = impl._ids_sasaran(data.get("rhk_id"), data.get("indikator_id"))
        if ids is None:
            assert row is impl._BELUM
            continue
        sql, target = ((impl._SQL_SASARAN_INDIKATOR, ids[1]) if ids[1] else (impl._SQL_SASARAN_RHK, ids[0]))
        apart = next(iter(impl._baris(sql, [target, pegawai.instansi_id])), None)
        assert row == apart, data
        assert (row is not None) == (data in cases[:4] or data == cases[7]), data
    from kinerja.core.models import User

    bukan_pegawai = User.objects.create(username="bukan-pegawai", instansi=dunia.instansi)
    with pytest.raises(Forbidden):
        impl._pelapor_dan_sasaran(bukan_pegawai, {"indikator_id": own.pk})


# --- audit -----------------------------------------------------------------------------------------------------------
def test_every_change_is_audited_with_its_actor(dunia):
    laporan, _ = create(dunia)
    services.laporan_harian_submit(actor=fresh(dunia.staff_1.user), laporan=laporan)
    services.laporan_harian_request_revision(actor=fresh(dunia.kasi.user), laporan=laporan, komentar="Perbaiki.")
    ct = ContentType.objects.get_for_model(LaporanHarian)
    entries = list(LogEntry.objects.filter(content_type=ct, object_pk=str(laporan.pk)).order_by("timestamp", "pk"))
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE, LogEntry.Action.UPDATE]
    assert [e.actor_id for e in entries] == [dunia.staff_1.user.pk, dunia.staff_1.user.pk, dunia.kasi.user.pk]
    assert entries[1].changes_dict["status"] == ["draft", "diajukan"]
    assert entries[2].changes_dict["status"] == ["diajukan", "perlu_revisi"]
    assert entries[0].additional_data == {"instansi": dunia.instansi.pk}


def test_creating_a_report_skips_no_save_receiver_but_auditlogs():
    """laporan_harian_create inserts with core.audit.simpan_baru, which sends no save signals of the report and
    writes auditlog's entry itself: a new receiver on LaporanHarian must be wired there too."""
    from django.db.models.signals import post_save, pre_save

    for signal in (pre_save, post_save):
        sync, asynchronous = signal._live_receivers(LaporanHarian)
        modules = {r.__module__ for r in [*sync, *asynchronous]}
        assert modules <= {"auditlog.receivers"}, f"{signal}: {modules}"


# --- policy ----------------------------------------------------------------------------------------------------------
def test_policy_is_admin_only_validated_and_applies_at_once(dunia):
    with pytest.raises(Forbidden):
        services.kebijakan_laporan_update(actor=fresh(dunia.kasi.user), batas_jam_harian=Decimal("4"))
    exc = refused(lambda: services.kebijakan_laporan_update(actor=fresh(dunia.admin.user),
                                                            batas_jam_harian=Decimal("25")))
    assert "batas_jam_harian" in exc.detail
    services.kebijakan_laporan_update(actor=fresh(dunia.admin.user), batas_jam_harian=Decimal("3"))
    refused(lambda: create(dunia, jam_mulai=T(8), jam_selesai=T(12)),
            rules.MSG_LEBIH_BATAS.format(total="4 jam", batas="3 jam"))
    assert LogEntry.objects.filter(content_type__model="kebijakanlaporan").count() == 1


def test_the_cached_penilai_is_the_atasan_langsung_for_everyone(dunia):
    """penilai_id caches the holders above each position; it must name the same atasan as the organisation's own
    walk for every pegawai, including one who is Plh of the position above their own (nobody is their own atasan)."""
    from kinerja.laporan.services.laporan import penilai_forget, penilai_id
    from kinerja.organisasi import services as org_services
    from kinerja.organisasi.models import Pegawai
    from kinerja.organisasi.selectors import atasan_langsung

    def check():
        penilai_forget()
        people = list(Pegawai.objects.filter(instansi=dunia.instansi).select_related("jabatan", "unit_kerja"))
        assert len(people) > 5
        for p in people:
            expected = atasan_langsung(p)
            assert penilai_id(p) == (expected.pk if expected else None), p.nama

    check()
    # staff_2 acts as kasi (their own atasan's position): the others' atasan is then staff_2, staff_2's stays the
    # definitive kasi (the acting holder is skipped for themself)
    org_services.penugasan_plt_create(actor=system_actor(), jabatan=dunia.kasi.jabatan, pegawai=dunia.staff_2,
                                      jenis="plh", tanggal_mulai=dt.date(2020, 1, 1))
    check()
    penilai_forget()
    assert penilai_id(Pegawai.objects.get(pk=dunia.staff_1.pk)) == dunia.staff_2.pk
    assert penilai_id(Pegawai.objects.get(pk=dunia.staff_2.pk)) == dunia.kasi.pk
