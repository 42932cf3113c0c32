"""HTML pages: my SKP, the RHK form with its bad input, the workflow buttons, the PDF, the Excel export and the
admin's periods and targets. Bad input answers 4xx with the Indonesian message on the page, and saves nothing."""

import io
import subprocess

import pytest
from django.utils import timezone

from kinerja.core.models import Notifikasi
from kinerja.organisasi.tests.factories import fresh
from kinerja.perencanaan import rules, services
from kinerja.perencanaan.models import (
    PeriodeKinerja,
    ProgramKegiatan,
    RencanaHasilKerja,
    SasaranKinerjaPegawai,
    SasaranOrganisasi,
)
from kinerja.perencanaan.tests.factories import add_rhk, approve, build_rencana

pytestmark = pytest.mark.django_db


@pytest.fixture
def r(org):
    return build_rencana(org)


def client_for(login, pegawai_or_user):
    """A separate signed-in client per person (the `login` fixture shares one client)."""
    from django.test import Client

    user = getattr(pegawai_or_user, "user", pegawai_or_user)
    c = Client()
    c.force_login(fresh(user), backend="django.contrib.auth.backends.ModelBackend")
    return c


def rhk_post(parent_id, **over):
    data = {"jenis": "utama", "intervensi": parent_id or "", "teks": "Terlaksananya imunisasi bayi di posyandu",
            "program": "", "kuantitas_teks": "Jumlah bayi diimunisasi", "kuantitas_target": "60",
            "kuantitas_satuan": "bayi", "kualitas_teks": "", "kualitas_target": "", "kualitas_satuan": "",
            "waktu_teks": "", "waktu_target": "", "waktu_satuan": "", "biaya_teks": "", "biaya_target": "",
            "biaya_satuan": ""}
    data.update(over)
    return data


def test_my_skp_page_guides_a_pegawai_without_skp(org, r, login):
    page = client_for(login, org.staff_pupr).get("/perencanaan/")
    text = page.content.decode()
    assert page.status_code == 200 and "Buat draf SKP" in text
    assert "belum memiliki RHK" in text and "Kirim pengingat" in text  # the atasan (kepala dinas PUPR) has none
    c = client_for(login, org.staff_pupr)
    assert c.post("/perencanaan/skp/minta-rhk/", {"periode": r.periode.pk}).status_code == 302
    assert Notifikasi.objects.filter(user=org.kadis_pupr.user, judul__contains="menunggu RHK Anda").count() == 1
    response = c.post("/perencanaan/skp/baru/", {"periode": r.periode.pk, "pendekatan": "kuantitatif"})
    skp = SasaranKinerjaPegawai.objects.get(pegawai=org.staff_pupr)
    assert response.status_code == 302 and response["Location"] == f"/perencanaan/skp/{skp.pk}/"


def test_rhk_form_and_its_bad_input(org, r, login):
    c = client_for(login, org.staff_1)
    url = f"/perencanaan/skp/{r.skp_staff.pk}/rhk/baru/"
    form = c.get(url)
    assert form.status_code == 200 and r.rhk_kasi.teks in form.content.decode()
    cases = [
        (rhk_post(None), services.MSG_INTERVENSI_WAJIB),
        (rhk_post(r.rhk_kasi.pk, kuantitas_target="0"), rules.MSG_TARGET_POSITIF),
        (rhk_post(r.rhk_kasi.pk, kuantitas_target="-1"), rules.MSG_TARGET_POSITIF),
        (rhk_post(r.rhk_kasi.pk, kuantitas_satuan=""), rules.MSG_SATUAN_WAJIB),
        (rhk_post(r.rhk_kasi.pk, kuantitas_teks="", kuantitas_target="", kuantitas_satuan=""),
         rules.MSG_INDIKATOR_MINIMAL),
        (rhk_post(r.rhk_kasi.pk, teks=""), services.MSG_TEKS_RHK),
    ]
    for data, message in cases:
        response = c.post(url, data)
        assert response.status_code == 400, message
        assert message in response.content.decode()
        assert "Ada yang perlu diperbaiki" in response.content.decode()
    # a parent that is not the atasan's RHK is not even offered
    # (a tampered request) is refused with a message that says what is allowed
    from django.utils.html import escape

    from kinerja.perencanaan.forms import MSG_INTERVENSI_PILIHAN

    response = c.post(url, rhk_post(r.rhk_kabid.pk))
    assert response.status_code == 400
    assert escape(MSG_INTERVENSI_PILIHAN) in response.content.decode()
    assert RencanaHasilKerja.objects.filter(skp=r.skp_staff).count() == 0
    response = c.post(url, rhk_post(r.rhk_kasi.pk))
    assert response.status_code == 302
    assert RencanaHasilKerja.objects.get(skp=r.skp_staff).intervensi_id == r.rhk_kasi.pk


