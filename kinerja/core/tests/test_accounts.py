import pytest
from django.core import mail
from django.test import Client

from kinerja.organisasi.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_by_nip_redirects_home(org):
    c = Client()
    r = c.post("/masuk/", {"username": org.staff_1.nip, "password": PASSWORD})
    assert r.status_code == 302 and r["Location"] == "/"
    assert "Selamat datang" in c.get("/").content.decode()


def test_login_tolerates_spaces_in_nip(org):
    spaced = f"{org.staff_1.nip[:8]} {org.staff_1.nip[8:14]} {org.staff_1.nip[14]} {org.staff_1.nip[15:]}"
    assert Client().post("/masuk/", {"username": spaced, "password": PASSWORD}).status_code == 302


def test_wrong_password_shows_indonesian_error(org):
    r = Client().post("/masuk/", {"username": org.staff_1.nip, "password": "salah"})
    assert r.status_code == 400
    assert "NIP atau kata sandi salah" in r.content.decode()


def test_unknown_nip_gets_the_same_message(org):
    r = Client().post("/masuk/", {"username": "199901012020011999", "password": "salah"})
    assert "NIP atau kata sandi salah" in r.content.decode()


def _fail(c, username, times):
    last = None
    for _ in range(times):
        last = c.post("/masuk/", {"username": username, "password": "salah"})
    return last


def test_repeated_failures_lock_out_even_with_the_right_password(org, settings):
    c = Client()
    r = _fail(c, org.staff_1.nip, settings.AXES_FAILURE_LIMIT)
    assert r.status_code == 429
    assert "Terlalu banyak percobaan" in r.content.decode()
    r = c.post("/masuk/", {"username": org.staff_1.nip, "password": PASSWORD})
    assert r.status_code == 429


def test_lockout_does_not_reveal_whether_a_nip_exists(org, settings):
    c = Client()
    known = _fail(c, org.staff_1.nip, settings.AXES_FAILURE_LIMIT)
    unknown = _fail(c, "199901012020011999", settings.AXES_FAILURE_LIMIT)
    assert known.status_code == unknown.status_code == 429


def test_pages_require_login():
    r = Client().get("/organisasi/profil/")
    assert r.status_code == 302 and r["Location"].startswith("/masuk/")


def test_logout_is_post_only_and_ends_the_session(org, login):
    c = login(org.staff_1.user)
    assert c.post("/keluar/").status_code == 302
    assert c.get("/").status_code == 302


def test_password_change_applies_validators(org):
    c = Client()
    c.post("/masuk/", {"username": org.staff_1.nip, "password": PASSWORD})
    r = c.post("/akun/kata-sandi/", {"old_password": PASSWORD, "new_password1": "12345678",
                                     "new_password2": "12345678"})
    assert r.status_code == 400
    assert "terlalu umum" in r.content.decode() or "seluruhnya angka" in r.content.decode()
    r = c.post("/akun/kata-sandi/", {"old_password": PASSWORD, "new_password1": "Kopi-Pagi-Bukitintan-9",
                                     "new_password2": "Kopi-Pagi-Bukitintan-9"})
    assert r.status_code == 302


def test_password_reset_sends_an_email(org):
    from kinerja.organisasi.services import pegawai_update
    from kinerja.organisasi.tests.factories import fresh

    pegawai_update(actor=fresh(org.staff_1.user), pegawai=org.staff_1, email="ayu@bukitintan.go.id")
    r = Client().post("/akun/lupa-sandi/", {"email": "ayu@bukitintan.go.id"})
    assert r.status_code == 302
    assert len(mail.outbox) == 1
    assert "/akun/atur-ulang/" in mail.outbox[0].body


def test_security_headers(org, login):
    r = login(org.staff_1.user).get("/")
    assert r["X-Frame-Options"] == "DENY"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in r["Content-Security-Policy"]
    assert r["Referrer-Policy"] == "same-origin"


def test_health_is_public():
    assert Client().get("/sehat/").json() == {"status": "ok"}


def test_english_is_available(org):
    c = Client()
    c.post("/i18n/setlang/", {"language": "en", "next": "/masuk/"})
    assert c.get("/masuk/").status_code == 200


def test_english_interface_translates_the_shell():
    c = Client()
    c.post("/i18n/setlang/", {"language": "en", "next": "/masuk/"})
    assert "Sign in to Kinerja" in c.get("/masuk/").content.decode()
