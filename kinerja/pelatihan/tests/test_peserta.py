"""After the session: the quiz, feedback, certificates (PDF with verification code) and the development history."""

import pytest
from django.test import Client

from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState
from kinerja.organisasi.tests.factories import fresh
from kinerja.pelatihan import rules, services
from kinerja.pelatihan.models import PesertaSesi, RiwayatPengembangan, UmpanBalikSesi
from kinerja.pelatihan.services import peserta as P
from kinerja.pelatihan.tests.factories import admin, berakhir, berjalan, hadirkan, make_kuis, make_sesi

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


@pytest.fixture
def sesi_kuis(org):
    sesi = make_sesi(org)
    soal = make_kuis(org, sesi, n=3)  # key: option 0 for every question
    sesi = berjalan(sesi)
    hadirkan(org, sesi, "staff_1")
    return sesi, soal


def _kerjakan(org, sesi, jawaban, who="staff_1"):
    return services.kuis_kerjakan(actor=fresh(org.user(who)), sesi=sesi, jawaban=jawaban)


def test_quiz_needs_attendance(org, sesi_kuis):
    sesi, soal = sesi_kuis
    with pytest.raises(InvalidState, match="setelah kehadiran"):
        _kerjakan(org, sesi, {s.pk: 0 for s in soal}, who="staff_2")
    with pytest.raises(Forbidden, match="tidak terdaftar"):
        _kerjakan(org, sesi, {s.pk: 0 for s in soal}, who="staff_pupr")


def test_quiz_bad_answers(org, sesi_kuis):
    sesi, soal = sesi_kuis
    with pytest.raises(ApplicationError) as exc:
        _kerjakan(org, sesi, {soal[0].pk: 0})
    assert exc.value.message == P.MSG_JAWAB_SEMUA and f"soal_{soal[1].pk}" in exc.value.detail
    with pytest.raises(ApplicationError) as exc:
        _kerjakan(org, sesi, {s.pk: 7 for s in soal})
    assert exc.value.detail[f"soal_{soal[0].pk}"] == [P.MSG_PILIHAN_SALAH]
    assert PesertaSesi.objects.get(sesi=sesi, pegawai=org.staff_1).percobaan_kuis == 0  # not counted


def test_quiz_attempts_and_pass(org, sesi_kuis):
    sesi, soal = sesi_kuis
    p = _kerjakan(org, sesi, {soal[0].pk: 0, soal[1].pk: 1, soal[2].pk: 1})
    assert (p.nilai_terakhir, p.lulus_kuis, p.percobaan_kuis) == (33, False, 1)
    p = _kerjakan(org, sesi, {soal[0].pk: 0, soal[1].pk: 0, soal[2].pk: 1})
    assert (p.nilai_terakhir, p.lulus_kuis) == (67, False)  # 67 < 70
    p = _kerjakan(org, sesi, {s.pk: 0 for s in soal})
    assert (p.nilai_kuis, p.lulus_kuis, p.percobaan_kuis) == (100, True, 3)
    with pytest.raises(InvalidState, match="sudah lulus"):
        _kerjakan(org, sesi, {s.pk: 0 for s in soal})


def test_quiz_attempt_limit(org, sesi_kuis):
    sesi, soal = sesi_kuis
    for _ in range(rules.MAKS_PERCOBAAN_KUIS):
        _kerjakan(org, sesi, {s.pk: 1 for s in soal})
    with pytest.raises(InvalidState, match="3 kali"):
        _kerjakan(org, sesi, {s.pk: 0 for s in soal})
    assert PesertaSesi.objects.get(sesi=sesi, pegawai=org.staff_1).lulus_kuis is False


def test_quiz_closes_a_week_after_the_session(org, sesi_kuis):
    sesi, soal = sesi_kuis
    sesi = berakhir(sesi, hari=P.BATAS_KUIS_HARI + 1)
    with pytest.raises(InvalidState, match="ditutup"):
        _kerjakan(org, sesi, {s.pk: 0 for s in soal})


