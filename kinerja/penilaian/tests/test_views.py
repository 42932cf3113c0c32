"""HTML pages: each renders for the roles that use it; forms re-shown with errors answer 4xx and save nothing;
the PDF and the Excel rekap (with angka kredit)."""

import datetime as dt
import io
from decimal import Decimal
from html import escape

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone

from kinerja.organisasi.tests.factories import fresh
from kinerja.penilaian import rules, services
from kinerja.penilaian.models import (
    DialogKinerja,
    Evaluasi,
    KebijakanPenilaian,
    PenilaianRhk,
    PenilaiRekan,
    PredikatOrganisasiUnit,
    Respon360,
    StatusEvaluasi,
)
from kinerja.penilaian.tests.factories import build_world, indikator, make_laporan, nilai, rating_lengkap
from kinerja.perencanaan.rules import NILAI_KODE

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org):
    return build_world(org)


def _c(w, name) -> Client:
    c = Client()
    c.force_login(fresh(w.org.user(name)), backend="django.contrib.auth.backends.ModelBackend")
    return c


def _rating_post(ev, rating="sesuai", ub=""):
    kw = rating_lengkap(ev, rating, ub)
    data = {f"rhk_{rid}_rating": v["rating"] for rid, v in kw["rhk"].items()}
    data.update({f"rhk_{rid}_umpan_balik": v["umpan_balik"] for rid, v in kw["rhk"].items()})
    data.update({f"perilaku_{k}_rating": v["rating"] for k, v in kw["perilaku"].items()})
    data.update({f"perilaku_{k}_umpan_balik": v["umpan_balik"] for k, v in kw["perilaku"].items()})
    data.update({"rating_hasil_kerja": rating, "rating_perilaku_kerja": rating})
    return data


def test_index_and_team_pages(w):
    assert _c(w, "staff_1").get("/penilaian/").status_code == 200
    r = _c(w, "kasi").get(f"/penilaian/?jadwal={w.tw3.pk}")
    assert r.status_code == 200 and "Penilaian tim saya" in r.content.decode()
    assert _c(w, "kasi").get(f"/penilaian/tim/?jadwal={w.tw3.pk}").status_code == 200


