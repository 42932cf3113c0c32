"""Admin BKPSDM imports pegawai in the browser: a file with a bad row shows the row error; a good file is checked,
applied, and the new pegawai appear in the list."""

import csv
import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from kinerja.organisasi.tests.factories import make_nip
from tests.e2e.conftest import DESKTOP, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
HEADER = ["NIP", "NAMA", "JENIS PEGAWAI", "GOLONGAN", "JABATAN", "JENIS JABATAN", "KODE UNIT", "NIP ATASAN"]


def csv_file(tmp_path, name, rows):
    path = tmp_path / name
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADER)
    w.writerows(rows)
    path.write_text(buf.getvalue())
    return path


def test_admin_imports_pegawai(live_server, page, settings, tmp_path, shot, axe):
    call_command("seed_demo", pegawai=400, seed=5, stdout=io.StringIO())
    from kinerja.demo.seeding import demo_logins
    from kinerja.organisasi.models import Pegawai

    kepala = Pegawai.objects.filter(unit_kerja__kode="DINKES.P01", jabatan__is_kepala_unit=True).get()
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server.url, demo_logins()["admin_bkpsdm"], settings.DEMO_PASSWORD)
    page.get_by_role("link", name="Impor data").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Impor data")
    axe(page)

    bad = csv_file(tmp_path, "salah.csv", [["12345", "Nama Salah", "PNS", "", "Perawat", "Fungsional",
                                            "DINKES.P01", kepala.nip]])
    page.get_by_label("Jenis data").select_option("pegawai")
    page.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(str(bad))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_role("status")).to_contain_text("Ada kesalahan")
    expect(page.get_by_role("table")).to_contain_text("NIP harus 18 digit angka")
    shot(page, "impor-kesalahan")

    nip1, nip2 = make_nip(), make_nip(sex="P")
    good = csv_file(tmp_path, "benar.csv", [
        [nip1, "Yusuf Ramadhan", "PNS", "III/a", "Perawat", "Fungsional", "DINKES.P01", kepala.nip],
        [nip2, "Melati Sari", "PNS", "III/b", "Bidan", "Fungsional", "DINKES.P01", kepala.nip],
    ])
    page.get_by_role("link", name="‹ Impor data").click()
    page.get_by_label("Jenis data").select_option("pegawai")
    page.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(str(good))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_role("status")).to_contain_text("Siap diterapkan")
    page.get_by_role("button", name="Terapkan impor").click()
    expect(page.get_by_role("status")).to_contain_text("Selesai")
    shot(page, "impor-selesai")
    assert set(Pegawai.objects.filter(nip__in=[nip1, nip2]).values_list("jabatan__atasan_id", flat=True)) == {
        kepala.jabatan_id}