def test_quiz_page_bad_input_is_400(org, sesi_kuis):
    sesi, soal = sesi_kuis
    r = _client(fresh(org.staff_1.user)).post(f"/pelatihan/sesi/{sesi.pk}/kuis/", {f"soal_{soal[0].pk}": "0"})
    assert r.status_code == 400 and P.MSG_JAWAB_SEMUA in r.content.decode()
    r = _client(fresh(org.staff_1.user)).post(f"/pelatihan/sesi/{sesi.pk}/kuis/",
                                              {f"soal_{s.pk}": "0" for s in soal})
    assert r.status_code == 302


def test_session_without_quiz(org):
    sesi = berjalan(make_sesi(org))
    hadirkan(org, sesi)
    with pytest.raises(InvalidState, match="tidak memiliki kuis"):
        _kerjakan(org, sesi, {})


BAD_FEEDBACK = [
    ({"nilai_materi": 0}, "nilai_materi", P.MSG_SKALA),
    ({"nilai_narasumber": 6}, "nilai_narasumber", P.MSG_SKALA),
    ({"nilai_manfaat": None}, "nilai_manfaat", P.MSG_SKALA),
    ({"saran": "x" * (rules.MAKS_SARAN + 1)}, "saran", P.MSG_SARAN_PANJANG),
]


@pytest.mark.parametrize(("kw", "field", "msg"), BAD_FEEDBACK, ids=[b[1] for b in BAD_FEEDBACK])
def test_bad_feedback(org, sesi_kuis, kw, field, msg):
    sesi, _ = sesi_kuis
    data = {"nilai_materi": 4, "nilai_narasumber": 5, "nilai_manfaat": 4, "saran": "", **kw}
    with pytest.raises(ApplicationError) as exc:
        services.umpan_balik_kirim(actor=fresh(org.staff_1.user), sesi=sesi, **data)
    assert exc.value.detail[field] == [msg]
    assert not UmpanBalikSesi.objects.exists()


def test_feedback_once_after_attendance(org, sesi_kuis):
    sesi, _ = sesi_kuis
    data = {"nilai_materi": 4, "nilai_narasumber": 5, "nilai_manfaat": 3, "saran": "Lebih banyak praktik"}
    with pytest.raises(InvalidState, match="setelah kehadiran"):
        services.umpan_balik_kirim(actor=fresh(org.staff_2.user), sesi=sesi, **data)
    services.umpan_balik_kirim(actor=fresh(org.staff_1.user), sesi=sesi, **data)
    with pytest.raises(InvalidState, match="sudah mengirim"):
        services.umpan_balik_kirim(actor=fresh(org.staff_1.user), sesi=sesi, **data)
    assert UmpanBalikSesi.objects.count() == 1


def test_feedback_page_bad_input_is_400(org, sesi_kuis):
    sesi, _ = sesi_kuis
    r = _client(fresh(org.staff_1.user)).post(f"/pelatihan/sesi/{sesi.pk}/umpan-balik/", {"nilai_materi": "4"})
    assert r.status_code == 400 and P.MSG_SKALA in r.content.decode()
    assert not UmpanBalikSesi.objects.exists()


def test_certificate_only_after_the_session_and_a_passed_quiz(org, sesi_kuis):
    sesi, soal = sesi_kuis
    with pytest.raises(InvalidState, match="Sertifikat terbit setelah"):
        services.sertifikat_saya(actor=fresh(org.staff_1.user), sesi=sesi)  # still running
    sesi = berakhir(sesi)
    with pytest.raises(InvalidState, match="Sertifikat terbit setelah"):
        services.sertifikat_saya(actor=fresh(org.staff_1.user), sesi=sesi)  # quiz not passed
    _kerjakan(org, sesi, {s.pk: 0 for s in soal})  # passing after the session completes at once
    p = PesertaSesi.objects.get(sesi=sesi, pegawai=org.staff_1)
    assert p.sertifikat_kode and p.sertifikat_nomor.startswith("0001/SERT-KINERJA/")
    riwayat = RiwayatPengembangan.objects.get(pegawai=org.staff_1, sesi=sesi)
    assert riwayat.jam_pelajaran == sesi.jam_pelajaran and riwayat.sumber == "sesi"
    assert riwayat.fokus == ["laporan_harian"] and riwayat.sertifikat_nomor == p.sertifikat_nomor


