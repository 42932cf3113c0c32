import datetime as dt

import pytest
from auditlog.models import LogEntry

from kinerja.core.exceptions import ApplicationError, Forbidden
from kinerja.organisasi import selectors, services
from kinerja.organisasi.models import JenisJabatan, JenisPlt, Pegawai, Penempatan, UnitKerja
from kinerja.organisasi.tests.factories import fresh, make_nip, make_pegawai, system_actor

pytestmark = pytest.mark.django_db


def test_units_get_paths_levels_and_opd(org):
    seksi = UnitKerja.objects.get(pk=org.seksi_imunisasi.pk)
    assert seksi.path.startswith(org.dinkes.path)
    assert seksi.level == 2
    assert seksi.opd_id == org.dinkes.pk
    assert UnitKerja.objects.get(pk=org.dinkes.pk).opd_id is None


def test_moving_a_unit_moves_its_subtree_and_pegawai_opd(org):
    services.unit_kerja_update(actor=system_actor(), unit=org.p2p, induk=org.pupr)
    seksi = UnitKerja.objects.get(pk=org.seksi_imunisasi.pk)
    assert seksi.path.startswith(UnitKerja.objects.get(pk=org.pupr.pk).path)
    assert seksi.opd_id == org.pupr.pk
    assert Pegawai.objects.get(pk=org.staff_1.pk).opd_id == org.pupr.pk


def test_unit_cycle_is_refused(org):
    with pytest.raises(ApplicationError, match="tidak boleh unit itu sendiri"):
        services.unit_kerja_update(actor=system_actor(), unit=org.dinkes, induk=org.seksi_imunisasi)
    assert UnitKerja.objects.get(pk=org.dinkes.pk).induk_id is None


def test_jabatan_cycle_is_refused(org):
    with pytest.raises(ApplicationError, match="siklus"):
        services.jabatan_set_atasan(actor=system_actor(), jabatan=org.kadis.jabatan, atasan=org.kasi.jabatan)


def test_atasan_follows_position_tree(org):
    assert selectors.atasan_langsung(org.staff_1).pk == org.kasi.pk
    assert selectors.atasan_langsung(org.kasi).pk == org.kabid.pk
    assert selectors.atasan_langsung(org.kadis) is None
    penilai, atasan_penilai = selectors.pejabat_penilai(org.staff_1)
    assert (penilai.pk, atasan_penilai.pk) == (org.kasi.pk, org.kabid.pk)


def test_vacant_superior_position_passes_to_the_next_holder(org):
    # Move the kasi elsewhere: the seksi head is vacant, so staff report to the kabid.
    other = services.jabatan_create(actor=system_actor(), unit_kerja=org.yankes, nama="Analis",
                                    jenis=JenisJabatan.FUNGSIONAL, jenjang="ahli_muda", atasan=org.kabid_2.jabatan)
    services.penempatan_create(actor=system_actor(), pegawai=org.kasi, jabatan=other, tanggal_mulai=dt.date(2025, 1, 1))
    assert selectors.atasan_langsung(fresh_pegawai(org.staff_1)).pk == org.kabid.pk


def test_plt_overrides_the_atasan_for_its_term(org):
    services.penugasan_plt_create(actor=system_actor(), jabatan=org.kasi.jabatan, pegawai=org.staff_3,
                                  jenis=JenisPlt.PLH, tanggal_mulai=dt.date(2025, 1, 1),
                                  tanggal_selesai=dt.date(2025, 1, 31))
    assert selectors.atasan_langsung(org.staff_1, on=dt.date(2025, 1, 15)).pk == org.staff_3.pk
    assert selectors.atasan_langsung(org.staff_1, on=dt.date(2025, 2, 1)).pk == org.kasi.pk


def test_bawahan_langsung(org):
    assert {p.pk for p in selectors.bawahan_langsung(org.kasi)} == {org.staff_1.pk, org.staff_2.pk}
    assert {p.pk for p in selectors.bawahan_langsung(org.kadis)} == {org.kabid.pk, org.kabid_2.pk}


