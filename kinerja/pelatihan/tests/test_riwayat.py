"""Development history (recorded by admin and by Pengawasan's jobs through the service), training needs and the
selector Pengawasan uses to suggest trainings for a BerAKHLAK value or a part of the cycle."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState, NotFound
from kinerja.organisasi.tests.factories import fresh, system_actor
from kinerja.pelatihan import selectors, services
from kinerja.pelatihan.models import RiwayatPengembangan
from kinerja.pelatihan.services import riwayat as R
from kinerja.pelatihan.tests.factories import admin, berakhir, berjalan, hadirkan, make_sesi

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


def _catat(org, actor=None, **kw):
    data = {"judul": "Pelatihan Dasar CPNS", "jenis": "pelatihan", "tanggal_mulai": TODAY - dt.timedelta(days=30),
            "tanggal_selesai": TODAY - dt.timedelta(days=2), "jam_pelajaran": 40, "fokus": ["kompeten"]}
    data.update(kw)
    return services.riwayat_pengembangan_catat(actor=actor or admin(org), pegawai=org.staff_1, **data)


def test_admin_records_an_outside_training_audited(org):
    r = _catat(org, penyelenggara="BPSDM Provinsi", sertifikat_nomor="123/LATSAR")
    assert r.sumber == "manual" and r.dicatat_oleh_id == org.admin.user_id
    assert LogEntry.objects.get_for_object(r).filter(action=LogEntry.Action.CREATE).exists()


def test_pengawasan_job_records_a_follow_up_as_superuser(org):
    r = _catat(org, actor=system_actor(), sumber="rekomendasi", judul="Coaching kolaborasi", jenis="coaching",
               fokus=["kolaboratif"])
    assert r.sumber == "rekomendasi"


BAD = [
    ({"judul": " "}, "judul", R.MSG_JUDUL),
    ({"jenis": "liburan"}, "jenis", R.MSG_JENIS),
    ({"tanggal_mulai": None}, "tanggal_mulai", R.MSG_TANGGAL_WAJIB),
    ({"tanggal_selesai": TODAY - dt.timedelta(days=40)}, "tanggal_selesai", R.MSG_TANGGAL_URUT),
    ({"tanggal_selesai": TODAY + dt.timedelta(days=1)}, "tanggal_selesai", R.MSG_TANGGAL_DEPAN),
    ({"jam_pelajaran": -1}, "jam_pelajaran", R.MSG_JP),
    ({"jam_pelajaran": 501}, "jam_pelajaran", R.MSG_JP),
    ({"fokus": ["terbang"]}, "fokus", R.MSG_FOKUS),
]


@pytest.mark.parametrize(("kw", "field", "msg"), BAD, ids=[b[1] + str(i) for i, b in enumerate(BAD)])
def test_bad_history_input(org, kw, field, msg):
    with pytest.raises(ApplicationError) as exc:
        _catat(org, **kw)
    assert exc.value.status == 422 and exc.value.detail[field] == [msg]
    assert not RiwayatPengembangan.objects.exists()


@pytest.mark.parametrize("who", ["staff_1", "kasi", "kadis", "auditor", "bupati"])
def test_only_admin_records_history(org, who):
    with pytest.raises(Forbidden):
        _catat(org, actor=fresh(org.user(who)))
    assert not RiwayatPengembangan.objects.exists()


def test_admin_of_another_instansi_cannot_record(org):
    from kinerja.organisasi.tests.factories import grant

    grant(org.kadis_b.user, "admin_bkpsdm")
    with pytest.raises(NotFound):
        _catat(org, actor=fresh(org.kadis_b.user))


def test_session_history_cannot_be_deleted_but_manual_can(org):
    sesi = berjalan(make_sesi(org))
    hadirkan(org, sesi)
    services.sesi_tuntaskan(actor=admin(org), sesi=berakhir(sesi))
    dari_sesi = RiwayatPengembangan.objects.get(sesi=sesi)
    with pytest.raises(InvalidState):
        services.riwayat_pengembangan_hapus(actor=admin(org), riwayat=dari_sesi)
    manual = _catat(org)
    services.riwayat_pengembangan_hapus(actor=admin(org), riwayat=manual)
    assert list(RiwayatPengembangan.objects.all()) == [dari_sesi]


def test_history_page_form_bad_input_is_400(org):
    r = _client(fresh(org.admin.user)).post(f"/pelatihan/riwayat/{org.staff_1.pk}/", {
        "judul": "", "jenis": "pelatihan", "tanggal_mulai": "2026-01-05", "tanggal_selesai": "2026-01-02",
        "jam_pelajaran": 8})
    assert r.status_code == 400 and R.MSG_JUDUL in r.content.decode()
    assert not RiwayatPengembangan.objects.exists()


def test_history_visibility_follows_the_organisation(org):
    _catat(org)
    for who, status in [("staff_1", 200), ("kasi", 200), ("kadis", 200), ("admin", 200), ("auditor", 200),
                        ("staff_2", 404), ("staff_pupr", 404), ("bupati", 404), ("staff_b", 404)]:
        r = _client(fresh(org.user(who))).get(f"/pelatihan/riwayat/{org.staff_1.pk}/")
        assert r.status_code == status, who
    r = _client(fresh(org.staff_1.user)).get("/pelatihan/riwayat/")
    assert "Pelatihan Dasar CPNS" in r.content.decode()
    assert _client(fresh(org.kasi.user)).post(f"/pelatihan/riwayat/{org.staff_1.pk}/", {"judul": "x"}).status_code \
        == 403


def test_jp_of_this_year(org):
    _catat(org, jam_pelajaran=12)
    _catat(org, judul="Lama", tanggal_mulai=dt.date(TODAY.year - 1, 3, 1), tanggal_selesai=dt.date(TODAY.year - 1, 3, 2),
           jam_pelajaran=30)
    data = selectors.riwayat_pengembangan(actor=fresh(org.staff_1.user))
    assert data.jp_tahun_ini == 12 and data.persen_jp == 60 and len(data.items) == 2


def test_profile_slot_shows_history_to_who_may_see_it(org):
    from django.test import RequestFactory

    from kinerja.core.slots import render_slot

    _catat(org)
    req = RequestFactory().get("/")
    req.user = fresh(org.kasi.user)
    assert "Pelatihan Dasar CPNS" in render_slot("pegawai_profil", req, org.staff_1)
    req.user = fresh(org.staff_pupr.user)
    assert render_slot("pegawai_profil", req, org.staff_1) == ""


def test_profile_pages_show_the_development_history(org):
    _catat(org)
    own = _client(fresh(org.staff_1.user)).get("/organisasi/profil/")
    assert own.status_code == 200 and "Riwayat pengembangan" in own.content.decode()
    assert "Pelatihan Dasar CPNS" in own.content.decode()
    detail = _client(fresh(org.kasi.user)).get(f"/organisasi/pegawai/{org.staff_1.pk}/")
    assert detail.status_code == 200 and "Pelatihan Dasar CPNS" in detail.content.decode()


def test_trainings_for_a_fokus(org):
    cocok = make_sesi(org, fokus=["kolaboratif", "umpan_balik"])
    make_sesi(org, judul="Lain", fokus=["skp"])
    lewat = make_sesi(org, judul="Sudah lewat", fokus=["kolaboratif"])
    berakhir(lewat)
    draf = make_sesi(org, terbit=False, judul="Draf", fokus=["kolaboratif"])
    ids = set(selectors.pelatihan_untuk_fokus(instansi_id=org.instansi.pk, kode="kolaboratif")
              .values_list("pk", flat=True))
    assert ids == {cocok.pk} and draf.pk not in ids
    assert list(selectors.pelatihan_untuk_fokus(instansi_id=org.instansi.pk, kode="kolaboratif", pegawai=org.staff_1))
    assert not selectors.pelatihan_untuk_fokus(instansi_id=org.instansi.pk, kode="kolaboratif",
                                               pegawai=org.staff_pupr).exists()  # not in its audience
    assert not selectors.pelatihan_untuk_fokus(instansi_id=org.instansi_b.pk, kode="kolaboratif").exists()
    assert not selectors.pelatihan_untuk_fokus(instansi_id=org.instansi.pk, kode="tidak_ada").exists()


def test_training_needs_from_own_signals_and_registered_sources(org):
    make_sesi(org, fokus=["literasi_digital"])
    needs = {k.kode: k for k in selectors.kebutuhan_pelatihan(org.staff_1)}
    assert "literasi_digital" in needs and needs["literasi_digital"].sesi  # no training in 12 months
    _catat(org)  # a recent training
    assert "literasi_digital" not in {k.kode for k in selectors.kebutuhan_pelatihan(org.staff_1)}

    def pengawasan(pegawai):
        return [("kolaboratif", "Rating perilaku Kolaboratif di bawah ekspektasi."), ("bukan_kode", "diabaikan")]

    selectors.register_sumber_saran(pengawasan)
    try:
        needs = {k.kode: k for k in selectors.kebutuhan_pelatihan(org.staff_1)}
        assert needs["kolaboratif"].alasan == ["Rating perilaku Kolaboratif di bawah ekspektasi."]
        assert "bukan_kode" not in needs
    finally:
        selectors._sumber_saran.remove(pengawasan)


def test_missing_skp_after_the_deadline_is_a_need(org):
    from kinerja.laporan.tests.factories import make_periode, make_skp

    periode = make_periode(org.instansi)
    make_skp(org.staff_1, periode, status="disetujui")
    make_skp(org.staff_2, periode, status="draft")
    hari = max(periode.batas_skp + dt.timedelta(days=1), TODAY)
    assert "skp" not in {k.kode for k in selectors.kebutuhan_pelatihan(org.staff_1, today=hari)}
    assert "skp" in {k.kode for k in selectors.kebutuhan_pelatihan(org.staff_2, today=hari)}
    assert "skp" not in {k.kode for k in selectors.kebutuhan_pelatihan(org.staff_2,
                                                                        today=periode.batas_skp - dt.timedelta(days=1))}