def test_workflow_through_the_pages(org, r, login):
    rhk = add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi)
    staff = client_for(login, org.staff_1)
    detail = f"/perencanaan/skp/{r.skp_staff.pk}/"
    page = staff.get(detail).content.decode()
    assert "Ajukan ke pejabat penilai" in page and "Giliran Anda" in page
    assert staff.post(f"{detail}ajukan/").status_code == 302
    assert staff.get(f"{detail}kembalikan/").status_code == 403  # only the pejabat penilai
    kasi = client_for(login, org.kasi)
    page = kasi.get(detail).content.decode()
    assert "Setujui SKP" in page and "Kembalikan dengan catatan" in page
    bad = kasi.post(f"{detail}kembalikan/", {"catatan": "", f"rhk_{rhk.pk}": ""})
    assert bad.status_code == 400 and services.MSG_CATATAN_WAJIB in bad.content.decode()
    assert kasi.post(f"{detail}kembalikan/", {"catatan": "", f"rhk_{rhk.pk}": "Naikkan targetnya"}).status_code == 302
    page = staff.get(detail).content.decode()
    assert "Naikkan targetnya" in page and "Dikembalikan" in page
    assert staff.post(f"{detail}ajukan/").status_code == 302
    assert kasi.post(f"{detail}setujui/").status_code == 302
    r.skp_staff.refresh_from_db()
    assert r.skp_staff.status == "disetujui"
    # after approval the owner can no longer edit without a revision: 409 and the message
    response = staff.get(f"{detail}rhk/baru/")
    assert response.status_code == 409 and "revisi" in response.content.decode()
    response = staff.post(f"/perencanaan/rhk/{rhk.pk}/ubah/", rhk_post(r.rhk_kasi.pk, teks="Diam-diam"))
    assert response.status_code == 409
    rhk.refresh_from_db()
    assert rhk.teks == "Terlaksananya imunisasi"
    # submitting twice is refused on the page itself
    response = staff.post(f"{detail}ajukan/")
    assert response.status_code == 409 and "tidak dapat diajukan" in response.content.decode()
    # revision
    assert staff.post(f"{detail}revisi/", {"jenis": "revisi", "alasan": ""}).status_code == 400
    assert staff.post(f"{detail}revisi/", {"jenis": "revisi", "alasan": "APBD perubahan"}).status_code == 302
    r.skp_staff.refresh_from_db()
    assert r.skp_staff.status == "draft" and r.skp_staff.versi == 2


def test_submit_without_rhk_shows_why(org, r, login):
    response = client_for(login, org.staff_1).post(f"/perencanaan/skp/{r.skp_staff.pk}/ajukan/")
    assert response.status_code == 400 and services.MSG_RHK_UTAMA_MINIMAL in response.content.decode()


def test_closed_period_refuses_a_new_skp(org, login):
    r = build_rencana(org, status="ditutup")
    response = client_for(login, org.staff_2).post("/perencanaan/skp/baru/", {"periode": r.periode.pk})
    assert response.status_code == 409
    assert rules.pesan_periode_menolak("ditutup", "skp", r.periode.tahun) in response.content.decode()
    assert not SasaranKinerjaPegawai.objects.filter(pegawai=org.staff_2).exists()


def test_ekspektasi_page(org, r, login):
    url = f"/perencanaan/skp/{r.skp_staff.pk}/ekspektasi/"
    assert client_for(login, org.staff_1).get(url).status_code == 403
    kasi = client_for(login, org.kasi)
    form = kasi.get(url)
    assert form.status_code == 200 and "menggunakan kekayaan dan barang milik negara" in form.content.decode()
    data = {kode: rules.ekspektasi_default(kode) for kode in rules.NILAI_KODE}
    data["akuntabel"] = ""
    bad = kasi.post(url, data)
    assert bad.status_code == 400 and services.MSG_EKSPEKTASI_KOSONG in bad.content.decode()
    data["akuntabel"] = "Laporan harian tepat waktu"
    assert kasi.post(url, data).status_code == 302
    assert list(r.skp_staff.ekspektasi.values_list("nilai", "ekspektasi")) == [("akuntabel",
                                                                               "Laporan harian tepat waktu")]


def test_distribute_page(org, r, login):
    kasi = client_for(login, org.kasi)
    url = f"/perencanaan/rhk/{r.rhk_kasi.pk}/bagikan/"
    page = kasi.get(url)
    assert page.status_code == 200 and org.staff_2.nama_lengkap in page.content.decode()
    assert kasi.post(url, {"teks": "x"}).status_code == 400
    assert kasi.post(url, {"pegawai": [org.staff_1.pk, org.staff_2.pk], "teks": ""}).status_code == 302
    assert RencanaHasilKerja.objects.filter(intervensi=r.rhk_kasi).count() == 2
    assert client_for(login, org.staff_1).get(url).status_code in (403, 404)


