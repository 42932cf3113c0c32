"""The survey, ratings of named ASN, project input, moderation and public replies (services and selectors)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, ErrorCode, Forbidden
from kinerja.organisasi.tests.factories import fresh
from kinerja.partisipasi import rules, selectors, services
from kinerja.partisipasi.models import (
    BalasanPublik,
    CatatanModerasi,
    MasukanProyek,
    PenilaianPetugas,
    ResponSurvei,
    StatusModerasi,
)
from kinerja.partisipasi.tests.factories import jawaban, konteks

pytestmark = pytest.mark.django_db
TAHUN = rules.periode_dari_kode(str(timezone.localdate().year))


def _jpeg(size=(64, 48), exif_gps=False) -> bytes:
    from PIL import Image

    img = Image.new("RGB", size, (120, 90, 60))
    out = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x8825] = {1: "S", 2: (6.0, 10.0, 0.0)}
        img.save(out, "JPEG", exif=exif)
    else:
        img.save(out, "JPEG")
    return out.getvalue()


# --- survey --------------------------------------------------------------------------------------------------------


def test_survey_is_saved_and_counted_in_ikm(dunia):
    for values in [(4, 4, 3, 3, 4, 3, 4, 2, 3), (3, 4, 3, 2, 4, 3, 4, 3, 3), (3, 3, 2, 4, 3, 4, 4, 2, 3)]:
        services.survei_submit(titik=dunia.titik, jawaban=jawaban(*values), konteks=konteks())
    hasil = selectors.ikm_titik(dunia.titik, TAHUN)
    assert hasil.jumlah == 3
    assert hasil.ikm == Decimal("80.56")  # the hand-computed case A of test_rules
    assert hasil.mutu.huruf == "B"
    assert hasil.target_sampel == rules.sampel_krejcie_morgan(400)


def test_instansi_weight_policy_applies(dunia):
    services.kebijakan_simpan(actor=fresh(dunia.org.admin.user), bobot_ikm="0.11")
    services.survei_submit(titik=dunia.titik, jawaban=jawaban(4, 4, 4, 4, 4, 3, 3, 3, 3), konteks=konteks())
    assert selectors.ikm_titik(dunia.titik, TAHUN).ikm == Decimal("88.00")


def test_missing_unsur_is_refused_and_nothing_saved(dunia):
    values = jawaban()
    del values["u7"]
    with pytest.raises(ApplicationError) as exc:
        services.survei_submit(titik=dunia.titik, jawaban=values, konteks=konteks())
    assert exc.value.detail == {"u7": ["Pilih salah satu jawaban untuk pertanyaan ini."]}
    assert exc.value.status == 422
    assert not ResponSurvei.objects.exists()


@pytest.mark.parametrize("bad", [0, 5, "4.5", "empat", -1, True])
def test_answer_out_of_range_is_refused(dunia, bad):
    with pytest.raises(ApplicationError) as exc:
        services.survei_submit(titik=dunia.titik, jawaban={**jawaban(), "u3": bad}, konteks=konteks())
    assert exc.value.detail["u3"] == ["Jawaban harus salah satu pilihan 1 sampai 4."]
    assert not ResponSurvei.objects.exists()


def test_profile_is_optional_but_checked(dunia):
    services.survei_submit(titik=dunia.titik, jawaban=jawaban(), profil={}, konteks=konteks())
    with pytest.raises(ApplicationError) as exc:
        services.survei_submit(titik=dunia.titik, jawaban=jawaban(), konteks=konteks(),
                               profil={"usia": "7", "pendidikan": "profesor", "jenis_kelamin": "X"})
    assert set(exc.value.detail) == {"usia", "pendidikan", "jenis_kelamin"}
    assert ResponSurvei.objects.count() == 1


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">',
                                  "klik javascript:alert(1)", "</textarea><b>hai"])
def test_script_in_text_is_refused(dunia, text):
    with pytest.raises(ApplicationError) as exc:
        services.survei_submit(titik=dunia.titik, jawaban=jawaban(), saran=text, konteks=konteks())
    assert "kode HTML atau skrip" in exc.value.detail["saran"][0]
    assert not ResponSurvei.objects.exists()


def test_survey_on_a_project_page_is_refused(dunia):
    with pytest.raises(ApplicationError, match="hanya untuk titik layanan"):
        services.survei_submit(titik=dunia.proyek, jawaban=jawaban(), konteks=konteks())


def test_duplicate_from_the_same_device_within_a_day(dunia):
    services.survei_submit(titik=dunia.titik, jawaban=jawaban(), konteks=konteks(perangkat="dev-sama"))
    with pytest.raises(ApplicationError) as exc:
        services.survei_submit(titik=dunia.titik, jawaban=jawaban(), konteks=konteks(perangkat="dev-sama"))
    assert exc.value.code == ErrorCode.CONFLICT and exc.value.status == 409
    later = timezone.now() + dt.timedelta(hours=25)
    services.survei_submit(titik=dunia.titik, jawaban=jawaban(), konteks=konteks(perangkat="dev-sama", when=later))
    assert ResponSurvei.objects.count() == 2


def test_human_check_is_required(dunia):
    with pytest.raises(ApplicationError, match="Pemeriksaan keamanan"):
        services.survei_submit(titik=dunia.titik, jawaban=jawaban(), konteks=konteks(solved=False))
    assert not ResponSurvei.objects.exists()


def test_profanity_holds_the_response_out_of_ikm(dunia):
    services.survei_submit(titik=dunia.titik, jawaban=jawaban(4, 4, 4, 4, 4, 4, 4, 4, 4), konteks=konteks())
    held = services.survei_submit(titik=dunia.titik, jawaban=jawaban(1, 1, 1, 1, 1, 1, 1, 1, 1),
                                  saran="petugasnya goblok", konteks=konteks())
    assert held.status == StatusModerasi.DITINJAU and held.tanda == "kata_kasar"
    assert selectors.ikm_titik(dunia.titik, TAHUN).ikm == Decimal("100.00")
    assert held not in selectors.umpan_balik_publik(dunia.titik)


def test_same_address_again_and_again_is_held(dunia):
    statuses = [services.survei_submit(titik=dunia.titik, jawaban=jawaban(), konteks=konteks(ip="ip-sama")).status
                for _ in range(5)]
    assert statuses == ["tampil"] * 3 + ["ditinjau"] * 2
    assert "tidak_independen" in ResponSurvei.objects.filter(status="ditinjau").first().tanda


def test_paper_questionnaire_may_leave_an_unsur_blank(dunia):
    r = services.survei_kertas_input(actor=fresh(dunia.org.kasi.user), titik=dunia.titik,
                                     jawaban={**jawaban(2, 2, 2, 2, 2, 2, 2, 2, 2), "u9": ""})
    services.survei_submit(titik=dunia.titik, jawaban=jawaban(4, 4, 4, 4, 4, 4, 4, 4, 4), konteks=konteks())
    assert r.u9 is None and r.sumber == "kertas"
    hasil = selectors.ikm_titik(dunia.titik, TAHUN)
    assert hasil.nrr[8] == 4 and hasil.nrr[0] == 3  # U9 from the one answer only
    assert hasil.ikm == Decimal("77.78")
    with pytest.raises(Forbidden):
        services.survei_kertas_input(actor=fresh(dunia.org.staff_3.user), titik=dunia.titik, jawaban=jawaban())


def test_trend_per_quarter(dunia):
    last_quarter = rules.triwulan_terakhir(timezone.localdate(), 2)[0]
    when = timezone.make_aware(dt.datetime.combine(last_quarter.mulai + dt.timedelta(days=3), dt.time(10)))
    services.survei_submit(titik=dunia.titik, jawaban=jawaban(2, 2, 2, 2, 2, 2, 2, 2, 2), konteks=konteks(when=when))
    services.survei_submit(titik=dunia.titik, jawaban=jawaban(4, 4, 4, 4, 4, 4, 4, 4, 4), konteks=konteks())
    tren = selectors.tren_ikm(titik=dunia.titik, n=2)
    assert [h.ikm for h in tren] == [Decimal("50.00"), Decimal("100.00")]
    unit = selectors.tren_ikm(unit=dunia.org.dinkes, n=2)
    assert [h.jumlah for h in unit] == [1, 1]
    chart = selectors.tren_chart(tren)
    assert chart["bars"][1]["h"] > chart["bars"][0]["h"]


# --- ratings of named ASN ----------------------------------------------------------------------------------------------

BINTANG5 = {"kesopanan": 5, "kecepatan": 5, "kejelasan": 5, "integritas": 5}


def test_rating_needs_four_stars_and_snapshots_the_unit(dunia):
    with pytest.raises(ApplicationError) as exc:
        services.penilaian_petugas_submit(petugas=dunia.petugas, nilai={"kesopanan": 6}, konteks=konteks())
    assert set(exc.value.detail) == {"kesopanan", "kecepatan", "kejelasan", "integritas"}
    r = services.penilaian_petugas_submit(petugas=dunia.petugas, nilai=BINTANG5, komentar="Ramah", konteks=konteks())
    assert r.unit_kerja_id == dunia.org.staff_1.unit_kerja_id and r.pegawai_id == dunia.org.staff_1.pk


def test_score_hidden_until_minimum_independent_then_smoothed(dunia):
    # unit mean from a colleague's ratings: 3
    from kinerja.partisipasi.services import petugas_bersedia

    rekan = petugas_bersedia(actor=fresh(dunia.org.staff_2.user), sebutan="Perawat")
    for _ in range(5):
        services.penilaian_petugas_submit(petugas=rekan, nilai=dict.fromkeys(BINTANG5, 3), konteks=konteks())
    for _ in range(4):
        services.penilaian_petugas_submit(petugas=dunia.petugas, nilai=BINTANG5, konteks=konteks())
    skor = selectors.skor_petugas(dunia.org.staff_1)
    assert (skor.jumlah, skor.independen, skor.tampil) == (4, 4, False)
    services.penilaian_petugas_submit(petugas=dunia.petugas, nilai=BINTANG5, konteks=konteks())
    skor = selectors.skor_petugas(dunia.org.staff_1)
    # unit mean over both: (5·3 + 5·5)/10 = 4; Bayes with C = 5: (5·4 + 25)/(5 + 5) = 4.5
    assert skor.tampil and skor.rata_unit == 4 and skor.skor == pytest.approx(4.5)


def test_burst_is_held_and_kept_out_of_the_score(dunia):
    results = [services.penilaian_petugas_submit(petugas=dunia.petugas, nilai=BINTANG5, konteks=konteks()).status
               for _ in range(10)]
    # default threshold: 8 per hour on one target → the 9th and 10th wait for review
    assert results.count("ditinjau") == 2
    skor = selectors.skor_petugas(dunia.org.staff_1)
    assert skor.jumlah == 8 and skor.ditinjau == 2
    held = PenilaianPetugas.objects.filter(status="ditinjau").first()
    assert "lonjakan" in held.tanda


def test_duplicate_rating_from_the_same_device(dunia):
    services.penilaian_petugas_submit(petugas=dunia.petugas, nilai=BINTANG5, konteks=konteks(perangkat="hp-1"))
    with pytest.raises(ApplicationError) as exc:
        services.penilaian_petugas_submit(petugas=dunia.petugas, nilai=BINTANG5, konteks=konteks(perangkat="hp-1"))
    assert exc.value.status == 409


def test_opt_out_stops_ratings(dunia):
    services.petugas_berhenti(actor=fresh(dunia.org.staff_1.user))
    dunia.petugas.refresh_from_db()
    with pytest.raises(ApplicationError) as exc:
        services.penilaian_petugas_submit(petugas=dunia.petugas, nilai=BINTANG5, konteks=konteks())
    assert exc.value.status == 404


# --- project input -----------------------------------------------------------------------------------------------------


def test_project_input_with_photo_stripped_of_location(dunia):
    foto = SimpleUploadedFile("jalan.jpg", _jpeg(exif_gps=True), content_type="image/jpeg")
    m = services.masukan_proyek_submit(titik=dunia.proyek, kemajuan="lambat", kualitas=2, sikap_petugas=4,
                                       petugas=dunia.petugas_pupr, komentar="Aspal tipis", foto=foto,
                                       konteks=konteks())
    assert m.foto and m.foto_kecil and len(m.foto_sha256) == 64
    from PIL import Image

    with Image.open(m.foto.path) as img:
        assert 0x8825 not in img.getexif()
    r = selectors.ringkasan_pegawai(dunia.org.staff_pupr, dt.date(2000, 1, 1), timezone.localdate())
    assert r["masukan_proyek"] == {"jumlah": 1, "rata_sikap": 4.0}


def test_oversized_photo_is_refused_with_413(dunia, settings):
    settings.PARTISIPASI_FOTO_MAKS_BYTES = 1024
    foto = SimpleUploadedFile("besar.jpg", _jpeg(size=(800, 800)) + b"\0" * 2048, content_type="image/jpeg")
    with pytest.raises(ApplicationError) as exc:
        services.masukan_proyek_submit(titik=dunia.proyek, kemajuan="sesuai", foto=foto, konteks=konteks())
    assert exc.value.status == 413 and "terlalu besar" in exc.value.detail["foto"][0]
    assert not MasukanProyek.objects.exists()


@pytest.mark.parametrize(("name", "content"), [
    ("foto.jpg", b"<html><script>alert(1)</script></html>"),
    ("foto.png", b"MZ\x90\x00 executable"),
    ("gambar.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
    ("dok.pdf", b"%PDF-1.4 not a photo"),
])
def test_unsafe_photo_is_refused_with_415(dunia, name, content):
    with pytest.raises(ApplicationError) as exc:
        services.masukan_proyek_submit(titik=dunia.proyek, kemajuan="sesuai",
                                       foto=SimpleUploadedFile(name, content), konteks=konteks())
    assert exc.value.status == 415 and "Jenis berkas tidak diterima" in exc.value.detail["foto"][0]
    assert not MasukanProyek.objects.exists()


def test_progress_is_required(dunia):
    with pytest.raises(ApplicationError) as exc:
        services.masukan_proyek_submit(titik=dunia.proyek, kemajuan="", konteks=konteks())
    assert "kemajuan" in exc.value.detail


# --- moderation and replies --------------------------------------------------------------------------------------------


def test_hide_with_reason_keeps_the_original_and_logs(dunia):
    r = services.survei_submit(titik=dunia.titik, jawaban=jawaban(), saran="Toilet kotor sekali", konteks=konteks())
    kasi = fresh(dunia.org.kasi.user)
    with pytest.raises(ApplicationError, match="alasan"):
        services.moderasi_set(actor=kasi, objek=r, tampil=False)
    services.moderasi_set(actor=kasi, objek=r, tampil=False, alasan="Menyebut nama pasien lain")
    r.refresh_from_db()
    assert r.status == StatusModerasi.DISEMBUNYIKAN and r.saran == "Toilet kotor sekali"
    log = CatatanModerasi.objects.get()
    assert (log.aksi, log.alasan, log.oleh_id) == ("sembunyikan", "Menyebut nama pasien lain", kasi.pk)
    assert r not in selectors.umpan_balik_publik(dunia.titik)
    assert selectors.ikm_titik(dunia.titik, TAHUN).jumlah == 0
    services.moderasi_set(actor=kasi, objek=r, tampil=True)
    assert selectors.ikm_titik(dunia.titik, TAHUN).jumlah == 1


@pytest.mark.parametrize("who", ["staff_1", "staff_3", "kadis_pupr", "auditor", "bupati", "kadis_b"])
def test_only_managers_of_the_unit_moderate(dunia, who):
    r = services.survei_submit(titik=dunia.titik, jawaban=jawaban(), konteks=konteks())
    with pytest.raises(Forbidden):
        services.moderasi_set(actor=fresh(dunia.org.user(who)), objek=r, tampil=False, alasan="x")


@pytest.mark.parametrize("who", ["kasi", "kabid", "kadis", "admin"])
def test_managers_moderate(dunia, who):
    r = services.survei_submit(titik=dunia.titik, jawaban=jawaban(), konteks=konteks())
    services.moderasi_set(actor=fresh(dunia.org.user(who)), objek=r, tampil=False, alasan="uji")


def test_public_replies_by_asn_and_unit(dunia):
    rating = services.penilaian_petugas_submit(petugas=dunia.petugas, nilai=BINTANG5, komentar="Terima kasih",
                                               konteks=konteks())
    b = services.balasan_create(actor=fresh(dunia.org.staff_1.user), objek=rating, isi="Sama-sama!", sebagai="asn")
    assert "petugas yang dinilai" in b.nama_tampil
    with pytest.raises(Forbidden):
        services.balasan_create(actor=fresh(dunia.org.staff_2.user), objek=rating, isi="Bukan saya", sebagai="asn")
    saran = services.survei_submit(titik=dunia.titik, jawaban=jawaban(), saran="Tambah kursi", konteks=konteks())
    services.balasan_create(actor=fresh(dunia.org.kasi.user), objek=saran, isi="Sudah kami tambah.", sebagai="unit")
    with pytest.raises(Forbidden):
        services.balasan_create(actor=fresh(dunia.org.staff_3.user), objek=saran, isi="x", sebagai="unit")
    with pytest.raises(ApplicationError, match="kode HTML"):
        services.balasan_create(actor=fresh(dunia.org.kasi.user), objek=saran, isi="<b>x</b>", sebagai="unit")
    assert BalasanPublik.objects.count() == 2
    shown = selectors.umpan_balik_publik(dunia.titik)[0]
    assert [x.isi for x in shown.balasan.all()] == ["Sudah kami tambah."]
