"""Early warnings: each rule, its instansi policy, no duplicates for an open condition, automatic resolution, the
owner's acknowledgement and resolution, permissions and bad input, and the audit trail."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, Forbidden, InvalidState, NotFound
from kinerja.core.models import Notifikasi
from kinerja.laporan.models import StatusLaporan
from kinerja.organisasi.tests.factories import fresh
from kinerja.pengawasan import rules, services
from kinerja.pengawasan.models import KebijakanPengawasan, Peringatan, StatusPeringatan
from kinerja.pengawasan.tests.factories import aware, hari_kerja_lalu, lapor

pytestmark = pytest.mark.django_db


def _jalan(dunia, now=None):
    services.agregat_refresh(instansi=dunia.instansi, now=now)
    return services.peringatan_generate(instansi=dunia.instansi, now=now)


def _lapor_semua_kecuali(dunia, kecuali=(), n=3):
    for day in hari_kerja_lalu(n, dunia.instansi.pk):
        for who in ("staff_1", "staff_2", "kasi", "staff_3", "staff_pupr"):
            if who not in kecuali:
                lapor(dunia, who, day)


def _open(dunia, jenis):
    return Peringatan.objects.filter(instansi=dunia.instansi, jenis=jenis).exclude(status="selesai")


def test_no_reports_for_n_working_days_warns_the_pejabat_penilai(dunia):
    _lapor_semua_kecuali(dunia, kecuali=("staff_2",))
    _jalan(dunia)
    (p,) = _open(dunia, rules.TANPA_LAPORAN)
    assert p.pemilik == dunia.kasi.user and p.pegawai == dunia.kasi
    assert [x["id"] for x in p.data["pegawai"]] == [dunia.staff_2.pk]
    assert "3 hari kerja" in p.judul and p.unit == dunia.seksi_imunisasi
    notif = Notifikasi.objects.filter(user=dunia.kasi.user, jenis="peringatan", judul__contains="belum melapor")
    assert notif.count() == 1 and notif.get().url.endswith(f"/pengawasan/peringatan/{p.pk}/")


def test_rule_threshold_is_per_instansi_policy(dunia):
    _lapor_semua_kecuali(dunia, kecuali=("staff_2",), n=3)
    KebijakanPengawasan.objects.create(instansi=dunia.instansi, tanpa_laporan_hari=5)
    for day in hari_kerja_lalu(5, dunia.instansi.pk)[:2]:
        lapor(dunia, "staff_2", day)  # reported 4–5 working days ago: fine under a 5-day rule
    _jalan(dunia)
    assert not _open(dunia, rules.TANPA_LAPORAN).exists()
    KebijakanPengawasan.objects.filter(instansi=dunia.instansi).update(tanpa_laporan_hari=5, tanpa_laporan_aktif=False)
    _jalan(dunia)
    assert not _open(dunia, rules.TANPA_LAPORAN).exists()


def test_open_condition_is_never_duplicated_and_clears_itself(dunia):
    _lapor_semua_kecuali(dunia, kecuali=("staff_2",))
    t0 = timezone.now()
    _jalan(dunia, t0)
    hasil = _jalan(dunia, t0 + dt.timedelta(minutes=5))
    assert hasil["baru"] == 0 and hasil["diperbarui"] >= 1
    assert _open(dunia, rules.TANPA_LAPORAN).count() == 1
    # the database refuses a second open warning for the same condition too
    p = _open(dunia, rules.TANPA_LAPORAN).get()
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Peringatan.objects.create(instansi=dunia.instansi, jenis=p.jenis, kunci=p.kunci, judul="x", pesan="x",
                                  terakhir_terdeteksi=t0)
    # staff_2 reports again: the condition clears and the job resolves the warning, with an audit entry
    for day in hari_kerja_lalu(1, dunia.instansi.pk):
        lapor(dunia, "staff_2", day)
    hasil = _jalan(dunia, t0 + dt.timedelta(minutes=10))
    p.refresh_from_db()
    assert hasil["diselesaikan"] >= 1 and p.status == StatusPeringatan.SELESAI
    assert p.diselesaikan_oleh is None and "otomatis" in p.catatan_penyelesaian
    assert LogEntry.objects.filter(object_pk=str(p.pk), content_type__model="peringatan").count() == 2


def test_indicator_behind_linear_schedule(dunia):
    periode = dunia.periode
    if rules.porsi_jadwal(periode.tanggal_mulai, periode.tanggal_selesai, timezone.localdate()) < 0.1:
        pytest.skip("too early in the year")
    _lapor_semua_kecuali(dunia)  # tiny outputs: every kuantitas indicator is far behind schedule
    _jalan(dunia)
    p = _open(dunia, rules.INDIKATOR).get(pemilik=dunia.kasi.user)
    orang = {x["pegawai_id"] for x in p.data["indikator"]}
    assert orang == {dunia.staff_1.pk, dunia.staff_2.pk}
    assert all(x["jadwal_persen"] < 75 for x in p.data["indikator"])


def test_reviews_pending_longer_than_n_days(dunia):
    old = hari_kerja_lalu(6, dunia.instansi.pk)[0]
    lapor(dunia, "staff_1", old, status=StatusLaporan.DIAJUKAN, diajukan=aware(old, 16))
    lapor(dunia, "staff_3", hari_kerja_lalu(1)[0], status=StatusLaporan.DIAJUKAN)  # recent: fine
    _jalan(dunia)
    (p,) = _open(dunia, rules.TINJAUAN)
    assert p.pemilik == dunia.kasi.user and p.data["jumlah"] == 1 and p.data["tertua"] == old.isoformat()


def test_complaint_sla_breach(dunia):
    from kinerja.partisipasi.models import Pengaduan

    late = hari_kerja_lalu(5, dunia.instansi.pk)[0]
    Pengaduan.objects.create(instansi=dunia.instansi, tiket="ADU-TEST-0001", unit_kerja=dunia.seksi_imunisasi,
                             kategori="pelayanan", judul="Antrean lama", uraian="Menunggu tiga jam",
                             tenggat_verifikasi=late, status="diterima")
    Pengaduan.objects.create(instansi=dunia.instansi, tiket="ADU-TEST-0002", unit_kerja=dunia.seksi_imunisasi,
                             kategori="pelayanan", judul="Baru", uraian="Masih dalam batas",
                             tenggat_verifikasi=timezone.localdate() + dt.timedelta(days=3), status="diterima")
    _jalan(dunia)
    (p,) = _open(dunia, rules.SLA)
    assert p.unit == dunia.seksi_imunisasi and p.pemilik == dunia.kasi.user  # head of the unit
    assert [x["tiket"] for x in p.data["pengaduan"]] == ["ADU-TEST-0001"]
    assert "nama" not in str(p.data) and "kontak" not in str(p.data)  # no complainant identity


def test_lagging_adoption_from_pelatihan_warns_the_unit_head_and_clears(dunia):
    from kinerja.pelatihan.models import MetrikAdopsi, TingkatMetrik

    minggu = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday() + 7)
    m = MetrikAdopsi.objects.create(instansi=dunia.instansi, minggu=minggu, tingkat=TingkatMetrik.UNIT,
                                    unit=dunia.seksi_imunisasi, opd=dunia.seksi_imunisasi.opd,
                                    nama=dunia.seksi_imunisasi.nama, jumlah_pegawai=4, aktif=1, tertinggal=True,
                                    alasan=["kepatuhan", "terlatih"], dihitung_pada=timezone.now())
    _jalan(dunia)
    (p,) = _open(dunia, rules.ADOPSI)
    assert p.unit == dunia.seksi_imunisasi and p.pemilik == dunia.kasi.user
    assert "Kepatuhan laporan harian rendah" in p.pesan and "Cakupan pelatihan rendah" in p.pesan
    assert p.data["alasan"] == ["kepatuhan", "terlatih"]
    MetrikAdopsi.objects.filter(pk=m.pk).update(tertinggal=False, alasan=[])  # the unit caught up
    _jalan(dunia)
    assert not _open(dunia, rules.ADOPSI).exists()
    assert Peringatan.objects.get(pk=p.pk).status == StatusPeringatan.SELESAI
    MetrikAdopsi.objects.filter(pk=m.pk).update(tertinggal=True, alasan=["aktif"])
    KebijakanPengawasan.objects.create(instansi=dunia.instansi, adopsi_aktif=False)  # the rule is switched off
    _jalan(dunia)
    assert not _open(dunia, rules.ADOPSI).exists()


def test_ikm_drop(dunia):
    from kinerja.partisipasi.models import ResponSurvei, TitikLayanan

    titik = TitikLayanan.objects.create(instansi=dunia.instansi, unit_kerja=dunia.yankes, nama="Loket",
                                        kode="loket-uji")
    bulan = rules.awal_bulan(timezone.localdate())
    tz = timezone.get_current_timezone()
    for offset, nilai in ((4, 4), (1, 3)):  # 3 months ago all "4" (IKM 100), last month all "3" (IKM 75)
        b = rules.bulan_sebelumnya(bulan, offset)
        for i in range(30):
            ResponSurvei.objects.create(instansi=dunia.instansi, titik=titik,
                                        dikirim_pada=dt.datetime(b.year, b.month, 2 + i % 20, 10, tzinfo=tz),
                                        **{f"u{k}": nilai for k in range(1, 10)})
    services.agregat_refresh(instansi=dunia.instansi, penuh=True)
    services.peringatan_generate(instansi=dunia.instansi)
    (p,) = _open(dunia, rules.IKM)
    assert p.unit == dunia.yankes and p.pemilik == dunia.kabid_2.user
    assert p.data["sebelum"] == 100.0 and p.data["sesudah"] == 75.0


def test_curve_violation_warns_the_opd_head(dunia):
    from kinerja.penilaian.models import Evaluasi, PredikatOrganisasiUnit
    from kinerja.perencanaan.models import JadwalEvaluasi

    jadwal = JadwalEvaluasi.objects.get(periode=dunia.periode, is_final=True)
    PredikatOrganisasiUnit.objects.create(instansi=dunia.instansi, periode=dunia.periode, unit_kerja=dunia.dinkes,
                                          predikat="baik", ditetapkan_oleh=dunia.kadis.user)
    for who in ("staff_1", "staff_2", "kasi"):
        p = getattr(dunia.org, who)
        Evaluasi.objects.create(instansi=dunia.instansi, jadwal=jadwal, periode=dunia.periode, pegawai=p,
                                skp=dunia.skp[who], status="dinilai", is_tahunan=True, jabatan_nama="x",
                                unit_kerja=p.unit_kerja, unit_kerja_nama="x", opd=dunia.dinkes, predikat="baik")
    _jalan(dunia)
    (p,) = _open(dunia, rules.KURVA)
    assert p.unit == dunia.dinkes and p.pemilik == dunia.kadis.user and p.data["pelanggaran"]


def test_evaluations_undone_near_deadline(dunia):
    from kinerja.penilaian.models import Evaluasi
    from kinerja.perencanaan.models import JadwalEvaluasi

    today = timezone.localdate()
    jadwal = JadwalEvaluasi.objects.filter(periode=dunia.periode, is_final=False).first()
    JadwalEvaluasi.objects.filter(pk=jadwal.pk).update(tanggal_mulai=today - dt.timedelta(days=90),
                                                       batas_penilaian=today + dt.timedelta(days=3))
    Evaluasi.objects.create(instansi=dunia.instansi, jadwal=jadwal, periode=dunia.periode, pegawai=dunia.staff_1,
                            skp=dunia.skp["staff_1"], status="dinilai", jabatan_nama="x",
                            unit_kerja=dunia.seksi_imunisasi, unit_kerja_nama="x", predikat="baik")
    _jalan(dunia)
    p = _open(dunia, rules.EVALUASI).get(pemilik=dunia.kasi.user)
    assert p.data["jumlah"] == 1  # staff_2 is still undone; staff_1 is rated
    assert "3 hari lagi" in p.judul


# --- acting on a warning ----------------------------------------------------------------------------------------
@pytest.fixture
def peringatan(dunia):
    _lapor_semua_kecuali(dunia, kecuali=("staff_2",))
    _jalan(dunia)
    return _open(dunia, rules.TANPA_LAPORAN).get()


def test_owner_acknowledges_then_resolves_with_audit_trail(dunia, peringatan):
    kasi = fresh(dunia.kasi.user)
    p = services.peringatan_acknowledge(actor=kasi, peringatan=peringatan, catatan="Akan saya tanyakan besok.")
    assert p.status == StatusPeringatan.DIAKUI and p.diakui_oleh == kasi
    with pytest.raises(InvalidState):
        services.peringatan_acknowledge(actor=kasi, peringatan=p)  # twice
    p = services.peringatan_resolve(actor=kasi, peringatan=p, catatan="Sudah melapor kembali.")
    assert p.status == StatusPeringatan.SELESAI and p.diselesaikan_oleh == kasi
    entries = LogEntry.objects.filter(content_type__model="peringatan", object_pk=str(p.pk)).order_by("pk")
    assert [e.actor_id for e in entries][1:] == [kasi.pk, kasi.pk]
    assert entries.last().changes["status"] == ["diakui", "selesai"]
    with pytest.raises(InvalidState):
        services.peringatan_resolve(actor=kasi, peringatan=p, catatan="lagi")


def test_resolving_needs_a_note_and_saves_nothing_without_it(dunia, peringatan):
    with pytest.raises(ApplicationError) as exc:
        services.peringatan_resolve(actor=fresh(dunia.kasi.user), peringatan=peringatan, catatan="   ")
    assert exc.value.message == rules.MSG_CATATAN_WAJIB and exc.value.status == 422
    with pytest.raises(ApplicationError, match="2000"):
        services.peringatan_acknowledge(actor=fresh(dunia.kasi.user), peringatan=peringatan, catatan="x" * 2001)
    peringatan.refresh_from_db()
    assert peringatan.status == StatusPeringatan.TERBUKA and peringatan.diakui_pada is None


def test_who_may_act(dunia, peringatan):
    # the superiors of the owner may act (kabid above kasi; the pimpinan of the OPD)
    assert services.boleh_tindak(fresh(dunia.kabid.user), peringatan)
    assert services.boleh_tindak(fresh(dunia.kadis.user), peringatan)
    # Inspektorat and admin see it but only read; the subject's colleague and another OPD do not see it
    for name in ("auditor", "admin"):
        with pytest.raises(Forbidden):
            services.peringatan_acknowledge(actor=fresh(dunia.org.user(name)), peringatan=peringatan)
    for name in ("staff_1", "staff_3", "kadis_pupr", "kadis_b", "bupati"):
        with pytest.raises(NotFound):
            services.peringatan_acknowledge(actor=fresh(dunia.org.user(name)), peringatan=peringatan)
    peringatan.refresh_from_db()
    assert peringatan.status == StatusPeringatan.TERBUKA
    p = services.peringatan_acknowledge(actor=fresh(dunia.kadis.user), peringatan=peringatan)
    assert p.diakui_oleh == dunia.kadis.user