def test_full_flow_through_the_pages(w):
    skp = w.skp["staff_1"]
    make_laporan(skp, indikator(skp), w.tw3.tanggal_mulai, 9)
    kasi, staff = _c(w, "kasi"), _c(w, "staff_1")
    r = staff.post(f"/penilaian/buka/{w.org.staff_1.pk}/{w.tw3.pk}/")
    ev = Evaluasi.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/penilaian/evaluasi/{ev.pk}/"
    page = staff.get(f"/penilaian/evaluasi/{ev.pk}/").content.decode()
    assert "Isi penilaian diri" in page and "Jumlah bayi diimunisasi" in page and "90,0%" in page
    # self-assessment: empty reflection → 400, nothing submitted
    r = staff.post(f"/penilaian/evaluasi/{ev.pk}/penilaian-diri/", {"refleksi": "", "aksi": "ajukan"})
    assert r.status_code == 400 and "Tulis refleksi umum" in r.content.decode()
    r = staff.post(f"/penilaian/evaluasi/{ev.pk}/penilaian-diri/",
                   {"refleksi": "Target imunisasi hampir tercapai.", "aksi": "ajukan",
                    f"rhk_{indikator(skp).rhk_id}_refleksi": "Posyandu rutin."})
    assert r.status_code == 302
    # the rating page shows the suggestion; bad input → 400 with the messages, nothing saved
    assert "Saran sistem" in kasi.get(f"/penilaian/evaluasi/{ev.pk}/nilai/").content.decode()
    bad = _rating_post(ev)
    bad["rating_hasil_kerja"] = "luar_biasa"
    rid = next(iter(rating_lengkap(ev)["rhk"]))
    bad[f"rhk_{rid}_rating"] = "di_bawah"
    r = kasi.post(f"/penilaian/evaluasi/{ev.pk}/nilai/", bad)
    body = r.content.decode()
    assert r.status_code == 400 and escape(rules.MSG_RATING_DI_LUAR_SKALA) in body
    assert escape(rules.MSG_UMPAN_BALIK_WAJIB) in body
    assert f'href="#f-rhk_{rid}_umpan_balik"' in body  # the summary links to the field
    assert not PenilaianRhk.objects.exists()
    r = kasi.post(f"/penilaian/evaluasi/{ev.pk}/nilai/", _rating_post(ev))
    assert r.status_code == 302
    ev.refresh_from_db()
    assert ev.predikat == "baik"
    # finalise, then the PDF
    assert "Finalisasi dan kunci" in kasi.get(f"/penilaian/evaluasi/{ev.pk}/finalisasi/").content.decode()
    assert kasi.post(f"/penilaian/evaluasi/{ev.pk}/finalisasi/", {"justifikasi": ""}).status_code == 302
    r = staff.get(f"/penilaian/evaluasi/{ev.pk}/dokumen.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    # editing after the lock: 409 page, nothing changed
    r = kasi.post(f"/penilaian/evaluasi/{ev.pk}/nilai/", _rating_post(ev, "di_atas", "Hebat"))
    assert r.status_code == 409 and "terkunci" in r.content.decode()
    ev.refresh_from_db()
    assert ev.rating_hasil_kerja == "sesuai"
    # keberatan
    r = staff.post(f"/penilaian/evaluasi/{ev.pk}/keberatan/", {"alasan": "pendek"})
    assert r.status_code == 400
    r = staff.post(f"/penilaian/evaluasi/{ev.pk}/keberatan/",
                   {"alasan": "Laporan bulan Agustus belum dihitung karena tertahan."})
    assert r.status_code == 302
    kabid = _c(w, "kabid")
    assert "Putuskan keberatan" in kabid.get(f"/penilaian/evaluasi/{ev.pk}/").content.decode()
    r = kabid.post(f"/penilaian/evaluasi/{ev.pk}/keberatan/putuskan/",
                   {"keputusan": "ditolak", "pertimbangan": "Sudah dihitung."})
    assert r.status_code == 302
    ev.refresh_from_db()
    assert ev.status == StatusEvaluasi.DIPUTUSKAN


def test_pdf_follows_the_regulation_layout(w):
    import shutil
    import subprocess

    ev = services.evaluasi_finalisasi(actor=w.user("kasi"), evaluasi=nilai(w, "staff_1", w.tw3))
    r = _c(w, "staff_1").get(f"/penilaian/evaluasi/{ev.pk}/dokumen.pdf")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=r.content, capture_output=True).stdout.decode()
    for heading in ("EVALUASI KINERJA PEGAWAI", "PEGAWAI YANG DINILAI", "PEJABAT PENILAI KINERJA",
                    "ATASAN PEJABAT PENILAI KINERJA", "CAPAIAN KINERJA ORGANISASI", "PREDIKAT KINERJA PEGAWAI",
                    "CATATAN/REKOMENDASI", "Pegawai yang Dinilai", w.org.staff_1.nip, "BAIK"):
        assert heading in text, heading
    # staff_1 is Ahli Pertama: 3/12 × 100 % × 12.5 = 3.13 angka kredit for the triwulan
    assert "KONVERSI ANGKA KREDIT" in text and "3,13" in text, text
    # a structural position (the kasi) has no angka kredit
    ev_kasi = services.evaluasi_finalisasi(actor=w.user("kabid"), evaluasi=nilai(w, "kasi", w.tw3))
    r = _c(w, "kasi").get(f"/penilaian/evaluasi/{ev_kasi.pk}/dokumen.pdf")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=r.content, capture_output=True).stdout.decode()
    assert "PREDIKAT KINERJA PEGAWAI" in text and "ANGKA KREDIT" not in text


def test_no_pdf_before_rating(w):
    ev = services.evaluasi_buka(actor=w.user("kasi"), pegawai=w.org.staff_1, jadwal=w.tw3)
    assert _c(w, "kasi").get(f"/penilaian/evaluasi/{ev.pk}/dokumen.pdf").status_code == 422


