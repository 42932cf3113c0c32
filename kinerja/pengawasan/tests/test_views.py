"""Pages and API: who sees which dashboard (the access matrix), drill-down, sorting, filtering, Excel export, bad
input (Indonesian message, 4xx, nothing saved), and a query count independent of head-count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.core.models import CatatanAudit
from kinerja.laporan.models import StatusLaporan
from kinerja.organisasi.tests.factories import make_pegawai
from kinerja.pengawasan import rules, services
from kinerja.pengawasan.models import Anomali, KebijakanPengawasan, Peringatan, StatusPeringatan
from kinerja.pengawasan.tests.factories import hari_kerja_lalu, lapor

pytestmark = pytest.mark.django_db

SALINAN = ("Melaksanakan kunjungan rumah ke sepuluh keluarga berisiko stunting di Dusun Karang Tengah bersama kader "
           "posyandu serta memberikan edukasi gizi")


@pytest.fixture
def isi(dunia):
    """Reports for everyone with an SKP except staff_2 (so kasi gets a warning), a copied text, then every job."""
    days = hari_kerja_lalu(4, dunia.instansi.pk)
    for day in days:
        for who in ("staff_1", "kasi", "staff_3", "staff_pupr"):
            lapor(dunia, who, day)
    lapor(dunia, "staff_1", days[0], jam=(13, 0), sampai=(15, 0), uraian=SALINAN)
    lapor(dunia, "staff_3", days[1], jam=(13, 0), sampai=(15, 0), uraian=SALINAN)
    lapor(dunia, "staff_3", days[2], jam=(15, 0), sampai=(16, 0), status=StatusLaporan.DIAJUKAN)
    services.agregat_refresh(instansi=dunia.instansi)
    services.peringatan_generate(instansi=dunia.instansi)
    services.anomali_deteksi(instansi=dunia.instansi)
    return dunia


def _get(login, user, url, **kw):
    return login(user).get(url, kw)


MATRIX = [
    # (who, url name, args, expected status)
    ("bupati", "pengawasan:dasbor", [], 200),
    ("admin", "pengawasan:dasbor", [], 200),
    ("auditor", "pengawasan:dasbor", [], 200),
    ("kadis", "pengawasan:dasbor", [], 404),
    ("staff_1", "pengawasan:dasbor", [], 404),
    ("kadis_b", "pengawasan:dasbor", [], 404),
]


@pytest.mark.parametrize(("who", "name", "args", "status"), MATRIX)
def test_kabupaten_dashboard_access(isi, login, who, name, args, status):
    assert _get(login, isi.org.user(who), reverse(name, args=args)).status_code == status


@pytest.mark.parametrize(("who", "unit", "status"), [
    ("kadis", "dinkes", 200), ("kadis", "seksi_imunisasi", 200), ("kadis", "pupr", 404),
    ("kasi", "seksi_imunisasi", 200), ("kasi", "dinkes", 404), ("kasi", "yankes", 404),
    ("kadis_pupr", "dinkes", 404), ("kadis_b", "dinkes", 404), ("staff_1", "seksi_imunisasi", 404),
    ("bupati", "dinkes", 200), ("auditor", "pupr", 200), ("admin", "seksi_imunisasi", 200),
])
def test_unit_dashboard_access(isi, login, who, unit, status):
    url = reverse("pengawasan:dasbor_unit", args=[getattr(isi.org, unit).pk])
    assert _get(login, isi.org.user(who), url).status_code == status


def test_drill_down_shows_units_and_people_to_those_allowed(isi, login):
    r = _get(login, isi.kadis.user, reverse("pengawasan:dasbor_unit", args=[isi.dinkes.pk]))
    body = r.content.decode()
    assert "Bidang P2P" in body and "Bidang Yankes" in body  # sub-units, each a drill-down link
    assert reverse("pengawasan:dasbor_unit", args=[isi.p2p.pk]) in body
    assert 'id="data-grafik"' in body and "chart.umd.min.js" in body and "<canvas" in body
    r = _get(login, isi.kadis.user, reverse("pengawasan:dasbor_unit", args=[isi.seksi_imunisasi.pk]))
    assert isi.staff_1.nama in r.content.decode()  # the kadis may see individuals of their OPD
    r = _get(login, isi.bupati, reverse("pengawasan:dasbor_unit", args=[isi.seksi_imunisasi.pk]))
    assert r.status_code == 200 and isi.staff_1.nama not in r.content.decode()  # aggregates only
    r = _get(login, isi.bupati, reverse("pengawasan:dasbor"))
    assert "Dinas Kesehatan" in r.content.decode() and "Dinas PUPR" in r.content.decode()


def test_beranda_sends_each_role_to_its_dashboard(isi, login):
    expect = {"bupati": reverse("pengawasan:dasbor"),
              "kadis": reverse("pengawasan:dasbor_unit", args=[isi.dinkes.pk]),
              "kasi": reverse("pengawasan:dasbor_unit", args=[isi.seksi_imunisasi.pk]),
              "staff_1": reverse("pengawasan:pegawai", args=[isi.staff_1.pk])}
    for who, url in expect.items():
        r = _get(login, isi.org.user(who), reverse("pengawasan:beranda"))
        assert r.status_code == 302 and r.url == url


def test_sort_filter_export_and_bad_input(isi, login):
    client = login(isi.bupati)
    url = reverse("pengawasan:dasbor")
    body = client.get(url, {"urut": "pegawai", "arah": "turun"}).content.decode()
    assert body.index("Dinas Kesehatan") < body.index("Dinas PUPR")  # 7 pegawai before 2
    body = client.get(url, {"urut": "nama"}).content.decode()
    assert body.index("BKPSDM") < body.index("Dinas Kesehatan")
    body = client.get(url, {"q": "pupr"}).content.decode()
    assert "Dinas PUPR" in body and ">Dinas Kesehatan<" not in body
    r = client.get(url, {"ekspor": "xlsx"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames[:4] == ["Unit", "Tren", "Program", "Predikat"]
    assert [c.value for c in wb["Unit"]["A"]][1:3] == ["Kabupaten", "BKPSDM"]
    for bad in ({"bulan": "2026-13"}, {"bulan": "maret"}, {"urut": "gaji"}):
        r = client.get(url, bad)
        assert r.status_code == 400
    assert rules.MSG_BULAN in client.get(url, {"bulan": "13-2026"}).content.decode()


def test_dashboard_query_count_does_not_grow_with_headcount(isi, login):
    client = login(isi.kadis.user)
    url = reverse("pengawasan:dasbor_unit", args=[isi.dinkes.pk])

    def count():
        client.get(url)  # warm caches (roles, calendar)
        with CaptureQueriesContext(connection) as c:
            assert client.get(url).status_code == 200
        return len(c.captured_queries)

    before = count()
    jab = isi.staff_3.jabatan
    for i in range(30):  # thirty more pegawai in Bidang Yankes, each with a month of figures
        p = make_pegawai(isi.instansi, jab, f"Pegawai Tambahan {i}")
        from kinerja.laporan.tests.factories import make_skp

        isi.skp[f"x{i}"] = make_skp(p, isi.periode)
        setattr(isi.org, f"x{i}", p)
        lapor(isi, f"x{i}", hari_kerja_lalu(1)[0])
    services.agregat_refresh(instansi=isi.instansi)
    assert count() == before
    r = client.get(reverse("pengawasan:dasbor_unit", args=[isi.yankes.pk]))
    assert "Pegawai Tambahan 29" in r.content.decode() or "Halaman 1" in r.content.decode()


def test_warning_pages_acknowledge_and_resolve(isi, login):
    p = Peringatan.objects.get(jenis=rules.TANPA_LAPORAN, pemilik=isi.kasi.user)
    client = login(isi.kasi.user)
    r = client.get(reverse("pengawasan:peringatan_list"))
    assert r.status_code == 200 and p.judul in r.content.decode()
    r = client.get(reverse("pengawasan:peringatan_detail", args=[p.pk]))
    assert "Akui peringatan" in r.content.decode() and isi.staff_2.nama in r.content.decode()
    r = client.post(reverse("pengawasan:peringatan_selesai", args=[p.pk]), {"catatan": ""})
    assert r.status_code == 400 and rules.MSG_CATATAN_WAJIB in r.content.decode()
    p.refresh_from_db()
    assert p.status == StatusPeringatan.TERBUKA
    r = client.post(reverse("pengawasan:peringatan_akui", args=[p.pk]), {"catatan": "Saya hubungi besok."})
    assert r.status_code == 302
    r = client.post(reverse("pengawasan:peringatan_akui", args=[p.pk]), {})
    assert r.status_code == 409  # already acknowledged
    r = client.post(reverse("pengawasan:peringatan_selesai", args=[p.pk]), {"catatan": "Sudah melapor."})
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.status == StatusPeringatan.SELESAI
    body = client.get(reverse("pengawasan:peringatan_detail", args=[p.pk])).content.decode()
    assert "Jejak audit" in body and "Sudah melapor." in body
    # others: not found; Inspektorat reads but cannot act
    assert login(isi.staff_3.user).get(reverse("pengawasan:peringatan_detail", args=[p.pk])).status_code == 404
    q = Peringatan.objects.filter(status="terbuka").first()
    if q is not None:
        assert login(isi.auditor.user).post(reverse("pengawasan:peringatan_akui", args=[q.pk]), {}).status_code == 403


def test_inspektorat_workspace(isi, login):
    a = Anomali.objects.get(jenis=rules.DUPLIKAT)
    client = login(isi.auditor.user)
    body = client.get(reverse("pengawasan:inspektorat"), {"jenis": "duplikat"}).content.decode()
    assert a.judul in body and reverse("core:audit") in body and "Pengawasan pengaduan" in body
    body = client.get(reverse("pengawasan:anomali_detail", args=[a.pk])).content.decode()
    assert "Kemiripan" in body and isi.staff_1.nama in body
    r = client.post(reverse("pengawasan:anomali_detail", args=[a.pk]),
                    {"objek": a.objek_catatan, "judul": "", "isi": ""})
    assert r.status_code == 400 and not CatatanAudit.objects.exists()
    r = client.post(reverse("pengawasan:anomali_detail", args=[a.pk]),
                    {"objek": a.objek_catatan, "judul": "Verifikasi", "isi": "Dikonfirmasi disalin."})
    assert r.status_code == 302 and CatatanAudit.objects.get().objek == a.objek_catatan
    assert client.get(reverse("pengawasan:sampel")).status_code == 200
    for who in ("kadis", "admin", "bupati", "staff_1"):
        c = login(isi.org.user(who))
        assert c.get(reverse("pengawasan:inspektorat")).status_code == 404
        assert c.get(reverse("pengawasan:anomali_detail", args=[a.pk])).status_code == 404


def test_pegawai_profile_and_team_pages(isi, login):
    url = reverse("pengawasan:pegawai", args=[isi.staff_1.pk])
    for who, status in (("staff_1", 200), ("kasi", 200), ("kadis", 200), ("auditor", 200), ("staff_2", 404),
                        ("kadis_pupr", 404), ("bupati", 404), ("kadis_b", 404)):
        assert login(isi.org.user(who)).get(url).status_code == status, who
    r = login(isi.kasi.user).get(reverse("pengawasan:tim"))
    assert r.status_code == 200 and isi.staff_2.nama in r.content.decode()
    assert login(isi.kasi.user).get(reverse("pengawasan:tim"), {"ekspor": "xlsx"}).status_code == 200


def test_policy_page_admin_only_and_validated(isi, login):
    url = reverse("pengawasan:kebijakan")
    assert login(isi.kadis.user).get(url).status_code == 403
    client = login(isi.admin.user)
    assert client.get(url).status_code == 200
    from kinerja.pengawasan.forms import KebijakanForm

    data = {k: v for k, v in KebijakanForm(instance=KebijakanPengawasan()).initial.items() if v is not None}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    r = client.post(url, {**data, "tanpa_laporan_hari": "0"})
    assert r.status_code == 400 and not KebijakanPengawasan.objects.exists()
    r = client.post(url, {**data, "tanpa_laporan_hari": "5"})
    assert r.status_code == 302 and KebijakanPengawasan.objects.get().tanpa_laporan_hari == 5


def test_best_practice_pages(isi, login):
    assert login(isi.staff_3.user).get(reverse("pengawasan:praktik_list"), {"q": "imunisasi"}).status_code == 200
    assert login(isi.staff_3.user).get(reverse("pengawasan:teladan_list")).status_code == 200


def test_home_page_panels_render_for_every_role(isi, login):
    for who in ("bupati", "admin", "auditor", "kadis", "kasi", "staff_1"):
        assert login(isi.org.user(who)).get(reverse("core:home")).status_code == 200, who


def test_api(isi, login):
    client = login(isi.kadis.user)
    r = client.get("/api/v1/pengawasan/dasbor", {"unit_id": isi.dinkes.pk})
    assert r.status_code == 200 and r.json()["judul"] == "Dinas Kesehatan"
    assert {b["nama"] for b in r.json()["baris"]} >= {"Bidang P2P", "Bidang Yankes"}
    assert client.get("/api/v1/pengawasan/dasbor").status_code == 404
    assert client.get("/api/v1/pengawasan/dasbor", {"unit_id": isi.dinkes.pk, "bulan": "2026-99"}).status_code == 422
    p = Peringatan.objects.get(jenis=rules.TANPA_LAPORAN, pemilik=isi.kasi.user)
    r = client.post(f"/api/v1/pengawasan/peringatan/{p.pk}/selesai", {"catatan": ""}, content_type="application/json")
    assert r.status_code == 422 and r.json()["message"] == rules.MSG_CATATAN_WAJIB
    r = client.post(f"/api/v1/pengawasan/peringatan/{p.pk}/akui", {"catatan": "ok"}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "diakui"
    assert client.get("/api/v1/pengawasan/anomali").status_code == 404
    r = login(isi.auditor.user).get("/api/v1/pengawasan/anomali", {"jenis": "duplikat"})
    assert r.status_code == 200 and r.json()["count"] == 1
    r = login(isi.kasi.user).get(f"/api/v1/pengawasan/pegawai/{isi.staff_1.pk}/profil")
    assert r.status_code == 200 and r.json()["pegawai_id"] == isi.staff_1.pk
    assert login(isi.staff_3.user).get(f"/api/v1/pengawasan/pegawai/{isi.staff_1.pk}/profil").status_code == 404
    assert login(isi.staff_3.user).get("/api/v1/pengawasan/praktik").status_code == 200