def test_penempatan_closes_the_previous_posting_and_updates_the_cache(org):
    new = services.penempatan_create(actor=system_actor(), pegawai=org.staff_1, jabatan=org.staff_3.jabatan,
                                     tanggal_mulai=dt.date(2025, 7, 1), nomor_sk="821/1/2025")
    old = Penempatan.objects.filter(pegawai=org.staff_1).exclude(pk=new.pk).get()
    assert old.tanggal_selesai == dt.date(2025, 6, 30)
    p = Pegawai.objects.get(pk=org.staff_1.pk)
    assert (p.jabatan_id, p.unit_kerja_id, p.opd_id) == (org.staff_3.jabatan_id, org.yankes.pk, org.dinkes.pk)


def test_structural_position_takes_one_holder(org):
    with pytest.raises(ApplicationError, match="sudah diisi"):
        services.penempatan_create(actor=system_actor(), pegawai=org.staff_1, jabatan=org.kasi.jabatan,
                                   tanggal_mulai=dt.date(2025, 7, 1))
    assert Pegawai.objects.get(pk=org.staff_1.pk).jabatan_id != org.kasi.jabatan_id


def test_pegawai_create_validates_nip_and_golongan(org):
    actor = system_actor()
    with pytest.raises(ApplicationError) as exc:
        services.pegawai_create(actor=actor, instansi_id=org.instansi.pk, nip="123", nama="X")
    assert "nip" in exc.value.detail
    with pytest.raises(ApplicationError) as exc:
        services.pegawai_create(actor=actor, instansi_id=org.instansi.pk, nip=make_nip(), nama="X", golongan="IX")
    assert "golongan" in exc.value.detail
    with pytest.raises(ApplicationError, match="sudah terdaftar"):
        services.pegawai_create(actor=actor, instansi_id=org.instansi.pk, nip=org.staff_1.nip, nama="Kembar")


def test_pegawai_update_self_only_contact(org):
    staff = fresh(org.staff_1.user)
    services.pegawai_update(actor=staff, pegawai=org.staff_1, telepon="081234567890")
    with pytest.raises(Forbidden):
        services.pegawai_update(actor=staff, pegawai=org.staff_1, nama="Nama Baru")
    with pytest.raises(Forbidden):
        services.pegawai_update(actor=staff, pegawai=org.staff_2, telepon="0800")


def test_only_admin_bkpsdm_writes_master_data(org):
    with pytest.raises(Forbidden):
        services.unit_kerja_create(actor=fresh(org.kadis.user), instansi_id=org.instansi.pk, kode="X", nama="X",
                                   jenis="bidang")
    with pytest.raises(Forbidden):
        services.unit_kerja_create(actor=fresh(org.auditor.user), instansi_id=org.instansi.pk, kode="X", nama="X",
                                   jenis="bidang")
    unit = services.unit_kerja_create(actor=fresh(org.admin.user), instansi_id=org.instansi.pk, kode="X",
                                      nama="Bidang Baru", jenis="bidang", induk=org.dinkes)
    assert unit.opd_id == org.dinkes.pk


def test_admin_cannot_write_other_instansi(org):
    with pytest.raises(ApplicationError):
        services.unit_kerja_create(actor=fresh(org.admin.user), instansi_id=org.instansi_b.pk, kode="Y", nama="Y",
                                   jenis="dinas")


def test_writes_are_audited_with_actor_and_changes(org):
    admin = fresh(org.admin.user)
    services.pegawai_update(actor=admin, pegawai=org.staff_1, telepon="0811111111")
    entry = LogEntry.objects.filter(object_pk=str(org.staff_1.pk), content_type__model="pegawai").latest("timestamp")
    assert entry.actor_id == admin.pk
    assert entry.changes["telepon"][1] == "0811111111"
    assert entry.additional_data == {"instansi": org.instansi.pk}


def fresh_pegawai(p):
    return Pegawai.objects.select_related("jabatan").get(pk=p.pk)


def test_make_pegawai_creates_login_account(org):
    p = make_pegawai(org.instansi, org.staff_1.jabatan, "Baru")
    assert p.user.username == p.nip
    assert p.user.check_password("Rahasia-Kinerja-2026")