def test_rekap_excel_with_angka_kredit(w):
    nilai(w, "staff_1", w.tw3, "di_atas", "di_atas")  # sangat baik, ahli pertama: 3/12 × 150 % × 12.5 = 4.69
    nilai(w, "staff_2", w.tw3)  # baik: 3/12 × 100 % × 12.5 = 3.13
    nilai(w, "kasi", w.tw3)  # pengawas: no angka kredit
    r = _c(w, "kadis").get(f"/penilaian/rekap/{w.org.dinkes.pk}/{w.tw3.pk}.xlsx")
    assert r.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in ws[1]]
    rows = {row[1]: dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)}
    assert rows[w.org.staff_1.nip]["Angka kredit"] == pytest.approx(float(Decimal("4.69")))
    assert rows[w.org.staff_2.nip]["Angka kredit"] == pytest.approx(3.13)
    assert rows[w.org.kasi.nip]["Angka kredit"] is None
    assert rows[w.org.staff_1.nip]["Predikat kinerja"] == "Sangat Baik"
    # scoped: kasi's rekap of the whole OPD lists only what kasi may see
    ws = openpyxl.load_workbook(io.BytesIO(_c(w, "kasi").get(
        f"/penilaian/rekap/{w.org.dinkes.pk}/{w.tw3.pk}.xlsx").content)).active
    assert {r[1] for r in ws.iter_rows(min_row=2, values_only=True)} == {w.org.staff_1.nip, w.org.staff_2.nip,
                                                                         w.org.kasi.nip}
    assert _c(w, "kadis_b").get(f"/penilaian/rekap/{w.org.dinkes.pk}/{w.tw3.pk}.xlsx").status_code == 404


def test_peer_pages(w):
    ev = services.evaluasi_buka(actor=w.user("kasi"), pegawai=w.org.staff_1, jadwal=w.tw3)
    kasi = _c(w, "kasi")
    assert kasi.get(f"/penilaian/evaluasi/{ev.pk}/rekan/").status_code == 200
    r = kasi.post(f"/penilaian/evaluasi/{ev.pk}/rekan/", {"penilai": [w.org.staff_2.pk], "aksi": "simpan"})
    assert r.status_code == 400 and "Pilih 3 sampai 5" in r.content.decode()
    r = kasi.post(f"/penilaian/evaluasi/{ev.pk}/rekan/", {"aksi": "simpan", "penilai": [
        w.org.staff_2.pk, w.org.staff_3.pk, w.org.kasi.pk]})
    assert r.status_code == 302
    u = PenilaiRekan.objects.get(evaluasi=ev, penilai=w.org.staff_2)
    staff2 = _c(w, "staff_2")
    assert "Ayu Lestari" in staff2.get("/penilaian/360/").content.decode()
    data = dict.fromkeys(NILAI_KODE, "sesuai")
    r = staff2.post(f"/penilaian/360/{u.pk}/", {**data, "loyal": "luar_biasa"})
    assert r.status_code == 400 and rules.MSG_RATING_DI_LUAR_SKALA in r.content.decode()
    assert not Respon360.objects.exists()
    assert staff2.post(f"/penilaian/360/{u.pk}/", data).status_code == 302
    r = staff2.post(f"/penilaian/360/{u.pk}/", data)  # a second peer rating
    assert r.status_code == 409 and "hanya dapat memberi umpan balik satu kali" in r.content.decode()
    assert Respon360.objects.count() == 1
    assert _c(w, "staff_3").get(f"/penilaian/360/{u.pk}/").status_code == 404  # someone else's invitation


def test_annual_page_and_override_reason(w):
    nilai(w, "staff_1", w.jadwal[3])
    ev = services.evaluasi_buka(actor=w.user("kasi"), pegawai=w.org.staff_1, jadwal=w.tahunan)
    kasi = _c(w, "kasi")
    assert "Menurut kebijakan instansi" in kasi.get(f"/penilaian/evaluasi/{ev.pk}/tahunan/").content.decode()
    r = kasi.post(f"/penilaian/evaluasi/{ev.pk}/tahunan/", {"predikat": "sangat_baik", "alasan_override": ""})
    assert r.status_code == 400 and "Tulis alasan" in r.content.decode()
    assert kasi.post(f"/penilaian/evaluasi/{ev.pk}/tahunan/", {"predikat": ""}).status_code == 302
    ev.refresh_from_db()
    assert ev.predikat == "baik"
    assert kasi.get(f"/penilaian/evaluasi/{ev.pk}/nilai/").status_code == 302  # annual: no periodic form


