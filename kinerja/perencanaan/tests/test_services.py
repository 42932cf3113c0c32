"""Services: periods, targets, programs, the SKP workflow, distribution, copying — and every bad input of the
issue (a clear Indonesian message, an error with a 4xx code, nothing saved)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState, NotFound
from kinerja.core.models import Notifikasi
from kinerja.organisasi.tests.factories import fresh
from kinerja.perencanaan import rules, services
from kinerja.perencanaan.models import (
    IndikatorKinerja,
    JadwalEvaluasi,
    ProgramKegiatan,
    RencanaHasilKerja,
    RiwayatSkp,
    SasaranKinerjaPegawai,
    SasaranOrganisasi,
)
from kinerja.perencanaan.tests.factories import add_rhk, approve, build_rencana, ind, make_periode, make_skp

pytestmark = pytest.mark.django_db


@pytest.fixture
def r(org):
    return build_rencana(org)


def counts():
    return (SasaranKinerjaPegawai.objects.count(), RencanaHasilKerja.objects.count(), IndikatorKinerja.objects.count())


# --- periods ------------------------------------------------------------------------------------------------------------


def test_period_gets_its_windows_and_moves_only_forward(org):
    p = make_periode(org, tahun=2030, status="perencanaan")
    jadwal = list(p.jadwal.order_by("nomor"))
    assert [j.nama for j in jadwal] == ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Evaluasi Tahunan"]
    assert jadwal[0].tanggal_selesai == dt.date(2030, 3, 31) and jadwal[3].tanggal_selesai == dt.date(2030, 12, 31)
    assert jadwal[1].batas_penilaian > jadwal[1].tanggal_selesai and jadwal[1].batas_penilaian.weekday() < 5
    assert jadwal[4].is_final and jadwal[4].batas_penilaian == p.batas_evaluasi_tahunan
    admin = fresh(org.admin.user)
    with pytest.raises(InvalidState):
        services.periode_kinerja_set_status(actor=admin, periode=p, status="evaluasi")  # skipping a step
    p = services.periode_kinerja_set_status(actor=admin, periode=p, status="berjalan")
    with pytest.raises(InvalidState):
        services.periode_kinerja_set_status(actor=admin, periode=p, status="perencanaan")  # backwards
    assert p.status == "berjalan"


def test_period_cadence_change_regenerates_windows_only_while_planning(org):
    admin = fresh(org.admin.user)
    p = make_periode(org, tahun=2031, status="perencanaan")
    services.periode_kinerja_update(actor=admin, periode=p, kadensi="bulanan")
    assert JadwalEvaluasi.objects.filter(periode=p).count() == 13
    p = services.periode_kinerja_set_status(actor=admin, periode=p, status="berjalan")
    with pytest.raises(ApplicationError) as exc:
        services.periode_kinerja_update(actor=admin, periode=p, kadensi="triwulanan")
    assert exc.value.message == services.MSG_KADENSI_TERKUNCI
    assert JadwalEvaluasi.objects.filter(periode=p).count() == 13


@pytest.mark.parametrize(("fields", "message"), [
    ({"batas_skp": dt.date(2031, 12, 31) + dt.timedelta(days=1)}, services.MSG_BATAS_SKP),
    ({"batas_evaluasi_tahunan": dt.date(2031, 6, 1)}, services.MSG_BATAS_EVALUASI),
])
def test_period_bad_dates(org, fields, message):
    admin = fresh(org.admin.user)
    p = make_periode(org, tahun=2031, status="perencanaan")
    with pytest.raises(ApplicationError) as exc:
        services.periode_kinerja_update(actor=admin, periode=p, **fields)
    assert exc.value.message == message
    p.refresh_from_db()
    assert p.batas_skp == dt.date(2031, 1, 31) and p.batas_evaluasi_tahunan == dt.date(2032, 1, 31)


def test_period_only_admin_and_unique_per_year(org):
    with pytest.raises(Forbidden):
        services.periode_kinerja_create(actor=fresh(org.kadis.user), tahun=2032)
    make_periode(org, tahun=2032)
    with pytest.raises(ApplicationError) as exc:
        services.periode_kinerja_create(actor=fresh(org.admin.user), tahun=2032)
    assert exc.value.status == 409 and "2032" in exc.value.message


# --- targets and programs --------------------------------------------------------------------------------------------


def test_sasaran_rules(org, r):
    admin = fresh(org.admin.user)
    with pytest.raises(ApplicationError) as exc:  # a bidang is not an OPD
        services.sasaran_organisasi_create(actor=admin, periode=r.periode, unit_kerja=org.p2p, teks="X")
    assert exc.value.message == services.MSG_SASARAN_UNIT
    with pytest.raises(ApplicationError):  # an OPD target cannot support another OPD's target
        services.sasaran_organisasi_create(actor=admin, periode=r.periode, unit_kerja=org.pupr, induk=r.sasaran,
                                           teks="Jalan mantap")
    with pytest.raises(ApplicationError) as exc:
        services.sasaran_organisasi_update(actor=admin, sasaran=r.sasaran_daerah, induk=r.sasaran)
    assert exc.value.message in (services.MSG_SASARAN_INDUK, services.MSG_SASARAN_SIKLUS)
    with pytest.raises(Forbidden):
        services.sasaran_organisasi_create(actor=fresh(org.kadis.user), periode=r.periode, teks="X")
    with pytest.raises(ApplicationError) as exc:
        services.sasaran_organisasi_create(actor=admin, periode=r.periode, teks="   ")
    assert exc.value.message == services.MSG_SASARAN_TEKS
    assert SasaranOrganisasi.objects.count() == 2


def test_sasaran_cycle_between_opd_targets(org, r):
    admin = fresh(org.admin.user)
    child = services.sasaran_organisasi_create(actor=admin, periode=r.periode, unit_kerja=org.dinkes,
                                               induk=r.sasaran, teks="Turunan")
    with pytest.raises(ApplicationError) as exc:
        services.sasaran_organisasi_update(actor=admin, sasaran=r.sasaran, induk=child)
    assert exc.value.message == services.MSG_SASARAN_SIKLUS
    r.sasaran.refresh_from_db()
    assert r.sasaran.induk_id == r.sasaran_daerah.pk


def test_program_registry_rules(org):
    tahun = timezone.localdate().year
    kadis = fresh(org.kadis.user)
    prog = services.program_kegiatan_create(actor=kadis, jenis="program", kode="1.02.02", nama="Program Kesehatan",
                                            unit_kerja=org.dinkes, tahun=tahun)
    keg = services.program_kegiatan_create(actor=kadis, jenis="kegiatan", kode="1.02.02.01",
                                           nama="Imunisasi Dasar Lengkap", unit_kerja=org.p2p, tahun=tahun, induk=prog)
    proyek = services.program_kegiatan_create(
        actor=fresh(org.admin.user), jenis="proyek", kode="1.03.10.2.01.0001", nama="Rehabilitasi Jalan Desa Sukamaju",
        unit_kerja=org.pupr, tahun=tahun, lokasi="Desa Sukamaju", latitude=Decimal("-1.6"),
        longitude=Decimal("103.6"), anggaran=Decimal("1300000000"))
    assert proyek.pk and keg.induk_id == prog.pk
    bad = [
        ({"jenis": "kegiatan", "kode": "1.02.02", "nama": "Dup"}, services.MSG_PROGRAM_KODE.format(kode="1.02.02", tahun=tahun)),
        ({"jenis": "program", "kode": "9", "nama": "P", "induk": keg}, services.MSG_PROGRAM_INDUK),
        ({"jenis": "proyek", "kode": "9", "nama": "P", "latitude": Decimal("40"), "longitude": Decimal("103")},
         services.MSG_KOORDINAT),
        ({"jenis": "proyek", "kode": "9", "nama": "P", "latitude": Decimal("-1")}, services.MSG_KOORDINAT_PASANGAN),
        ({"jenis": "proyek", "kode": "9", "nama": "P", "anggaran": Decimal("-1")}, "Anggaran tidak boleh negatif."),
    ]
    for fields, message in bad:
        with pytest.raises(ApplicationError) as exc:
            services.program_kegiatan_create(actor=kadis, unit_kerja=org.dinkes, tahun=tahun, **fields)
        assert message in str(exc.value.detail), fields
    with pytest.raises(ApplicationError) as exc:  # a cycle through the parent
        services.program_kegiatan_update(actor=kadis, program=prog, induk=keg)
    assert exc.value.message in (services.MSG_PROGRAM_INDUK, services.MSG_PROGRAM_SIKLUS)
    with pytest.raises(Forbidden):  # another OPD's head
        services.program_kegiatan_create(actor=fresh(org.kadis_pupr.user), jenis="kegiatan", kode="X", nama="X",
                                         unit_kerja=org.dinkes, tahun=tahun)
    with pytest.raises(Forbidden):  # a pegawai
        services.program_kegiatan_update(actor=fresh(org.staff_1.user), program=keg, nama="Ganti")
    assert ProgramKegiatan.objects.count() == 3


# --- SKP create and snapshot ----------------------------------------------------------------------------------------


def test_skp_create_snapshots_position_and_appraisers(org, r):
    skp = r.skp_staff
    assert skp.jenis == "ja_jf" and skp.status == "draft" and skp.versi == 1
    assert skp.jabatan_nama == "Epidemiolog Kesehatan" and skp.unit_kerja_id == org.seksi_imunisasi.pk
    assert skp.pejabat_penilai_id == org.kasi.pk and skp.atasan_pejabat_penilai_id == org.kabid.pk
    assert skp.pejabat_penilai_snapshot["nama"] == org.kasi.nama_lengkap
    assert skp.pejabat_penilai_snapshot["nip"] == org.kasi.nip
    assert r.skp_kadis.jenis == "jpt" and r.skp_kadis.pejabat_penilai_id is None
    with pytest.raises(ApplicationError) as exc:
        make_skp(org.staff_1, r.periode)
    assert exc.value.status == 409
    with pytest.raises(Forbidden):  # the atasan cannot open an SKP for a subordinate
        services.skp_create(actor=fresh(org.kasi.user), periode=r.periode, pegawai=org.staff_2)
    with pytest.raises(NotFound):  # nor someone outside their scope
        services.skp_create(actor=fresh(org.kasi.user), periode=r.periode, pegawai=org.staff_pupr)
    assert SasaranKinerjaPegawai.objects.filter(pegawai=org.staff_2).count() == 0


# --- RHK and bad input ------------------------------------------------------------------------------------------------


def test_rhk_hangs_on_the_atasans_rhk(org, r):
    rhk = add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi,
                  indikator=[ind(), ind(aspek="kualitas", teks="Persentase sesuai SOP", target="100", satuan="%")])
    assert rhk.intervensi_id == r.rhk_kasi.pk and rhk.indikator.count() == 2
    assert [i.aspek for i in rhk.indikator.order_by("urutan")] == ["kuantitas", "kualitas"]


BAD_RHK = [
    ("without intervensi (non-JPT)", {"parent": None}, "intervensi", services.MSG_INTERVENSI_WAJIB),
    ("target = 0", {"indikator": [ind(target="0")]}, "indikator.0.target", rules.MSG_TARGET_POSITIF),
    ("target < 0", {"indikator": [ind(target="-3")]}, "indikator.0.target", rules.MSG_TARGET_POSITIF),
    ("target not a number", {"indikator": [ind(target="banyak")]}, "indikator.0.target", rules.MSG_TARGET_POSITIF),
    ("target without a unit", {"indikator": [ind(satuan="")]}, "indikator.0.satuan", rules.MSG_SATUAN_WAJIB),
    ("no indicator", {"indikator": []}, "indikator", rules.MSG_INDIKATOR_MINIMAL),
    ("empty text", {"teks": "  "}, "teks", services.MSG_TEKS_RHK),
]


@pytest.mark.parametrize(("case", "kwargs", "field", "message"), BAD_RHK, ids=[c[0] for c in BAD_RHK])
def test_bad_rhk_is_refused_and_nothing_saved(org, r, case, kwargs, field, message):
    before = counts()
    args = {"parent": r.rhk_kasi, **kwargs}
    with pytest.raises(ApplicationError) as exc:
        add_rhk(org.staff_1, r.skp_staff, **args)
    assert exc.value.detail[field] == [message]
    assert 400 <= exc.value.status < 500
    assert counts() == before


def test_intervensi_from_someone_other_than_ones_atasan(org, r):
    before = counts()
    for other in (r.rhk_kabid, r.rhk_kadis):  # the atasan's atasan, the kepala dinas
        with pytest.raises(ApplicationError) as exc:
            add_rhk(org.staff_1, r.skp_staff, parent=other)
        assert exc.value.detail["intervensi"] == [services.MSG_INTERVENSI_BUKAN_ATASAN.format(
            nama=org.kasi.nama_lengkap)]
    # a colleague's RHK
    skp2 = make_skp(org.staff_2, r.periode)
    peer = add_rhk(org.staff_2, skp2, parent=r.rhk_kasi)
    with pytest.raises(ApplicationError) as exc:
        add_rhk(org.staff_1, r.skp_staff, parent=peer)
    assert "atasan langsung" in exc.value.message
    assert counts()[1:] == (before[1] + 1, before[2] + 1)  # only the colleague's own RHK


def test_cycles_are_refused(org, r):
    staff_rhk = add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi)
    # the kasi's SKP is reopened and, after a reorganisation, records staff_1 as appraiser: hanging the kasi's RHK
    # under staff_1's RHK would close a loop
    services.skp_revise(actor=fresh(org.kasi.user), skp=r.skp_kasi, alasan="Reorganisasi seksi")
    SasaranKinerjaPegawai.objects.filter(pk=r.skp_kasi.pk).update(pejabat_penilai=org.staff_1)
    with pytest.raises(ApplicationError) as exc:
        services.rhk_update(actor=fresh(org.kasi.user), rhk=r.rhk_kasi, teks=r.rhk_kasi.teks, indikator=[ind()],
                            intervensi_id=staff_rhk.pk)
    assert exc.value.detail["intervensi"] == [services.MSG_SIKLUS]
    # an RHK on itself
    with pytest.raises(ApplicationError) as exc:
        services.rhk_update(actor=fresh(org.staff_1.user), rhk=staff_rhk, teks="X", indikator=[ind()],
                            intervensi_id=staff_rhk.pk)
    assert exc.value.detail["intervensi"] == [services.MSG_SIKLUS]
    r.rhk_kasi.refresh_from_db()
    staff_rhk.refresh_from_db()
    assert r.rhk_kasi.intervensi_id == r.rhk_kabid.pk and staff_rhk.intervensi_id == r.rhk_kasi.pk


def test_jpt_rhk_hangs_on_organisation_targets(org, r):
    before = counts()
    with pytest.raises(ApplicationError) as exc:
        add_rhk(org.kadis, r.skp_kadis, teks="Tanpa sasaran", indikator=[ind(perspektif="proses_bisnis")])
    assert exc.value.detail["sasaran_organisasi"] == [services.MSG_SASARAN_WAJIB]
    with pytest.raises(ApplicationError) as exc:  # JPT indicators need a perspective
        add_rhk(org.kadis, r.skp_kadis, sasaran=r.sasaran, indikator=[ind(perspektif="")])
    assert exc.value.detail["indikator.0.perspektif"] == [rules.MSG_PERSPEKTIF_WAJIB]
    pupr = services.sasaran_organisasi_create(actor=fresh(org.admin.user), periode=r.periode, unit_kerja=org.pupr,
                                              teks="Jalan mantap")
    with pytest.raises(ApplicationError) as exc:  # another OPD's target
        add_rhk(org.kadis, r.skp_kadis, sasaran=pupr)
    assert exc.value.detail["sasaran_organisasi"] == [services.MSG_SASARAN_SALAH]
    assert counts() == before
    # the regency's own target is fine for a JPT
    assert add_rhk(org.kadis, r.skp_kadis, teks="Mendukung IPM", sasaran=r.sasaran_daerah).pk


def test_non_jpt_cannot_hang_on_a_target(org, r):
    with pytest.raises(ApplicationError) as exc:
        add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi, sasaran=r.sasaran)
    assert exc.value.detail["sasaran_organisasi"] == [services.MSG_NON_JPT_SASARAN]


def test_only_the_owner_edits_rhk(org, r):
    for who in ("kasi", "staff_2", "admin", "auditor"):
        with pytest.raises((Forbidden, NotFound)):
            add_rhk(getattr(org, who), r.skp_staff, parent=r.rhk_kasi)
    assert r.skp_staff.rhk.count() == 0


def test_indicators_update_in_place_per_aspect(org, r):
    rhk = add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi,
                  indikator=[ind(), ind(aspek="waktu", teks="Tepat waktu", target="12", satuan="bulan")])
    kuantitas = rhk.indikator.get(aspek="kuantitas")
    services.rhk_update(actor=fresh(org.staff_1.user), rhk=rhk, teks="Terlaksananya imunisasi bayi",
                        intervensi_id=r.rhk_kasi.pk, indikator=[ind(target="150")])
    rhk.refresh_from_db()
    assert rhk.teks == "Terlaksananya imunisasi bayi"
    assert list(rhk.indikator.values_list("pk", "aspek", "target")) == [(kuantitas.pk, "kuantitas", Decimal("150"))]


def test_delete_rhk_with_children_is_refused(org, r):
    before = counts()
    with pytest.raises(InvalidState) as exc:
        services.rhk_delete(actor=fresh(org.kabid.user), rhk=r.rhk_kabid)
    assert exc.value.message == services.MSG_RHK_TURUNAN.format(n=1)
    assert counts() == before
    own = add_rhk(org.kabid, r.skp_kabid, teks="RHK kedua", parent=r.rhk_kadis)
    services.rhk_delete(actor=fresh(org.kabid.user), rhk=own)
    assert not RencanaHasilKerja.objects.filter(pk=own.pk).exists()


# --- workflow ---------------------------------------------------------------------------------------------------------


def test_full_workflow_with_comments_notifications_and_versions(org, r):
    staff, kasi = fresh(org.staff_1.user), fresh(org.kasi.user)
    rhk = add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi)
    skp = services.skp_submit(actor=staff, skp=r.skp_staff)
    assert skp.status == "diajukan" and skp.diajukan_pada
    assert Notifikasi.objects.filter(user=org.kasi.user, jenis="skp", judul__contains="menunggu persetujuan").exists()
    # the owner cannot edit while it is being reviewed
    with pytest.raises(InvalidState):
        add_rhk(org.staff_1, skp, parent=r.rhk_kasi, teks="Lain")
    # only the pejabat penilai decides
    for who in (org.staff_1, org.staff_2, org.kabid, org.admin):
        with pytest.raises((Forbidden, NotFound)):
            services.skp_approve(actor=fresh(who.user), skp=skp)
    with pytest.raises(ApplicationError) as exc:  # returning needs a comment
        services.skp_return(actor=kasi, skp=skp, catatan="", catatan_rhk={rhk.pk: " "})
    assert exc.value.message == services.MSG_CATATAN_WAJIB
    skp = services.skp_return(actor=kasi, skp=skp, catatan="Perbaiki target",
                              catatan_rhk={rhk.pk: "Target terlalu rendah"})
    rhk.refresh_from_db()
    assert skp.status == "dikembalikan" and rhk.catatan_pengembalian == "Target terlalu rendah"
    assert Notifikasi.objects.filter(user=org.staff_1.user, judul__contains="dikembalikan").exists()
    services.rhk_update(actor=staff, rhk=rhk, teks=rhk.teks, intervensi_id=r.rhk_kasi.pk, indikator=[ind(target="200")])
    skp = services.skp_submit(actor=staff, skp=skp)
    skp = services.skp_approve(actor=kasi, skp=skp)
    rhk.refresh_from_db()
    assert skp.status == "disetujui" and skp.disetujui_oleh_id == org.kasi.user_id and rhk.catatan_pengembalian == ""
    assert Notifikasi.objects.filter(user=org.staff_1.user, judul="SKP Anda disetujui").exists()
    history = list(RiwayatSkp.objects.filter(skp=skp).order_by("created_at").values_list("versi", "peristiwa"))
    assert history == [(1, "dikembalikan"), (1, "disetujui")]
    approved = RiwayatSkp.objects.get(skp=skp, peristiwa="disetujui").isi
    assert approved["rhk"][0]["indikator"][0]["target"] == "200.00"


def test_edits_after_approval_need_a_revision(org, r):
    staff = fresh(org.staff_1.user)
    rhk = add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi)
    skp = approve(r.skp_staff, org.kasi)
    before = counts()
    with pytest.raises(InvalidState) as exc:
        add_rhk(org.staff_1, skp, parent=r.rhk_kasi, teks="Tambahan baru")
    assert exc.value.message == services.MSG_SKP_TERKUNCI.format(status="disetujui") and exc.value.status == 409
    with pytest.raises(InvalidState):
        services.rhk_update(actor=staff, rhk=rhk, teks="Diubah diam-diam", intervensi_id=r.rhk_kasi.pk,
                            indikator=[ind()])
    with pytest.raises(InvalidState):
        services.rhk_delete(actor=staff, rhk=rhk)
    with pytest.raises(InvalidState):
        services.skp_ekspektasi_set(actor=fresh(org.kasi.user), skp=skp, ekspektasi={"akuntabel": "Baru"})
    rhk.refresh_from_db()
    assert counts() == before and rhk.teks == "Terlaksananya imunisasi"
    with pytest.raises(ApplicationError) as exc:
        services.skp_revise(actor=staff, skp=skp, alasan=" ")
    assert exc.value.message == services.MSG_ALASAN_WAJIB
    skp = services.skp_revise(actor=staff, skp=skp, alasan="Target bertambah setelah APBD perubahan")
    assert skp.status == "draft" and skp.versi == 2
    assert Notifikasi.objects.filter(user=org.kasi.user, judul__contains="Revisi SKP").exists()
    services.rhk_update(actor=staff, rhk=rhk, teks="Diubah lewat revisi", intervensi_id=r.rhk_kasi.pk,
                        indikator=[ind(target="300")])
    skp = approve(skp, org.kasi)
    assert skp.versi == 2
    versions = list(RiwayatSkp.objects.filter(skp=skp).order_by("created_at").values_list("versi", "peristiwa"))
    assert versions == [(1, "disetujui"), (1, "revisi dibuka"), (2, "disetujui")]
    v1 = RiwayatSkp.objects.get(skp=skp, versi=1, peristiwa="disetujui").isi
    assert v1["rhk"][0]["teks"] == "Terlaksananya imunisasi"


def test_submit_needs_a_main_rhk(org, r):
    with pytest.raises(ApplicationError) as exc:
        services.skp_submit(actor=fresh(org.staff_1.user), skp=r.skp_staff)
    assert exc.value.message == services.MSG_RHK_UTAMA_MINIMAL
    r.skp_staff.refresh_from_db()
    assert r.skp_staff.status == "draft"


def test_closed_period_refuses_everything(org):
    r = build_rencana(org, status="ditutup")
    before = counts()
    with pytest.raises(InvalidState) as exc:
        add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi)
    assert exc.value.message == rules.pesan_periode_menolak("ditutup", "skp", r.periode.tahun)
    with pytest.raises(InvalidState):
        make_skp(org.staff_2, r.periode)
    with pytest.raises(InvalidState):
        services.skp_submit(actor=fresh(org.kabid.user), skp=r.skp_kabid)
    with pytest.raises(InvalidState):
        services.skp_revise(actor=fresh(org.kasi.user), skp=r.skp_kasi, alasan="x")
    with pytest.raises(InvalidState):
        services.sasaran_organisasi_create(actor=fresh(org.admin.user), periode=r.periode, teks="Baru")
    with pytest.raises(InvalidState):
        services.periode_kinerja_update(actor=fresh(org.admin.user), periode=r.periode, nama="Ganti")
    assert counts() == before


def test_evaluation_stage_locks_skp(org):
    r = build_rencana(org, status="evaluasi")
    before = counts()
    with pytest.raises(InvalidState) as exc:
        add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi)
    assert exc.value.message == rules.pesan_periode_menolak("evaluasi", "skp", r.periode.tahun)
    assert exc.value.status == 409
    with pytest.raises(InvalidState):
        make_skp(org.staff_2, r.periode)
    assert counts() == before


def test_leader_expectations(org, r):
    kasi = fresh(org.kasi.user)
    with pytest.raises((Forbidden, NotFound)):
        services.skp_ekspektasi_set(actor=fresh(org.staff_1.user), skp=r.skp_staff, ekspektasi={"akuntabel": "X"})
    with pytest.raises(ApplicationError) as exc:
        services.skp_ekspektasi_set(actor=kasi, skp=r.skp_staff, ekspektasi={"akuntabel": " "})
    assert exc.value.detail == {"akuntabel": [services.MSG_EKSPEKTASI_KOSONG]}
    with pytest.raises(ApplicationError):
        services.skp_ekspektasi_set(actor=kasi, skp=r.skp_staff, ekspektasi={"jujur": "X"})
    services.skp_ekspektasi_set(actor=kasi, skp=r.skp_staff, ekspektasi={
        "akuntabel": "Laporan harian lengkap dengan foto kegiatan imunisasi.",
        "kompeten": rules.ekspektasi_default("kompeten")})  # the default needs no row
    assert list(r.skp_staff.ekspektasi.values_list("nilai", flat=True)) == ["akuntabel"]
    from kinerja.perencanaan.selectors import ekspektasi_lengkap

    data = ekspektasi_lengkap(r.skp_staff)
    assert len(data) == 7 and [e.kode for e in data if not e.bawaan] == ["akuntabel"]
    assert data[2].teks == rules.ekspektasi_default("kompeten")
    assert Notifikasi.objects.filter(user=org.staff_1.user, judul__contains="Ekspektasi").exists()


def test_mid_year_transfer_closes_the_old_skp_and_opens_a_new_one(org, r):
    add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi)
    old = approve(r.skp_staff, org.kasi)
    hari = dt.date(r.periode.tahun, 7, 1)
    with pytest.raises(ApplicationError) as exc:
        services.skp_pindah_jabatan(actor=fresh(org.staff_1.user), skp=old, tanggal=dt.date(r.periode.tahun + 1, 1, 5),
                                    alasan="Mutasi")
    assert exc.value.message == services.MSG_PINDAH_TANGGAL
    new = services.skp_pindah_jabatan(actor=fresh(org.staff_1.user), skp=old, tanggal=hari,
                                      alasan="Mutasi ke seksi lain (SK 821/45)")
    old.refresh_from_db()
    assert not old.aktif and old.tanggal_selesai == dt.date(r.periode.tahun, 6, 30) and old.status == "disetujui"
    assert new.aktif and new.status == "draft" and new.tanggal_mulai == hari and new.sumber_id == old.pk
    assert RiwayatSkp.objects.filter(skp=old, peristiwa__startswith="ditutup").exists()
    from kinerja.perencanaan.selectors import skp_aktif, skp_pada_tanggal

    assert skp_aktif(org.staff_1, r.periode).pk == new.pk
    assert skp_pada_tanggal(org.staff_1, dt.date(r.periode.tahun, 3, 1)).pk == old.pk
    assert skp_pada_tanggal(org.staff_1, dt.date(r.periode.tahun, 8, 1)).pk == new.pk


# --- distribute and copy ------------------------------------------------------------------------------------------------


def test_atasan_distributes_an_rhk_in_one_step(org, r):
    kasi = fresh(org.kasi.user)
    # staff_1 has a draft; staff_2 has no SKP yet
    hasil = services.rhk_bagikan(actor=kasi, rhk=r.rhk_kasi, pegawai_ids=[org.staff_1.pk, org.staff_2.pk],
                                 teks="Terlaksananya imunisasi bayi di posyandu binaan")
    assert {p.pk for p in hasil.dibuat} == {org.staff_1.pk, org.staff_2.pk} and not hasil.dilewati
    skp2 = SasaranKinerjaPegawai.objects.get(pegawai=org.staff_2, periode=r.periode)
    assert skp2.status == "draft" and skp2.pejabat_penilai_id == org.kasi.pk
    for skp in (r.skp_staff, skp2):
        rhk = skp.rhk.get()
        assert rhk.intervensi_id == r.rhk_kasi.pk and rhk.asal == "distribusi"
        assert list(rhk.indikator.values_list("aspek", "target")) == list(
            r.rhk_kasi.indikator.values_list("aspek", "target"))
    assert Notifikasi.objects.filter(user=org.staff_2.user, judul__contains="membagikan RHK").exists()
    from auditlog.models import LogEntry

    assert LogEntry.objects.filter(actor=org.kasi.user, object_pk=str(skp2.pk)).exists()
    # the staff can submit right away
    assert services.skp_submit(actor=fresh(org.staff_2.user), skp=skp2).status == "diajukan"
    # a second distribution skips who already has it, and who is under review
    again = services.rhk_bagikan(actor=kasi, rhk=r.rhk_kasi, pegawai_ids=[org.staff_1.pk, org.staff_2.pk])
    assert not again.dibuat and len(again.dilewati) == 2


def test_distribution_bad_input(org, r):
    kasi = fresh(org.kasi.user)
    before = counts()
    with pytest.raises(ApplicationError) as exc:
        services.rhk_bagikan(actor=kasi, rhk=r.rhk_kasi, pegawai_ids=[])
    assert exc.value.message == services.MSG_BAGIKAN_PILIH
    with pytest.raises(ApplicationError) as exc:  # not a direct subordinate
        services.rhk_bagikan(actor=kasi, rhk=r.rhk_kasi, pegawai_ids=[org.staff_3.pk])
    assert exc.value.message == services.MSG_BAGIKAN_BUKAN_BAWAHAN.format(nama=org.staff_3.nama_lengkap)
    with pytest.raises(Forbidden):  # someone else's RHK
        services.rhk_bagikan(actor=fresh(org.kabid.user), rhk=r.rhk_kasi, pegawai_ids=[org.staff_1.pk])
    assert counts() == before


def test_copy_last_years_skp(org, r):
    # last year's cascade (closed), with the same texts as this year
    lalu = make_periode(org, tahun=r.periode.tahun - 1, status="berjalan")
    ks = make_skp(org.kasi, lalu)
    kb = make_skp(org.kabid, lalu)
    kd = make_skp(org.kadis, lalu)
    s_lalu = services.sasaran_organisasi_create(actor=fresh(org.admin.user), periode=lalu, unit_kerja=org.dinkes,
                                                kode="DINKES-1", teks="Meningkatnya cakupan imunisasi")
    r_kd = add_rhk(org.kadis, kd, teks=r.rhk_kadis.teks, sasaran=s_lalu)
    r_kb = add_rhk(org.kabid, kb, teks=r.rhk_kabid.teks, parent=r_kd)
    r_ks = add_rhk(org.kasi, ks, teks=r.rhk_kasi.teks, parent=r_kb)
    st = make_skp(org.staff_1, lalu)
    a1 = add_rhk(org.staff_1, st, teks="Terlaksananya imunisasi bayi", parent=r_ks,
                 indikator=[ind(target="100"), ind(aspek="kualitas", teks="Sesuai SOP", target="100", satuan="%")])
    a2 = add_rhk(org.staff_1, st, teks="RHK yang tidak diteruskan", parent=r_ks)
    services.skp_ekspektasi_set(actor=fresh(org.kasi.user), skp=st, ekspektasi={"akuntabel": "Tepat waktu"})
    services.periode_kinerja_set_status(actor=fresh(org.admin.user), periode=lalu, status="evaluasi")

    from kinerja.perencanaan.selectors import salin_usulan

    rows, info = salin_usulan(actor=fresh(org.staff_1.user), sumber=st, periode=r.periode)
    assert {row.rhk.pk: row.usulan_id for row in rows} == {a1.pk: r.rhk_kasi.pk, a2.pk: r.rhk_kasi.pk}
    skp, n = services.skp_salin(actor=fresh(org.staff_1.user), sumber=st, periode=r.periode,
                                pemetaan={a1.pk: r.rhk_kasi.pk, a2.pk: None})
    assert skp.pk == r.skp_staff.pk and n == 1 and skp.sumber_id == st.pk
    copy = skp.rhk.get()
    assert copy.teks == a1.teks and copy.intervensi_id == r.rhk_kasi.pk and copy.asal == "salinan"
    assert copy.disalin_dari_id == a1.pk and copy.indikator.count() == 2
    assert skp.ekspektasi.get().ekspektasi == "Tepat waktu"
    # a bad mapping (someone else's RHK) is refused with the RHK named, and nothing is copied
    before = counts()
    with pytest.raises(ApplicationError) as exc:
        services.skp_salin(actor=fresh(org.staff_1.user), sumber=st, periode=r.periode, pemetaan={a1.pk: r.rhk_kabid.pk})
    assert f"rhk.{a1.pk}" in exc.value.detail and counts() == before
    with pytest.raises(Forbidden):  # not one's own SKP
        services.skp_salin(actor=fresh(org.kasi.user), sumber=st, periode=r.periode, pemetaan={})


def test_reminder_to_the_atasan_once_a_day(org, r):
    assert services.skp_minta_rhk_atasan(actor=fresh(org.staff_2.user), periode=r.periode) is True
    assert services.skp_minta_rhk_atasan(actor=fresh(org.staff_2.user), periode=r.periode) is False
    assert Notifikasi.objects.filter(user=org.kasi.user, judul__contains="menunggu RHK Anda").count() == 1


def test_top_official_is_appraised_by_the_pimpinan_daerah(org, r):
    services.skp_submit(actor=fresh(org.kadis.user), skp=r.skp_kadis)
    from kinerja.perencanaan.selectors import skp_antrian

    assert [s.pk for s in skp_antrian(actor=fresh(org.bupati))] == [r.skp_kadis.pk]
    assert list(skp_antrian(actor=fresh(org.kadis.user))) == []
    with pytest.raises(NotFound):
        services.skp_approve(actor=fresh(org.staff_1.user), skp=r.skp_kadis)
    skp = services.skp_approve(actor=fresh(org.bupati), skp=r.skp_kadis)
    assert skp.status == "disetujui"