def test_certificate_pdf_and_public_verification(org, client):
    sesi = berjalan(make_sesi(org))
    hadirkan(org, sesi)
    sesi = berakhir(sesi)
    c = _client(fresh(org.staff_1.user))
    r = c.get(f"/pelatihan/sesi/{sesi.pk}/sertifikat.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content[:5] == b"%PDF-"
    p = PesertaSesi.objects.get(sesi=sesi, pegawai=org.staff_1)
    assert p.sertifikat_kode in r["Content-Disposition"]
    r = client.get(f"/pelatihan/sertifikat/cek/{p.sertifikat_kode}/")  # no sign-in
    assert r.status_code == 200 and "Sertifikat sah" in r.content.decode() and org.staff_1.nama in r.content.decode()
    r = client.get("/pelatihan/sertifikat/cek/BUKANKODE1/")
    assert r.status_code == 404 and "tidak dikenal" in r.content.decode()


def test_absent_participant_gets_no_certificate(org):
    sesi = berakhir(make_sesi(org))
    r = _client(fresh(org.staff_2.user)).get(f"/pelatihan/sesi/{sesi.pk}/sertifikat.pdf")
    assert r.status_code == 409 and "Sertifikat terbit setelah" in r.content.decode()
    assert not PesertaSesi.objects.filter(sertifikat_kode__isnull=False).exists()


def test_session_without_certificate_still_records_history(org):
    sesi = berjalan(make_sesi(org, sertifikat=False))
    hadirkan(org, sesi)
    sesi = berakhir(sesi)
    assert services.sesi_tuntaskan(actor=admin(org), sesi=sesi) == 1
    assert RiwayatPengembangan.objects.filter(pegawai=org.staff_1, sesi=sesi).exists()
    assert not PesertaSesi.objects.filter(sertifikat_kode__isnull=False).exists()
    with pytest.raises(InvalidState, match="tidak menerbitkan sertifikat"):
        services.sertifikat_saya(actor=fresh(org.staff_1.user), sesi=sesi)


def test_completion_is_idempotent_and_numbers_certificates(org):
    sesi = berjalan(make_sesi(org))
    for who in ("staff_1", "staff_2", "kasi"):
        hadirkan(org, sesi, who)
    sesi = berakhir(sesi)
    assert services.sesi_tuntaskan(actor=admin(org), sesi=sesi) == 3
    assert services.sesi_tuntaskan(actor=admin(org), sesi=sesi) == 0
    nomor = sorted(PesertaSesi.objects.filter(sesi=sesi).exclude(sertifikat_nomor="")
                   .values_list("sertifikat_nomor", flat=True))
    assert [n[:4] for n in nomor] == ["0001", "0002", "0003"]
    assert RiwayatPengembangan.objects.filter(sesi=sesi).count() == 3
    with pytest.raises(Forbidden):
        services.sesi_tuntaskan(actor=fresh(org.kadis.user), sesi=sesi)


def test_completion_refused_before_the_end(org):
    sesi = berjalan(make_sesi(org))
    with pytest.raises(InvalidState, match="belum berakhir"):
        services.sesi_tuntaskan(actor=admin(org), sesi=sesi)


def test_nightly_job_completes_recent_sessions(org):
    from kinerja.pelatihan.tasks import sesi_tuntaskan_task

    sesi = berjalan(make_sesi(org))
    hadirkan(org, sesi)
    berakhir(sesi)
    sesi_tuntaskan_task.call_local()
    assert RiwayatPengembangan.objects.filter(pegawai=org.staff_1, sesi=sesi, dicatat_oleh__isnull=True).exists()