def test_calibration_page_and_curve_warning(w):
    PredikatOrganisasiUnit.objects.create(instansi=w.org.instansi, periode=w.periode, unit_kerja=w.org.dinkes,
                                          predikat="baik", ditetapkan_oleh=w.org.bupati)
    for name in ("staff_1", "staff_2", "staff_3"):
        nilai(w, name, w.jadwal[3])
        services.evaluasi_tetapkan_tahunan(actor=w.user("kasi" if name != "staff_3" else "kabid_2"),
                                           evaluasi=services.evaluasi_buka(actor=w.user(name),
                                                                           pegawai=getattr(w.org, name),
                                                                           jadwal=w.tahunan))
    r = _c(w, "kadis").get(f"/penilaian/kalibrasi/?opd={w.org.dinkes.pk}&jadwal={w.tahunan.pk}")
    body = r.content.decode()
    assert r.status_code == 200 and "Kurva distribusi dilanggar" in body and "Baik paling banyak 70%" in body
    r = _c(w, "kadis").post("/penilaian/kalibrasi/finalisasi/", {"opd": w.org.dinkes.pk, "jadwal": w.tahunan.pk,
                                                                "unit": w.org.dinkes.pk, "justifikasi": ""})
    assert r.status_code == 409 and Evaluasi.objects.filter(status="difinalisasi").count() == 0
    assert _c(w, "admin").get(f"/penilaian/kalibrasi/?opd={w.org.dinkes.pk}").status_code == 200
    assert _c(w, "staff_1").get("/penilaian/kalibrasi/").status_code == 403


def test_predikat_organisasi_page(w):
    kadis = _c(w, "kadis")
    assert "Bidang P2P" in kadis.get("/penilaian/predikat-organisasi/").content.decode()
    r = kadis.post("/penilaian/predikat-organisasi/", {"unit": w.org.p2p.pk, "predikat": "hebat"})
    assert r.status_code == 400 and not PredikatOrganisasiUnit.objects.exists()
    r = kadis.post("/penilaian/predikat-organisasi/", {"unit": w.org.dinkes.pk, "predikat": "baik"})
    assert r.status_code == 400 and not PredikatOrganisasiUnit.objects.exists()  # not above Dinkes
    assert kadis.post("/penilaian/predikat-organisasi/", {"unit": w.org.p2p.pk, "predikat": "baik"}).status_code == 302
    assert PredikatOrganisasiUnit.objects.get().unit_kerja == w.org.p2p
    assert _c(w, "staff_1").get("/penilaian/predikat-organisasi/").status_code == 403


def test_policy_page_admin_only_and_validated(w):
    admin = _c(w, "admin")
    assert admin.get("/penilaian/kebijakan/").status_code == 200
    assert _c(w, "kasi").get("/penilaian/kebijakan/").status_code == 403
    base = {"aturan_tahunan": "modus", "rumus_capaian": "pp46", "ambang_di_atas": "110", "ambang_sesuai": "85",
            "berlaku_kurva": "tahunan", "pembulatan_maksimal": "floor", "pembulatan_minimal": "ceil",
            "batas_keberatan_hari": "14", "min_respon_360": "3", "kurva": ""}
    r = admin.post("/penilaian/kebijakan/", {**base, "min_respon_360": "2"})
    assert r.status_code == 400 and not KebijakanPenilaian.objects.exists()  # anonymity floor is 3
    r = admin.post("/penilaian/kebijakan/", {**base, "kurva": '{"baik": [{"predikat": ["hebat"]}]}'})
    assert r.status_code == 400 and not KebijakanPenilaian.objects.exists()
    r = admin.post("/penilaian/kebijakan/", {**base, "ambang_di_atas": "80"})
    assert r.status_code == 400 and not KebijakanPenilaian.objects.exists()
    r = admin.post("/penilaian/kebijakan/", {**base, "kurva": '{"baik": [{"predikat": ["baik"], "max_share": 0.6}]}'})
    assert r.status_code == 302
    k = KebijakanPenilaian.objects.get()
    assert k.aturan_tahunan == "modus" and k.rumus_capaian == "pp46" and k.kurva["baik"][0]["max_share"] == 0.6


def test_moderation_page(w):
    ev = services.evaluasi_buka(actor=w.user("kasi"), pegawai=w.org.staff_1, jadwal=w.tw3)
    Respon360.objects.create(instansi=w.org.instansi, evaluasi=ev, komentar="Dasar goblok", status_komentar="ditinjau",
                             tanda="kata_kasar", **dict.fromkeys(NILAI_KODE, 0))
    admin = _c(w, "admin")
    r = admin.get("/penilaian/moderasi/")
    assert r.status_code == 200 and "Dasar goblok" in r.content.decode()
    pk = Respon360.objects.get().pk
    r = admin.post(f"/penilaian/moderasi/{pk}/", {"tindakan": "sembunyikan", "alasan": ""})
    assert r.status_code == 400 and Respon360.objects.get().status_komentar == "ditinjau"
    assert admin.post(f"/penilaian/moderasi/{pk}/", {"tindakan": "sembunyikan", "alasan": "Kasar"}).status_code == 302
    assert Respon360.objects.get().status_komentar == "disembunyikan"
    assert _c(w, "kasi").get("/penilaian/moderasi/").status_code == 403


