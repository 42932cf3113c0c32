"""QR check-in: the rotating code, the window, the audience, walk-ins, repeats, guessing, the organiser's manual
record, and the pages a scanned QR opens."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState
from kinerja.organisasi.tests.factories import fresh
from kinerja.pelatihan import rules, services
from kinerja.pelatihan.models import PesertaSesi
from kinerja.pelatihan.services import peserta as P
from kinerja.pelatihan.tests.factories import admin, berakhir, berjalan, geser, kode_sekarang, make_sesi

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def _hadir(org, who, sesi, kode, **kw):
    return services.presensi_catat(actor=fresh(org.user(who)), sesi=sesi, kode=kode, **kw)


def test_check_in_with_the_current_code(org):
    sesi = berjalan(make_sesi(org))
    peserta, baru = _hadir(org, "staff_1", sesi, kode_sekarang(sesi))
    assert baru and peserta.hadir_pada is not None and peserta.cara_hadir == "qr"
    again, baru = _hadir(org, "staff_1", sesi, kode_sekarang(sesi, token=True))
    assert not baru and again.hadir_pada == peserta.hadir_pada  # recorded once


def test_forwarded_old_code_is_refused(org):
    """A photo of the QR sent by chat: two minutes later it no longer works, and nothing is recorded."""
    sesi = berjalan(make_sesi(org))
    lama = kode_sekarang(sesi, ts=timezone.now().timestamp() - rules.LANGKAH_DETIK * (rules.TOLERANSI_LANGKAH + 1))
    with pytest.raises(ApplicationError) as exc:
        _hadir(org, "staff_1", sesi, lama)
    assert exc.value.status == 422 and exc.value.message == P.MSG_KODE_SALAH
    assert not PesertaSesi.objects.filter(hadir_pada__isnull=False).exists()


def test_code_of_another_session_is_refused(org):
    sesi = berjalan(make_sesi(org))
    lain = berjalan(make_sesi(org, judul="Sesi lain"))
    with pytest.raises(ApplicationError, match="tidak berlaku"):
        _hadir(org, "staff_1", sesi, kode_sekarang(lain))


def test_empty_code(org):
    sesi = berjalan(make_sesi(org))
    with pytest.raises(ApplicationError) as exc:
        _hadir(org, "staff_1", sesi, "  ")
    assert exc.value.detail == {"kode": [P.MSG_KODE_WAJIB]}


@pytest.mark.parametrize("kapan", ["terlalu_awal", "terlambat"])
def test_check_in_outside_the_window(org, kapan):
    sesi = make_sesi(org)
    now = timezone.now()
    if kapan == "terlalu_awal":
        sesi = geser(sesi, mulai=now + dt.timedelta(minutes=31))
    else:
        sesi = geser(sesi, mulai=now - dt.timedelta(hours=2, minutes=31))
    with pytest.raises(InvalidState, match="Presensi sesi ini dibuka"):
        _hadir(org, "staff_1", sesi, kode_sekarang(sesi))
    assert not PesertaSesi.objects.filter(hadir_pada__isnull=False).exists()


def test_check_in_to_a_cancelled_or_draft_session(org):
    batal = make_sesi(org)
    services.sesi_batalkan(actor=admin(org), sesi=batal, alasan="Hujan deras")
    batal = berjalan(batal)
    with pytest.raises(InvalidState, match="dibatalkan"):
        _hadir(org, "staff_1", batal, kode_sekarang(batal))
    draf = berjalan(make_sesi(org, terbit=False))
    with pytest.raises(InvalidState, match="belum diterbitkan"):
        _hadir(org, "staff_1", draf, kode_sekarang(draf))


def test_walk_in_from_the_audience_is_registered(org):
    sesi = berjalan(make_sesi(org))
    PesertaSesi.objects.filter(sesi=sesi, pegawai=org.staff_3).delete()
    peserta, baru = _hadir(org, "staff_3", sesi, kode_sekarang(sesi))
    assert baru and peserta.cara_daftar == "mandiri"


def test_outside_the_audience_is_refused(org):
    sesi = berjalan(make_sesi(org))  # Dinas Kesehatan only
    with pytest.raises(Forbidden, match="bukan untuk unit atau peran Anda"):
        _hadir(org, "staff_pupr", sesi, kode_sekarang(sesi))
    assert not PesertaSesi.objects.filter(sesi=sesi, pegawai=org.staff_pupr).exists()


def test_not_invited_and_registration_closed_is_refused(org):
    sesi = berjalan(make_sesi(org, pendaftaran_terbuka=False))
    PesertaSesi.objects.filter(sesi=sesi, pegawai=org.staff_3).delete()
    with pytest.raises(Forbidden, match="tidak terdaftar"):
        _hadir(org, "staff_3", sesi, kode_sekarang(sesi))


def test_accounts_without_pegawai_cannot_check_in(org):
    sesi = berjalan(make_sesi(org))
    with pytest.raises(Forbidden):
        services.presensi_catat(actor=fresh(org.bupati), sesi=sesi, kode=kode_sekarang(sesi))


def test_other_instansi_cannot_check_in(org):
    sesi = berjalan(make_sesi(org))
    with pytest.raises(ApplicationError) as exc:
        _hadir(org, "staff_b", sesi, kode_sekarang(sesi))
    assert exc.value.status == 404


def test_guessing_codes_is_stopped_after_ten_wrong_tries(org):
    cache.clear()
    sesi = berjalan(make_sesi(org))
    for _ in range(P.GAGAL_MAKS):
        with pytest.raises(ApplicationError, match="tidak berlaku"):
            _hadir(org, "staff_1", sesi, "000000" if kode_sekarang(sesi) != "000000" else "111111")
    with pytest.raises(ApplicationError) as exc:
        _hadir(org, "staff_1", sesi, kode_sekarang(sesi))  # even the right code, for 10 minutes
    assert exc.value.status == 429 and exc.value.message == P.MSG_TERLALU_SERING
    assert not PesertaSesi.objects.filter(hadir_pada__isnull=False).exists()
    _hadir(org, "staff_2", sesi, kode_sekarang(sesi))  # others are not affected


def test_organiser_records_attendance_by_hand_in_the_window_only(org):
    sesi = berjalan(make_sesi(org))
    peserta = PesertaSesi.objects.get(sesi=sesi, pegawai=org.staff_2)
    with pytest.raises(Forbidden):
        services.presensi_manual(actor=fresh(org.kasi.user), peserta=peserta)
    services.presensi_manual(actor=admin(org), peserta=peserta)
    peserta.refresh_from_db()
    assert peserta.cara_hadir == "manual" and peserta.hadir_pada is not None
    lewat = berakhir(make_sesi(org, judul="Kemarin"), hari=2)
    p2 = PesertaSesi.objects.get(sesi=lewat, pegawai=org.staff_2)
    with pytest.raises(InvalidState, match="Presensi sesi ini dibuka"):
        services.presensi_manual(actor=admin(org), peserta=p2)


def test_scanned_qr_page_confirms_with_one_tap(org):
    sesi = berjalan(make_sesi(org))
    token = kode_sekarang(sesi, token=True)
    c = _client(fresh(org.staff_1.user))
    r = c.get(f"/pelatihan/hadir/{sesi.pk}/{token}/")
    assert r.status_code == 200 and "Saya hadir" in r.content.decode()
    assert not PesertaSesi.objects.filter(hadir_pada__isnull=False).exists()  # GET writes nothing
    r = c.post(f"/pelatihan/hadir/{sesi.pk}/{token}/", {"kode": token})
    assert r.status_code == 200 and "Kehadiran tercatat" in r.content.decode()
    assert PesertaSesi.objects.get(sesi=sesi, pegawai=org.staff_1).hadir_pada is not None


def test_scanned_qr_requires_sign_in(org, client):
    sesi = berjalan(make_sesi(org))
    r = client.get(f"/pelatihan/hadir/{sesi.pk}/{kode_sekarang(sesi, token=True)}/")
    assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_expired_qr_page_answers_422_with_the_message(org):
    sesi = berjalan(make_sesi(org))
    c = _client(fresh(org.staff_1.user))
    r = c.post(f"/pelatihan/hadir/{sesi.pk}/abcdefghjk/", {"kode": "abcdefghjk"})
    assert r.status_code == 422 and "tidak berlaku atau sudah kedaluwarsa" in r.content.decode()
    assert not PesertaSesi.objects.filter(hadir_pada__isnull=False).exists()


def test_typed_code_on_the_session_page(org):
    sesi = berjalan(make_sesi(org))
    c = _client(fresh(org.staff_2.user))
    r = c.post(f"/pelatihan/sesi/{sesi.pk}/presensi/", {"kode": kode_sekarang(sesi)})
    assert r.status_code == 200
    assert PesertaSesi.objects.get(sesi=sesi, pegawai=org.staff_2).cara_hadir == "kode"


def test_qr_of_another_instansi_session_is_not_found(org):
    sesi = berjalan(make_sesi(org))
    r = _client(fresh(org.staff_b.user)).get(f"/pelatihan/hadir/{sesi.pk}/{kode_sekarang(sesi, token=True)}/")
    assert r.status_code == 404


def test_presence_screen_shows_a_rotating_qr_for_the_organiser_only(org):
    sesi = berjalan(make_sesi(org))
    r = _client(fresh(org.admin.user)).get(f"/pelatihan/sesi/{sesi.pk}/layar/")
    body = r.content.decode()
    assert r.status_code == 200 and "<svg" in body and kode_sekarang(sesi) in body
    assert r["Cache-Control"] == "no-store"
    assert f"/pelatihan/hadir/{sesi.pk}/{kode_sekarang(sesi, token=True)}/" in body
    for who in ("staff_1", "auditor", "kadis"):
        assert _client(fresh(org.user(who))).get(f"/pelatihan/sesi/{sesi.pk}/layar/").status_code in (403, 404)


def test_check_in_through_the_api(org):
    sesi = berjalan(make_sesi(org))
    c = _client(fresh(org.staff_1.user))
    r = c.post(f"/api/v1/pelatihan/sesi/{sesi.pk}/presensi", {"kode": kode_sekarang(sesi)},
               content_type="application/json")
    assert r.status_code == 201 and r.json()["baru"] is True
    r = c.post(f"/api/v1/pelatihan/sesi/{sesi.pk}/presensi", {"kode": kode_sekarang(sesi)},
               content_type="application/json")
    assert r.status_code == 200 and r.json()["baru"] is False
    r = c.post(f"/api/v1/pelatihan/sesi/{sesi.pk}/presensi", {"kode": "999999x"}, content_type="application/json")
    assert r.status_code == 422 and r.json()["code"] == "validation_error"
