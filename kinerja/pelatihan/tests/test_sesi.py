"""Planning sessions: validation (every bad input: Indonesian message, 4xx, nothing saved), audience, invitations,
changes, cancellation, self-registration, materials and quiz questions."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState
from kinerja.core.models import Notifikasi, Peran
from kinerja.organisasi.tests.factories import fresh
from kinerja.pelatihan import services
from kinerja.pelatihan.models import MateriSesi, PesertaSesi, SesiPelatihan, SoalKuis, StatusSesi
from kinerja.pelatihan.services import sesi as S
from kinerja.pelatihan.tests.factories import admin, berakhir, data_sesi, make_sesi

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


BAD_INPUT = [
    ({"judul": "  "}, "judul", S.MSG_JUDUL_WAJIB),
    ({"selesai_offset": -1}, "selesai", S.MSG_WAKTU_URUT),
    ({"selesai_offset": 24 * 8}, "selesai", S.MSG_TERLALU_PANJANG),
    ({"mulai_hari": -3}, "mulai", S.MSG_SUDAH_LEWAT),
    ({"tempat": ""}, "tempat", S.MSG_TEMPAT_WAJIB),
    ({"mode": "daring", "tempat": ""}, "tautan_daring", S.MSG_TAUTAN_WAJIB),
    ({"mode": "campuran", "tautan_daring": "ftp://x.id/a"}, "tautan_daring", S.MSG_TAUTAN_SALAH),
    ({"mode": "daring", "tautan_daring": "javascript:alert(1)"}, "tautan_daring", S.MSG_TAUTAN_SALAH),
    ({"sasaran_unit_ids": [], "sasaran_peran": []}, "sasaran_unit_ids", S.MSG_SASARAN_WAJIB),
    ({"sasaran_peran": ["raja"]}, "sasaran_peran", S.MSG_PERAN_TIDAK_DIKENAL),
    ({"fokus": ["sulap"]}, "fokus", S.MSG_FOKUS_TIDAK_DIKENAL),
    ({"kuota": 0}, "kuota", S.MSG_KUOTA),
    ({"nilai_lulus": 101}, "nilai_lulus", S.MSG_NILAI_LULUS),
    ({"jam_pelajaran": 0}, "jam_pelajaran", S.MSG_JP),
    ({"jenis": "pesta"}, "jenis", S.MSG_JENIS),
    ({"mode": "telepati"}, "mode", S.MSG_MODE),
]


def _data(org, **kw):
    mulai = timezone.now() + dt.timedelta(days=kw.pop("mulai_hari", 2))
    selesai = mulai + dt.timedelta(hours=kw.pop("selesai_offset", 2))
    return data_sesi(org, mulai=mulai, selesai=selesai, **kw)


@pytest.mark.parametrize(("kw", "field", "msg"), BAD_INPUT, ids=[b[1] + ":" + b[2][:25] for b in BAD_INPUT])
def test_bad_input_is_refused_with_a_message_and_nothing_saved(org, kw, field, msg):
    with pytest.raises(ApplicationError) as exc:
        services.sesi_create(actor=admin(org), **_data(org, **kw))
    assert exc.value.status == 422
    assert msg in exc.value.detail[field]
    assert not SesiPelatihan.objects.exists()


def test_unit_of_another_instansi_is_refused(org):
    other = org.staff_b.unit_kerja
    with pytest.raises(ApplicationError) as exc:
        services.sesi_create(actor=admin(org), **_data(org, sasaran_unit_ids=[other.pk]))
    assert exc.value.detail["sasaran_unit_ids"] == [S.MSG_UNIT_TIDAK_DIKENAL]
    assert not SesiPelatihan.objects.exists()


@pytest.mark.parametrize("who", ["staff_1", "kadis", "auditor", "bupati"])
def test_only_admin_bkpsdm_plans_sessions(org, who):
    with pytest.raises(Forbidden):
        services.sesi_create(actor=fresh(org.user(who)), **_data(org))
    assert not SesiPelatihan.objects.exists()


def test_bad_input_through_the_page_answers_400_with_the_message(org):
    c = _client(fresh(org.admin.user))
    mulai = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    r = c.post("/pelatihan/sesi/baru/", {"judul": "Sosialisasi", "jenis": "sosialisasi", "mode": "tatap_muka",
                                         "tempat": "", "mulai": mulai, "selesai": mulai, "jam_pelajaran": 2,
                                         "nilai_lulus": 70, "sasaran_unit_ids": [org.dinkes.pk]})
    assert r.status_code == 400
    body = r.content.decode()
    assert S.MSG_WAKTU_URUT in body and S.MSG_TEMPAT_WAJIB in body and "Ada yang perlu diperbaiki" in body
    assert not SesiPelatihan.objects.exists()


def test_create_through_the_page(org):
    c = _client(fresh(org.admin.user))
    mulai = timezone.localtime() + dt.timedelta(days=2)
    r = c.post("/pelatihan/sesi/baru/", {
        "judul": "Laporan harian", "jenis": "sosialisasi", "mode": "tatap_muka", "tempat": "Aula",
        "mulai": mulai.strftime("%Y-%m-%dT%H:%M"), "selesai": (mulai + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "jam_pelajaran": 2, "nilai_lulus": 70, "sasaran_unit_ids": [org.seksi_imunisasi.pk],
        "sasaran_peran": ["pimpinan_opd"], "fokus": ["laporan_harian", "kolaboratif"], "pendaftaran_terbuka": "on",
        "sertifikat": "on"})
    assert r.status_code == 302
    sesi = SesiPelatihan.objects.get()
    assert sesi.status == StatusSesi.DRAF and sesi.penyelenggara_id == org.admin.user_id
    assert {f.kode for f in sesi.fokus.all()} == {"laporan_harian", "kolaboratif"}
    assert not sesi.peserta.exists()  # nothing is sent before publishing


def test_publish_invites_the_audience_and_notifies_them(org, django_capture_on_commit_callbacks):
    sesi = make_sesi(org, terbit=False, sasaran_unit_ids=[org.p2p.pk], sasaran_peran=[Peran.PIMPINAN_OPD])
    with django_capture_on_commit_callbacks(execute=True):
        n = services.sesi_terbitkan(actor=admin(org), sesi=sesi)
    invited = set(PesertaSesi.objects.filter(sesi=sesi).values_list("pegawai_id", flat=True))
    # the bidang and everything below it, plus the heads of OPD (kadis, kadis_pupr; not instansi B)
    assert invited == {org.kabid.pk, org.kasi.pk, org.staff_1.pk, org.staff_2.pk, org.kadis.pk, org.kadis_pupr.pk}
    assert n == 6
    assert Notifikasi.objects.filter(user=org.staff_1.user, jenis="pelatihan", judul__startswith="Undangan").exists()
    assert not Notifikasi.objects.filter(user=org.staff_3.user).exists()
    sesi.refresh_from_db()
    assert sesi.status == StatusSesi.TERBIT
    peserta = PesertaSesi.objects.get(sesi=sesi, pegawai=org.staff_1)
    assert (peserta.opd_id, peserta.unit_kerja_id) == (org.dinkes.pk, org.seksi_imunisasi.pk)  # snapshot


def test_large_audience_is_invited_by_the_background_job(org, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(S, "UNDANG_LANGSUNG_MAKS", 2)
    sesi = make_sesi(org, terbit=False)  # Dinas Kesehatan: 7 pegawai
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        n = services.sesi_terbitkan(actor=admin(org), sesi=sesi)
    assert n == 7 and not sesi.peserta.exists()  # the request only publishes
    for callback in callbacks:
        callback()  # the job: participants, audit entries, invitations
    assert sesi.peserta.count() == 7
    assert Notifikasi.objects.filter(jenis="pelatihan").count() == 7


def test_role_audiences(org):
    cases = {
        Peran.ATASAN: {org.kadis.pk, org.kabid.pk, org.kasi.pk, org.kabid_2.pk, org.kadis_pupr.pk},
        Peran.ADMIN_BKPSDM: {org.admin.pk},
        Peran.INSPEKTORAT: {org.auditor.pk},
    }
    for peran, expected in cases.items():
        sesi = make_sesi(org, terbit=False, sasaran_unit_ids=[], sasaran_peran=[peran])
        services.sesi_terbitkan(actor=admin(org), sesi=sesi)
        assert set(sesi.peserta.values_list("pegawai_id", flat=True)) == expected, peran


def test_changing_a_role_audience_is_audited(org):
    from auditlog.models import LogEntry

    sesi = make_sesi(org, terbit=False, sasaran_unit_ids=[], sasaran_peran=[Peran.ATASAN])
    services.sesi_update(actor=admin(org), sesi=sesi, sasaran_peran=[Peran.PIMPINAN_OPD])
    assert [str(s) for s in sesi.sasaran.all()] == ["Pimpinan OPD"]
    assert LogEntry.objects.filter(content_type__model="sasaransesi", action=LogEntry.Action.DELETE,
                                   object_repr="Atasan / Pejabat Penilai").exists()


def test_publish_refuses_over_quota_empty_audience_and_twice(org):
    sesi = make_sesi(org, terbit=False, kuota=2)
    with pytest.raises(ApplicationError, match="melebihi kuota 2"):
        services.sesi_terbitkan(actor=admin(org), sesi=sesi)
    assert not sesi.peserta.exists() and SesiPelatihan.objects.get(pk=sesi.pk).status == StatusSesi.DRAF
    kosong = make_sesi(org, terbit=False, sasaran_unit_ids=[], sasaran_peran=[Peran.PIMPINAN_DAERAH])
    with pytest.raises(ApplicationError, match="Tidak ada pegawai aktif"):
        services.sesi_terbitkan(actor=admin(org), sesi=kosong)
    ok = make_sesi(org)
    with pytest.raises(InvalidState):
        services.sesi_terbitkan(actor=admin(org), sesi=ok)


def test_changing_time_of_a_published_session_tells_participants(org, django_capture_on_commit_callbacks):
    sesi = make_sesi(org)
    Notifikasi.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.sesi_update(actor=admin(org), sesi=sesi, mulai=sesi.mulai + dt.timedelta(hours=1),
                             selesai=sesi.selesai + dt.timedelta(hours=1))
    assert Notifikasi.objects.filter(user=org.staff_1.user, judul__startswith="Perubahan jadwal").count() == 1
    Notifikasi.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.sesi_update(actor=admin(org), sesi=sesi, narasumber="Dr. Rina")
    assert not Notifikasi.objects.exists()  # a change that does not affect participants is not announced


def test_update_validates_like_create(org):
    sesi = make_sesi(org)
    with pytest.raises(ApplicationError) as exc:
        services.sesi_update(actor=admin(org), sesi=sesi, selesai=sesi.mulai)
    assert exc.value.detail["selesai"] == [S.MSG_WAKTU_URUT]
    assert SesiPelatihan.objects.get(pk=sesi.pk).selesai == sesi.selesai


def test_cancel_requires_a_reason_and_notifies(org, django_capture_on_commit_callbacks):
    sesi = make_sesi(org)
    with pytest.raises(ApplicationError) as exc:
        services.sesi_batalkan(actor=admin(org), sesi=sesi, alasan=" ")
    assert exc.value.detail["alasan"] == [S.MSG_ALASAN_BATAL]
    assert SesiPelatihan.objects.get(pk=sesi.pk).status == StatusSesi.TERBIT
    with django_capture_on_commit_callbacks(execute=True):
        services.sesi_batalkan(actor=admin(org), sesi=sesi, alasan="Aula dipakai acara Bupati")
    assert SesiPelatihan.objects.get(pk=sesi.pk).status == StatusSesi.DIBATALKAN
    assert Notifikasi.objects.filter(user=org.staff_1.user, judul__startswith="Dibatalkan").exists()
    with pytest.raises(InvalidState):
        services.sesi_batalkan(actor=admin(org), sesi=sesi, alasan="lagi")
    with pytest.raises(InvalidState):
        services.sesi_update(actor=admin(org), sesi=sesi, judul="Baru")


def test_ended_sessions_cannot_be_changed_or_cancelled(org):
    sesi = berakhir(make_sesi(org))
    with pytest.raises(InvalidState, match="sudah berakhir"):
        services.sesi_update(actor=admin(org), sesi=sesi, judul="Baru")
    with pytest.raises(InvalidState, match="sudah berakhir"):
        services.sesi_batalkan(actor=admin(org), sesi=sesi, alasan="x")


def test_self_registration(org):
    sesi = make_sesi(org, terbit=False, sasaran_unit_ids=[org.dinkes.pk], kuota=20)
    services.sesi_terbitkan(actor=admin(org), sesi=sesi)
    PesertaSesi.objects.filter(sesi=sesi, pegawai=org.staff_3).delete()  # e.g. joined the unit after publishing
    peserta = services.sesi_daftar(actor=fresh(org.staff_3.user), sesi=sesi)
    assert peserta.cara_daftar == "mandiri"
    with pytest.raises(InvalidState, match="sudah terdaftar"):
        services.sesi_daftar(actor=fresh(org.staff_3.user), sesi=sesi)
    with pytest.raises(Forbidden, match="bukan untuk unit atau peran Anda"):
        services.sesi_daftar(actor=fresh(org.staff_pupr.user), sesi=sesi)
    assert not PesertaSesi.objects.filter(sesi=sesi, pegawai=org.staff_pupr).exists()


def test_self_registration_closed_full_or_unpublished(org):
    tertutup = make_sesi(org, pendaftaran_terbuka=False)
    PesertaSesi.objects.filter(sesi=tertutup, pegawai=org.staff_3).delete()
    with pytest.raises(Forbidden, match="tidak dibuka"):
        services.sesi_daftar(actor=fresh(org.staff_3.user), sesi=tertutup)
    penuh = make_sesi(org, terbit=False, sasaran_unit_ids=[org.seksi_imunisasi.pk], kuota=3)
    services.sesi_terbitkan(actor=admin(org), sesi=penuh)  # kasi, staff_1, staff_2
    services.sesi_update(actor=admin(org), sesi=penuh, sasaran_unit_ids=[org.dinkes.pk])
    with pytest.raises(InvalidState, match="penuh"):
        services.sesi_daftar(actor=fresh(org.staff_3.user), sesi=penuh)
    draf = make_sesi(org, terbit=False)
    with pytest.raises(InvalidState, match="belum diterbitkan"):
        services.sesi_daftar(actor=fresh(org.staff_3.user), sesi=draf)
    with pytest.raises(Forbidden):
        services.sesi_daftar(actor=fresh(org.bupati), sesi=make_sesi(org))  # no pegawai record


def _upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_material_upload_and_checked_download(org):
    sesi = make_sesi(org)
    materi = services.materi_unggah(actor=admin(org), sesi=sesi, judul="", berkas=_upload("Panduan.pdf", PDF))
    assert materi.judul == "Panduan.pdf" and materi.jenis == "pdf"
    r = _client(fresh(org.staff_1.user)).get(f"/pelatihan/materi/{materi.pk}/")  # invited
    assert r.status_code == 200 and r["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in r["Content-Disposition"]
    assert b"".join(r.streaming_content).startswith(b"%PDF")
    assert _client(fresh(org.staff_pupr.user)).get(f"/pelatihan/materi/{materi.pk}/").status_code == 404
    assert _client(fresh(org.staff_b.user)).get(f"/pelatihan/materi/{materi.pk}/").status_code == 404


@pytest.mark.parametrize(("name", "data", "status"), [
    ("halaman.html", b"<html><script>alert(1)</script></html>", 415),
    ("gambar.pdf", b"GIF89a....", 415),
    ("kosong.pdf", b"", 422),
])
def test_bad_materials_are_refused(org, name, data, status):
    sesi = make_sesi(org)
    with pytest.raises(ApplicationError) as exc:
        services.materi_unggah(actor=admin(org), sesi=sesi, judul="x", berkas=_upload(name, data))
    assert exc.value.status == status
    assert not MateriSesi.objects.exists()


def test_too_large_material_is_refused_on_the_page(org, settings):
    settings.PELATIHAN_MATERI_MAX_BYTES = 1024
    sesi = make_sesi(org)
    r = _client(fresh(org.admin.user)).post(f"/pelatihan/sesi/{sesi.pk}/materi/",
                                            {"judul": "Besar", "berkas": _upload("besar.pdf", PDF + b"0" * 2048)})
    assert r.status_code == 413
    assert "Berkas terlalu besar" in r.content.decode()
    assert not MateriSesi.objects.exists()


def test_pegawai_cannot_upload_material(org):
    sesi = make_sesi(org)
    with pytest.raises(Forbidden):
        services.materi_unggah(actor=fresh(org.staff_1.user), sesi=sesi, judul="x", berkas=_upload("a.pdf", PDF))
    r = _client(fresh(org.staff_1.user)).post(f"/pelatihan/sesi/{sesi.pk}/materi/",
                                              {"judul": "x", "berkas": _upload("a.pdf", PDF)})
    assert r.status_code == 403
    assert not MateriSesi.objects.exists()


SOAL_BURUK = [
    ([], "soal", S.MSG_SOAL_KOSONG),
    ([{"pertanyaan": "", "pilihan": ["a", "b"], "kunci": 0}], "soal_1", "Soal 1: tulis pertanyaannya."),
    ([{"pertanyaan": "Apa?", "pilihan": ["hanya satu"], "kunci": 0}], "soal_1", S.MSG_PILIHAN.format(n=1)),
    ([{"pertanyaan": "Apa?", "pilihan": ["a", "b"], "kunci": 2}], "soal_1", S.MSG_KUNCI.format(n=1)),
    ([{"pertanyaan": f"S{i}", "pilihan": ["a", "b"], "kunci": 0} for i in range(11)], "soal",
     S.MSG_SOAL_TERLALU_BANYAK),
]


@pytest.mark.parametrize(("soal", "field", "msg"), SOAL_BURUK, ids=[s[2][:30] for s in SOAL_BURUK])
def test_bad_quiz_questions(org, soal, field, msg):
    sesi = make_sesi(org)
    with pytest.raises(ApplicationError) as exc:
        services.soal_kuis_simpan(actor=admin(org), sesi=sesi, soal=soal)
    assert msg in exc.value.detail[field]
    assert not SoalKuis.objects.exists()


def test_quiz_page_maps_letters_to_filled_options(org):
    sesi = make_sesi(org)
    data = {"p1": "Laporan harian dapat diisi bila?", "p1_0": "SKP disetujui", "p1_1": "", "p1_2": "Akhir bulan",
            "p1_3": "", "p1_kunci": "2"}
    r = _client(fresh(org.admin.user)).post(f"/pelatihan/sesi/{sesi.pk}/soal/", data)
    assert r.status_code == 302
    soal = SoalKuis.objects.get()
    assert soal.pilihan == ["SKP disetujui", "Akhir bulan"] and soal.kunci == 1
    bad = {**data, "p1_kunci": "1"}  # an empty option was chosen as the key
    r = _client(fresh(org.admin.user)).post(f"/pelatihan/sesi/{sesi.pk}/soal/", bad)
    assert r.status_code == 400 and S.MSG_KUNCI.format(n=1) in r.content.decode()


def test_quiz_is_locked_once_taken(org):
    from kinerja.pelatihan.tests.factories import berjalan, hadirkan, make_kuis

    sesi = make_sesi(org)
    soal = make_kuis(org, sesi)
    sesi = berjalan(sesi)
    hadirkan(org, sesi)
    services.kuis_kerjakan(actor=fresh(org.staff_1.user), sesi=sesi, jawaban={s.pk: 0 for s in soal})
    with pytest.raises(InvalidState, match="tidak dapat diubah"):
        services.soal_kuis_simpan(actor=admin(org), sesi=sesi, soal=[{"pertanyaan": "x", "pilihan": ["a", "b"],
                                                                      "kunci": 0}])


def test_attendance_export_for_admin_only(org):
    sesi = make_sesi(org)
    r = _client(fresh(org.admin.user)).get(f"/pelatihan/sesi/{sesi.pk}/peserta.xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert ws.max_row == 1 + sesi.peserta.count()
    assert _client(fresh(org.staff_1.user)).get(f"/pelatihan/sesi/{sesi.pk}/peserta.xlsx").status_code == 403