def test_dialog_pages(w):
    kasi = _c(w, "kasi")
    assert kasi.get("/penilaian/dialog/").status_code == 200
    assert kasi.get("/penilaian/dialog/baru/").status_code == 200
    besok = timezone.localdate() + dt.timedelta(days=1)
    data = {"jenis": "individu", "judul": "Dialog Oktober", "tanggal": besok.isoformat(), "jam": "09:00",
            "durasi_menit": "30", "pengulangan": "tidak", "peserta": [w.org.staff_1.pk, w.org.staff_2.pk]}
    r = kasi.post("/penilaian/dialog/baru/", data)
    assert r.status_code == 400 and "tepat satu pegawai" in r.content.decode() and not DialogKinerja.objects.exists()
    data["peserta"] = [w.org.staff_1.pk]
    r = kasi.post("/penilaian/dialog/baru/", data)
    d = DialogKinerja.objects.get()
    assert r.status_code == 302
    page = kasi.get(f"/penilaian/dialog/{d.pk}/").content.decode()
    assert "Agenda" in page and "Kehadiran dan catatan" in page
    r = kasi.post(f"/penilaian/dialog/{d.pk}/", {"aksi": "tindak_lanjut", "uraian": "Rekap kohort",
                                                 "pemilik": w.org.staff_1.pk, "batas_waktu": besok.isoformat()})
    assert r.status_code == 302
    r = kasi.post(f"/penilaian/dialog/{d.pk}/", {"aksi": "catat", "hadir": [w.org.staff_1.pk],
                                                 "catatan_capaian": "Naik", "selesai": "on"})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.status == "selesai"
    staff = _c(w, "staff_1")
    assert staff.get(f"/penilaian/dialog/{d.pk}/").status_code == 200
    assert staff.post(f"/penilaian/dialog/{d.pk}/", {"aksi": "catat"}).status_code == 403
    assert _c(w, "staff_pupr").get(f"/penilaian/dialog/{d.pk}/").status_code == 404
    t = d.tindak_lanjut.get()
    assert staff.post(f"/penilaian/tindak-lanjut/{t.pk}/selesai/").status_code == 302
    t.refresh_from_db()
    assert t.selesai
    assert staff.get(f"/penilaian/dialog/?bulan={besok:%Y-%m}").status_code == 200
    assert staff.get("/penilaian/dialog/baru/").status_code == 403  # no subordinates


def test_home_panels(w):
    nilai(w, "staff_1", w.tw3)
    assert "Penilaian kinerja" in _c(w, "staff_1").get("/").content.decode()
    assert "Penilaian tim" in _c(w, "kasi").get("/").content.decode()


def test_team_page_query_count(w, django_assert_max_num_queries):
    for name in ("staff_1", "staff_2"):
        nilai(w, name, w.tw3)
    c = _c(w, "kasi")
    c.get(f"/penilaian/tim/?jadwal={w.tw3.pk}")  # warm caches
    with django_assert_max_num_queries(30):
        assert c.get(f"/penilaian/tim/?jadwal={w.tw3.pk}").status_code == 200


def test_citizen_evidence_is_shown_but_never_changes_the_predikat(w):
    from kinerja.partisipasi.models import KategoriPengaduan, Pengaduan

    ev = nilai(w, "staff_1", w.tw3)
    Pengaduan.objects.create(
        instansi=w.org.instansi, tiket="LPR-UJI-0001", unit_kerja=w.org.seksi_imunisasi,
        pegawai_dilaporkan=w.org.staff_1, kategori=KategoriPengaduan.values[0], judul="Antrean lama",
        uraian="Menunggu dua jam di posyandu.", nama_pelapor="Warga Rahasia", anonim=False,
        dikirim_pada=timezone.make_aware(dt.datetime.combine(w.tw3.tanggal_mulai + dt.timedelta(days=5), dt.time(9))),
        tenggat_verifikasi=w.tw3.tanggal_mulai + dt.timedelta(days=8))
    body = _c(w, "kasi").get(f"/penilaian/evaluasi/{ev.pk}/").content.decode()
    assert "Umpan balik warga" in body and "1 pengaduan" in body
    assert "Warga Rahasia" not in body  # the complainant is never shown
    ev.refresh_from_db()
    assert ev.predikat == "baik"