def test_pdf_in_the_regulation_layout(org, r, login):
    add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi, teks="Terlaksananya imunisasi dasar lengkap bayi posyandu")
    add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi, teks="Terlaksananya tugas pengelola barang", jenis="tambahan")
    approve(r.skp_staff, org.kasi)
    response = client_for(login, org.staff_1).get(f"/perencanaan/skp/{r.skp_staff.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True,
                          check=True).stdout.decode()
    flat = " ".join(text.split())
    for expected in ["SASARAN KINERJA PEGAWAI",
                     "PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
                     f"PERIODE PENILAIAN: 01 JANUARI SD 31 DESEMBER TAHUN {r.periode.tahun}", "PEGAWAI YANG DINILAI",
                     "PEJABAT PENILAI KINERJA", "HASIL KERJA", "A. UTAMA", "B. TAMBAHAN", "(1)", "(6)",
                     "PERILAKU KERJA", "Berorientasi Pelayanan", "Kolaboratif", "EKSPEKTASI KHUSUS PIMPINAN",
                     "Bertindak proaktif", "Pegawai yang Dinilai", "Pejabat Penilai Kinerja", org.staff_1.nip,
                     org.kasi.nip, r.rhk_kasi.teks, "Jumlah bayi yang diimunisasi"]:
        assert expected in flat, expected
    assert "imunisasi dasar lengkap bayi" in flat and "DRAF" not in flat
    assert client_for(login, org.staff_2).get(f"/perencanaan/skp/{r.skp_staff.pk}/pdf/").status_code == 404


def test_excel_export_per_unit(org, r, login):
    import openpyxl

    add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi, teks="RHK untuk Excel")
    response = client_for(login, org.kabid).get(f"/perencanaan/matriks/excel/?periode={r.periode.pk}&unit={org.p2p.pk}")
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["SKP", "RHK dan indikator", "Matriks Peran Hasil"]
    nips = {row[0] for row in wb["SKP"].iter_rows(min_row=2, values_only=True)}
    assert nips == {org.kabid.nip, org.kasi.nip, org.staff_1.nip}
    assert any(row[4] == "RHK untuk Excel" for row in wb["RHK dan indikator"].iter_rows(min_row=2, values_only=True))
    # a unit outside one's scope
    response = client_for(login, org.kasi).get(f"/perencanaan/matriks/excel/?periode={r.periode.pk}&unit={org.pupr.pk}")
    assert response.status_code == 404


def test_admin_pages_for_periods_and_targets(org, login):
    admin = client_for(login, org.admin)
    tahun = timezone.localdate().year + 3
    assert client_for(login, org.kadis).get("/perencanaan/periode/").status_code == 403
    response = admin.post("/perencanaan/periode/", {"tahun": tahun, "kadensi": "bulanan"})
    p = PeriodeKinerja.objects.get(tahun=tahun)
    assert response.status_code == 302 and p.jadwal.count() == 13
    dup = admin.post("/perencanaan/periode/", {"tahun": tahun, "kadensi": "bulanan"})
    assert dup.status_code == 409 and services.MSG_PERIODE_ADA.format(tahun=tahun) in dup.content.decode()
    assert admin.post(f"/perencanaan/periode/{p.pk}/status/", {"status": "berjalan"}).status_code == 302
    p.refresh_from_db()
    assert p.status == "berjalan"
    assert admin.post(f"/perencanaan/periode/{p.pk}/status/", {"status": "ditutup"}).status_code == 409
    ok = admin.post(f"/perencanaan/sasaran/baru/?periode={p.pk}", {"periode": p.pk, "unit_kerja": org.dinkes.pk,
                                                                   "teks": "Meningkatnya derajat kesehatan"})
    assert ok.status_code == 302 and SasaranOrganisasi.objects.filter(periode=p).count() == 1
    bad = admin.post(f"/perencanaan/sasaran/baru/?periode={p.pk}", {"periode": p.pk, "teks": ""})
    assert bad.status_code == 400 and services.MSG_SASARAN_TEKS in bad.content.decode()
    assert client_for(login, org.staff_1).get(f"/perencanaan/sasaran/baru/?periode={p.pk}").status_code == 403


def test_program_registry_pages(org, login):
    tahun = timezone.localdate().year
    kadis = client_for(login, org.kadis)
    data = {"jenis": "kegiatan", "kode": "1.02.02.2.02.0011", "nama": "Imunisasi Dasar Lengkap",
            "unit_kerja": org.p2p.pk, "tahun": tahun, "aktif": "on"}
    assert kadis.post("/perencanaan/program/baru/", data).status_code == 302
    prog = ProgramKegiatan.objects.get()
    bad = kadis.post("/perencanaan/program/baru/", data)
    assert bad.status_code == 400 and "sudah dipakai" in bad.content.decode()
    bad = kadis.post("/perencanaan/program/baru/", {**data, "kode": "X1", "latitude": "50", "longitude": "103"})
    assert bad.status_code == 400 and "wilayah Indonesia" in bad.content.decode()
    assert ProgramKegiatan.objects.count() == 1
    listing = client_for(login, org.staff_pupr).get(f"/perencanaan/program/?tahun={tahun}&q=imunisasi")
    assert listing.status_code == 200 and "Imunisasi Dasar Lengkap" in listing.content.decode()
    assert client_for(login, org.staff_pupr).get(f"/perencanaan/program/{prog.pk}/").status_code == 200
    assert client_for(login, org.staff_pupr).get("/perencanaan/program/baru/").status_code == 403
