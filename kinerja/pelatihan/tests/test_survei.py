"""The pulse survey: anonymity by construction, one answer per pegawai per round, rounds, results per OPD above a
minimum count, "Anda berkata, kami lakukan"."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState
from kinerja.organisasi.tests.factories import fresh
from kinerja.pelatihan import rules, selectors, services
from kinerja.pelatihan.models import PartisipasiSurvei, PutaranSurvei, ResponsSurvei, TindakLanjutSurvei
from kinerja.pelatihan.services import survei as SV
from kinerja.pelatihan.tests.factories import admin

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


@pytest.fixture
def putaran(org):
    return services.putaran_survei_buat(actor=admin(org), judul="Survei denyut Triwulan 4",
                                        mulai=TODAY - dt.timedelta(days=2), selesai=TODAY + dt.timedelta(days=5),
                                        min_tampil=3)


def _isi(org, who, putaran, a=4, b=3, c=5, komentar=""):
    services.survei_isi(actor=fresh(org.user(who)), putaran=putaran, kegunaan=a, keadilan=b, kemudahan=c,
                        komentar=komentar)


def test_answer_is_stored_without_any_link_to_the_respondent(org, putaran):
    _isi(org, "staff_1", putaran, komentar="Sinyal lemah di desa")
    respons = ResponsSurvei.objects.get()
    assert (respons.kegunaan, respons.keadilan, respons.kemudahan, respons.opd_id) == (4, 3, 5, org.dinkes.pk)
    fields = {f.name for f in ResponsSurvei._meta.get_fields()}
    assert fields == {"id", "putaran", "opd", "kegunaan", "keadilan", "kemudahan", "komentar"}  # no user, no time
    assert {f.name for f in PartisipasiSurvei._meta.get_fields()} == {"id", "putaran", "user"}  # no answers, no time
    assert isinstance(respons.pk, __import__("uuid").UUID)  # a random key, not an order
    assert not LogEntry.objects.filter(content_type__model__in=["responssurvei", "partisipasisurvei"]).exists()


def test_one_answer_per_pegawai_per_round(org, putaran):
    _isi(org, "staff_1", putaran)
    with pytest.raises(InvalidState) as exc:
        _isi(org, "staff_1", putaran, a=1)
    assert exc.value.message == SV.MSG_SUDAH_MENGISI and exc.value.status == 409
    assert ResponsSurvei.objects.count() == 1


BAD = [
    ({"a": 0}, "kegunaan"), ({"b": 6}, "keadilan"), ({"c": None}, "kemudahan"), ({"a": "5"}, "kegunaan"),
]


@pytest.mark.parametrize(("kw", "field"), BAD, ids=[b[1] + str(i) for i, b in enumerate(BAD)])
def test_bad_answers_are_refused(org, putaran, kw, field):
    with pytest.raises(ApplicationError) as exc:
        _isi(org, "staff_1", putaran, **kw)
    assert exc.value.detail[field] == [SV.MSG_JAWABAN]
    assert not ResponsSurvei.objects.exists() and not PartisipasiSurvei.objects.exists()


def test_long_comment_is_refused(org, putaran):
    with pytest.raises(ApplicationError) as exc:
        _isi(org, "staff_1", putaran, komentar="x" * (rules.MAKS_KOMENTAR + 1))
    assert exc.value.detail["komentar"] == [SV.MSG_KOMENTAR_PANJANG]
    assert not PartisipasiSurvei.objects.exists()


def test_closed_and_not_yet_open_rounds(org):
    lalu = services.putaran_survei_buat(actor=admin(org), judul="Lalu", mulai=TODAY - dt.timedelta(days=30),
                                        selesai=TODAY - dt.timedelta(days=20))
    nanti = services.putaran_survei_buat(actor=admin(org), judul="Nanti", mulai=TODAY + dt.timedelta(days=10),
                                         selesai=TODAY + dt.timedelta(days=20))
    with pytest.raises(InvalidState, match="sudah ditutup"):
        _isi(org, "staff_1", lalu)
    with pytest.raises(InvalidState, match="belum dibuka"):
        _isi(org, "staff_1", nanti)
    assert not ResponsSurvei.objects.exists()


def test_only_pegawai_answer(org, putaran):
    with pytest.raises(Forbidden):
        services.survei_isi(actor=fresh(org.bupati), putaran=putaran, kegunaan=5, keadilan=5, kemudahan=5)
    r = _client(fresh(org.bupati)).post("/pelatihan/survei/", {"kegunaan": "5", "keadilan": "5", "kemudahan": "5"})
    assert r.status_code == 403 and not ResponsSurvei.objects.exists()


def test_survey_page_flow_and_bad_input(org, putaran):
    c = _client(fresh(org.staff_1.user))
    r = c.post("/pelatihan/survei/", {"kegunaan": "4"})
    assert r.status_code == 400 and SV.MSG_JAWABAN in r.content.decode()
    assert not ResponsSurvei.objects.exists()
    r = c.post("/pelatihan/survei/", {"kegunaan": "4", "keadilan": "2", "kemudahan": "5", "komentar": ""})
    assert r.status_code == 302 and r["Location"].endswith("terima_kasih=1")
    r = c.post("/pelatihan/survei/", {"kegunaan": "1", "keadilan": "1", "kemudahan": "1"})
    assert r.status_code == 409 and ResponsSurvei.objects.count() == 1


BAD_ROUNDS = [
    ({"judul": " "}, "judul", SV.MSG_JUDUL),
    ({"selesai": TODAY - dt.timedelta(days=1)}, "selesai", SV.MSG_TANGGAL_URUT),
    ({"selesai": TODAY + dt.timedelta(days=61)}, "selesai", SV.MSG_TERLALU_LAMA),
    ({"mulai": None}, "mulai", SV.MSG_TANGGAL),
    ({"min_tampil": 2}, "min_tampil", SV.MSG_MIN_TAMPIL),
]


@pytest.mark.parametrize(("kw", "field", "msg"), BAD_ROUNDS, ids=[b[1] for b in BAD_ROUNDS])
def test_bad_rounds(org, kw, field, msg):
    data = {"judul": "Putaran", "mulai": TODAY, "selesai": TODAY + dt.timedelta(days=14), "min_tampil": 5, **kw}
    with pytest.raises(ApplicationError) as exc:
        services.putaran_survei_buat(actor=admin(org), **data)
    assert exc.value.detail[field] == [msg]
    assert not PutaranSurvei.objects.exists()


def test_overlapping_round_is_refused(org, putaran):
    with pytest.raises(ApplicationError, match="Sudah ada putaran"):
        services.putaran_survei_buat(actor=admin(org), judul="Dobel", mulai=TODAY, selesai=TODAY + dt.timedelta(days=3))
    assert PutaranSurvei.objects.count() == 1
    with pytest.raises(Forbidden):
        services.putaran_survei_buat(actor=fresh(org.kadis.user), judul="x", mulai=TODAY + dt.timedelta(days=30),
                                     selesai=TODAY + dt.timedelta(days=31))


def test_quarterly_round_opens_on_the_first_working_day(org):
    kamis = dt.date(2027, 1, 1)  # a holiday or not, the first working day is found on the calendar
    assert services.putaran_survei_buka_berkala(instansi=org.instansi, today=dt.date(2027, 2, 10)) is None
    from kinerja.core import kalender

    pertama = kamis if kalender.is_hari_kerja(kamis, org.instansi.pk) else kalender.add_hari_kerja(kamis, 1,
                                                                                                   org.instansi.pk)
    if pertama > kamis:
        assert services.putaran_survei_buka_berkala(instansi=org.instansi, today=kamis) is None
    p = services.putaran_survei_buka_berkala(instansi=org.instansi, today=pertama)
    assert p.judul == "Survei denyut Triwulan 1 2027" and p.mulai == pertama
    assert (p.selesai - p.mulai).days == rules.LAMA_PUTARAN_HARI - 1
    assert services.putaran_survei_buka_berkala(instansi=org.instansi, today=pertama + dt.timedelta(days=1)) is None


def _jawab_banyak(org, putaran, who_list):
    for who in who_list:
        _isi(org, who, putaran, a=5, b=2, c=4, komentar=f"catatan {who}")


def test_results_per_opd_only_above_the_minimum(org, putaran):
    _jawab_banyak(org, putaran, ["staff_1", "staff_2", "kasi"])  # 3 in Dinas Kesehatan
    _jawab_banyak(org, putaran, ["staff_pupr", "kadis_pupr"])  # 2 in Dinas PUPR: hidden
    hasil = selectors.hasil_survei(actor=fresh(org.admin.user), putaran=putaran)
    assert hasil.total.tampil and hasil.total.jumlah == 5 and hasil.total.rata["kegunaan"] == 5.0
    assert [(o.pk, r.jumlah) for o, r in hasil.per_opd] == [(org.dinkes.pk, 3)]
    assert hasil.tersembunyi == 1
    assert len(hasil.komentar) == 5


def test_results_visibility_per_role(org, putaran):
    _jawab_banyak(org, putaran, ["staff_1", "staff_2", "kasi", "staff_pupr", "kadis_pupr", "kadis_b"][:5])
    kadis = selectors.hasil_survei(actor=fresh(org.kadis.user), putaran=putaran)
    assert [o.pk for o, _ in kadis.per_opd] == [org.dinkes.pk] and not kadis.komentar
    pupr = selectors.hasil_survei(actor=fresh(org.kadis_pupr.user), putaran=putaran)
    assert pupr.per_opd == [] and pupr.tersembunyi == 1  # own OPD under the minimum
    pegawai = selectors.hasil_survei(actor=fresh(org.staff_1.user), putaran=putaran)
    assert pegawai.per_opd == [] and pegawai.total.tampil and not pegawai.komentar
    bupati = selectors.hasil_survei(actor=fresh(org.bupati), putaran=putaran)
    assert [o.pk for o, _ in bupati.per_opd] == [org.dinkes.pk] and not bupati.komentar
    auditor = selectors.hasil_survei(actor=fresh(org.auditor.user), putaran=putaran)
    assert auditor.komentar
    r = _client(fresh(org.staff_b.user)).get(f"/pelatihan/survei/{putaran.pk}/hasil/")
    assert r.status_code == 404


def test_comments_hidden_while_the_whole_round_is_under_the_minimum(org, putaran):
    _jawab_banyak(org, putaran, ["staff_1", "staff_2"])
    hasil = selectors.hasil_survei(actor=fresh(org.admin.user), putaran=putaran)
    assert not hasil.total.tampil and hasil.komentar == [] and hasil.total.rata["kegunaan"] is None
    body = _client(fresh(org.admin.user)).get(f"/pelatihan/survei/{putaran.pk}/hasil/").content.decode()
    assert "Belum cukup tanggapan" in body and "catatan staff_1" not in body


def test_you_said_we_did(org, putaran):
    item = services.tindak_lanjut_simpan(actor=admin(org), putaran=putaran, anda_berkata="Sinyal lemah",
                                         kami_lakukan="Mode luring", status="selesai")
    services.tindak_lanjut_simpan(actor=admin(org), anda_berkata="Draf", kami_lakukan="Belum", terbit=False)
    body = _client(fresh(org.staff_pupr.user)).get("/pelatihan/kami-lakukan/").content.decode()
    assert "Sinyal lemah" in body and "Mode luring" in body and "Draf" not in body
    assert "Draf" in _client(fresh(org.admin.user)).get("/pelatihan/kami-lakukan/").content.decode()
    assert _client(fresh(org.staff_b.user)).get("/pelatihan/kami-lakukan/").content.decode().count("Sinyal") == 0
    services.tindak_lanjut_ubah(actor=admin(org), item=item, anda_berkata="Sinyal lemah di desa",
                                kami_lakukan="Mode luring dan sinkron otomatis", status="selesai")
    assert TindakLanjutSurvei.objects.get(pk=item.pk).kami_lakukan.endswith("otomatis")


@pytest.mark.parametrize(("kw", "field"), [({"anda_berkata": ""}, "anda_berkata"), ({"kami_lakukan": " "},
                                                                                     "kami_lakukan"),
                                           ({"status": "lupa"}, "status")])
def test_bad_you_said_we_did(org, kw, field):
    data = {"anda_berkata": "A", "kami_lakukan": "B", "status": "direncanakan", **kw}
    with pytest.raises(ApplicationError) as exc:
        services.tindak_lanjut_simpan(actor=admin(org), **data)
    assert field in exc.value.detail
    assert not TindakLanjutSurvei.objects.exists()


def test_only_admin_writes_you_said_we_did(org):
    with pytest.raises(Forbidden):
        services.tindak_lanjut_simpan(actor=fresh(org.auditor.user), anda_berkata="a", kami_lakukan="b")
    r = _client(fresh(org.staff_1.user)).post("/pelatihan/kami-lakukan/", {"anda_berkata": "a", "kami_lakukan": "b",
                                                                            "status": "selesai"})
    assert r.status_code == 403 and not TindakLanjutSurvei.objects.exists()


def test_survey_through_the_api(org, putaran):
    c = _client(fresh(org.staff_1.user))
    r = c.get("/api/v1/pelatihan/survei/aktif")
    assert r.status_code == 200 and r.json()["sudah_mengisi"] is False and len(r.json()["pertanyaan"]) == 3
    r = c.post(f"/api/v1/pelatihan/survei/{putaran.pk}/tanggapan", {"kegunaan": 9, "keadilan": 3, "kemudahan": 3},
               content_type="application/json")
    assert r.status_code == 422 and not ResponsSurvei.objects.exists()
    r = c.post(f"/api/v1/pelatihan/survei/{putaran.pk}/tanggapan", {"kegunaan": 5, "keadilan": 3, "kemudahan": 3},
               content_type="application/json")
    assert r.status_code == 201
    r = c.post(f"/api/v1/pelatihan/survei/{putaran.pk}/tanggapan", {"kegunaan": 5, "keadilan": 3, "kemudahan": 3},
               content_type="application/json")
    assert r.status_code == 409 and r.json()["message"] == SV.MSG_SUDAH_MENGISI
