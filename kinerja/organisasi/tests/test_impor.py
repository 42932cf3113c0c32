"""Import of structure and pegawai: dry run with row-level errors, all-or-nothing apply, idempotent re-import."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.core.exceptions import ApplicationError
from kinerja.organisasi import impor
from kinerja.organisasi.models import ImporData, Jabatan, Pegawai, Penempatan, StatusImpor, UnitKerja
from kinerja.organisasi.tests.factories import fresh, make_nip

pytestmark = pytest.mark.django_db

UNIT_HEADER = ["KODE UNIT", "NAMA UNIT", "JENIS UNIT", "KODE INDUK"]
PEGAWAI_HEADER = ["NIP", "NAMA", "JENIS PEGAWAI", "GOLONGAN", "JABATAN", "JENIS JABATAN", "KODE UNIT", "KEPALA UNIT",
                  "NIP ATASAN", "EMAIL"]


def csv_bytes(header, rows, delimiter=",") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode()


def xlsx_bytes(header, rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def upload_and_check(org, jenis, data: bytes, name="data.csv") -> ImporData:
    admin = fresh(org.admin.user)
    obj = impor.impor_data_create(actor=admin, jenis=jenis, berkas=SimpleUploadedFile(name, data))
    return impor.impor_data_check(actor=admin, impor=obj)


def apply(org, obj) -> ImporData:
    return impor.impor_data_apply(actor=fresh(org.admin.user), impor=ImporData.objects.get(pk=obj.pk))


def team_rows():
    kabid, kasi, s1, s2 = make_nip(), make_nip(), make_nip(), make_nip(pppk=True)
    rows = [
        [kabid, "Rahmat Hidayat", "PNS", "IV/a", "Kepala Bidang Kesehatan Masyarakat", "Administrator", "DINKES.YANKES",
         "Y", "", "rahmat@bukitintan.go.id"],
        [kasi, "Ani Lestari", "PNS", "III/d", "Kepala Seksi Gizi", "Pengawas", "DINKES.YANKES", "", kabid, ""],
        [s1, "Budi Saputra", "PNS", "III/a", "Nutrisionis", "Fungsional", "DINKES.YANKES", "", kasi, ""],
        [s2, "Citra Ayu", "PPPK", "IX", "Nutrisionis", "Fungsional", "DINKES.YANKES", "", kasi, ""],
    ]
    return rows, (kabid, kasi, s1, s2)


def test_pegawai_import_dry_run_writes_nothing_then_apply_builds_the_hierarchy(org):
    rows, (kabid, kasi, s1, s2) = team_rows()
    before = Pegawai.objects.count()
    obj = upload_and_check(org, "pegawai", csv_bytes(PEGAWAI_HEADER, rows))
    assert obj.status == StatusImpor.SIAP, obj.kesalahan
    assert obj.ringkasan["baru"] == 4
    assert Pegawai.objects.count() == before  # dry run

    obj = apply(org, obj)
    assert obj.status == StatusImpor.SELESAI
    p1 = Pegawai.objects.select_related("jabatan__atasan").get(nip=s1)
    p2 = Pegawai.objects.get(nip=s2)
    assert p1.jabatan_id == p2.jabatan_id  # one shared fungsional position
    assert p1.jabatan.atasan.nama == "Kepala Seksi Gizi"
    assert p1.user.username == s1 and not p1.user.has_usable_password()
    from kinerja.organisasi.selectors import atasan_langsung

    assert atasan_langsung(p1).nip == kasi
    assert atasan_langsung(Pegawai.objects.get(nip=kasi)).nip == kabid
    assert Penempatan.objects.filter(pegawai=p1, tanggal_selesai__isnull=True).count() == 1


def test_reimport_is_idempotent(org):
    rows, _ = team_rows()
    data = csv_bytes(PEGAWAI_HEADER, rows)
    apply(org, upload_and_check(org, "pegawai", data))
    counts = (Pegawai.objects.count(), Jabatan.objects.count(), Penempatan.objects.count())
    again = upload_and_check(org, "pegawai", data)
    assert again.ringkasan["baru"] == 0 and again.ringkasan["tetap"] == 4
    apply(org, again)
    assert (Pegawai.objects.count(), Jabatan.objects.count(), Penempatan.objects.count()) == counts


def test_reimport_updates_by_nip_and_records_a_move(org):
    rows, (_, _, s1, _) = team_rows()
    apply(org, upload_and_check(org, "pegawai", csv_bytes(PEGAWAI_HEADER, rows)))
    rows[2][1] = "Budi Saputra Baru"
    rows[2][4] = "Pranata Laboratorium Kesehatan"
    apply(org, upload_and_check(org, "pegawai", csv_bytes(PEGAWAI_HEADER, rows)))
    p = Pegawai.objects.get(nip=s1)
    assert p.nama == "Budi Saputra Baru" and p.jabatan.nama == "Pranata Laboratorium Kesehatan"
    assert Penempatan.objects.filter(pegawai=p).count() == 2


def test_xlsx_with_siasn_column_names(org):
    nip = make_nip()
    header = ["NIP BARU", "NAMA", "GOL AKHIR NAMA", "JABATAN NAMA", "JENIS JABATAN NAMA", "KODE UNOR", "NOMOR HP"]
    data = xlsx_bytes(header, [[nip, "Dian Permana", "III/b", "Epidemiolog Kesehatan", "Fungsional",
                                "DINKES.P2P.IMUN", "08123"]])
    obj = upload_and_check(org, "pegawai", data, name="siasn.xlsx")
    assert obj.status == StatusImpor.SIAP, obj.kesalahan
    apply(org, obj)
    assert Pegawai.objects.get(nip=nip).telepon == "08123"


def errors_of(obj) -> list[str]:
    return [e["pesan"] for e in obj.kesalahan]


def test_row_level_errors_in_indonesian(org):
    good = make_nip()
    rows = [
        ["12345", "Salah NIP", "PNS", "", "Staf", "Pelaksana", "DINKES", "", "", ""],
        [good, "Unit Salah", "PNS", "", "Staf", "Pelaksana", "TIDAK.ADA", "", "", ""],
        [good, "Kembar", "PNS", "", "Staf", "Pelaksana", "DINKES", "", "", ""],
        [make_nip(), "Atasan Hilang", "PNS", "", "Staf", "Pelaksana", "DINKES", "", "199901012020011999", ""],
        [make_nip(), "Gol Salah", "PNS", "IX", "Staf", "Pelaksana", "DINKES", "", "", ""],
        [make_nip(), "Email Salah", "PNS", "", "Staf", "Pelaksana", "DINKES", "", "", "bukan-email"],
    ]
    before = Pegawai.objects.count()
    obj = upload_and_check(org, "pegawai", csv_bytes(PEGAWAI_HEADER, rows))
    assert obj.status == StatusImpor.GAGAL_VALIDASI
    msgs = " | ".join(errors_of(obj))
    assert "18 digit" in msgs
    assert "kode 'TIDAK.ADA' tidak dikenal" in msgs
    assert "muncul dua kali (juga di baris 3)" in msgs
    assert "NIP atasan 199901012020011999 tidak ditemukan" in msgs
    assert "Golongan 'IX' tidak berlaku untuk PNS" in msgs
    assert "bukan-email" in msgs
    assert {e["baris"] for e in obj.kesalahan} >= {2, 3, 4, 5, 6, 7}
    with pytest.raises(ApplicationError):
        apply(org, obj)
    assert Pegawai.objects.count() == before


def test_cycle_in_the_superior_chain_is_reported(org):
    a, b, c = make_nip(), make_nip(), make_nip()
    rows = [[a, "A", "PNS", "", "Kepala A", "Pengawas", "DINKES", "", c, ""],
            [b, "B", "PNS", "", "Kepala B", "Pengawas", "DINKES", "", a, ""],
            [c, "C", "PNS", "", "Kepala C", "Pengawas", "DINKES", "", b, ""]]
    obj = upload_and_check(org, "pegawai", csv_bytes(PEGAWAI_HEADER, rows))
    assert obj.status == StatusImpor.GAGAL_VALIDASI
    assert sum("siklus" in m for m in errors_of(obj)) == 3


def test_wrong_columns(org):
    obj = upload_and_check(org, "pegawai", csv_bytes(["NAMA", "ALAMAT"], [["x", "y"]]))
    assert obj.status == StatusImpor.GAGAL_VALIDASI
    assert "Kolom wajib tidak ditemukan: NIP, JABATAN, KODE UNIT" in obj.pesan


@pytest.mark.parametrize("payload", [b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" * 50, b"<html><script>alert(1)</script>",
                                     b"%PDF-1.7\n1 0 obj\n"])
def test_non_spreadsheet_is_refused_before_storing(org, payload):
    with pytest.raises(ApplicationError, match="Excel"):
        impor.impor_data_create(actor=fresh(org.admin.user), jenis="pegawai",
                                berkas=SimpleUploadedFile("pegawai.xlsx", payload))
    assert not ImporData.objects.exists()


def test_oversized_file_is_refused(org, settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(ApplicationError, match="terlalu besar"):
        impor.impor_data_create(actor=fresh(org.admin.user), jenis="pegawai",
                                berkas=SimpleUploadedFile("x.csv", b"NIP,NAMA\n" + b"1,a\n" * 500))


def test_path_traversal_name_is_sanitised(org):
    obj = impor.impor_data_create(actor=fresh(org.admin.user), jenis="unit",
                                  berkas=SimpleUploadedFile("../../etc/passwd.csv", csv_bytes(UNIT_HEADER, [])))
    assert "/" not in obj.nama_berkas and ".." not in obj.berkas.name.split("/")


def test_only_admin_may_import(org):
    for who in ("staff_1", "kadis", "auditor"):
        with pytest.raises(ApplicationError):
            impor.impor_data_create(actor=fresh(org.user(who)), jenis="unit",
                                    berkas=SimpleUploadedFile("u.csv", csv_bytes(UNIT_HEADER, [])))


def test_unit_import_builds_tree_and_is_idempotent(org):
    rows = [["DINKES.PKM1", "UPT Puskesmas Sukamaju", "Puskesmas", "DINKES"],
            ["DINKES.PKM1.TU", "Subbagian Tata Usaha", "Subbagian", "DINKES.PKM1"],
            ["DISDIK", "Dinas Pendidikan", "Dinas", ""]]
    obj = upload_and_check(org, "unit", csv_bytes(UNIT_HEADER, rows, delimiter=";"))
    assert obj.status == StatusImpor.SIAP, obj.kesalahan
    apply(org, obj)
    tu = UnitKerja.objects.get(kode="DINKES.PKM1.TU", instansi=org.instansi)
    assert tu.opd_id == org.dinkes.pk and tu.level == 2
    assert tu.path.startswith(UnitKerja.objects.get(pk=org.dinkes.pk).path)
    n = UnitKerja.objects.count()
    apply(org, upload_and_check(org, "unit", csv_bytes(UNIT_HEADER, rows, delimiter=";")))
    assert UnitKerja.objects.count() == n


def test_unit_cycle_and_unknown_parent(org):
    rows = [["X1", "Satu", "Bidang", "X2"], ["X2", "Dua", "Bidang", "X1"], ["X3", "Tiga", "Bidang", "ZZ"],
            ["X4", "Empat", "Planet", ""]]
    obj = upload_and_check(org, "unit", csv_bytes(UNIT_HEADER, rows))
    msgs = " | ".join(errors_of(obj))
    assert "siklus" in msgs and "'ZZ' tidak dikenal" in msgs and "Jenis unit 'Planet' tidak dikenal" in msgs


def test_apply_is_all_or_nothing(org, monkeypatch):
    rows, _ = team_rows()
    obj = upload_and_check(org, "pegawai", csv_bytes(PEGAWAI_HEADER, rows))
    before = (Pegawai.objects.count(), Jabatan.objects.count())

    def boom(*args, **kwargs):
        raise ApplicationError("Gangguan disimulasikan")

    monkeypatch.setattr(impor, "log_bulk", boom)
    with pytest.raises(ApplicationError):
        apply(org, obj)
    assert (Pegawai.objects.count(), Jabatan.objects.count()) == before
    assert ImporData.objects.get(pk=obj.pk).status == StatusImpor.GAGAL


def test_import_pages(org, login):
    from kinerja.organisasi.tests.factories import fresh as f

    c = login(f(org.admin.user))
    rows, _ = team_rows()
    r = c.post("/organisasi/impor/", {"jenis": "pegawai",
                                      "berkas": SimpleUploadedFile("p.csv", csv_bytes(PEGAWAI_HEADER, rows))})
    assert r.status_code == 302
    detail = c.get(r["Location"])
    assert "Siap diterapkan" in detail.content.decode()
    pk = int(r["Location"].rstrip("/").split("/")[-1])
    assert c.post(f"/organisasi/impor/{pk}/terapkan/").status_code == 302
    assert ImporData.objects.get(pk=pk).status == StatusImpor.SELESAI
    bad = c.post("/organisasi/impor/", {"jenis": "pegawai", "berkas": SimpleUploadedFile("x.xlsx", b"MZ" * 100)})
    assert bad.status_code == 415 and "bukan lembar kerja" in bad.content.decode()
    assert c.get("/organisasi/impor/templat/pegawai/").status_code == 200


def test_structural_position_held_by_someone_else_is_reported(org):
    rows = [[make_nip(), "Penyusup", "PNS", "III/d", "Kepala Seksi Imunisasi", "Pengawas", "DINKES.P2P.IMUN", "", "",
             ""]]
    obj = upload_and_check(org, "pegawai", csv_bytes(PEGAWAI_HEADER, rows))
    assert obj.status == StatusImpor.GAGAL_VALIDASI
    assert "masih dipegang" in errors_of(obj)[0] and org.kasi.nip in errors_of(obj)[0]
