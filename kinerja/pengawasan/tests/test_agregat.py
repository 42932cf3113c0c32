"""The aggregate fill: per-pegawai months, unit roll-up to OPD and regency, achievement against the linear schedule,
the predikat distribution against the curve, incremental refresh and resuming a failed run."""

import datetime as dt

import pytest
from django.utils import timezone

from kinerja.laporan.models import LaporanHarian, StatusLaporan
from kinerja.pengawasan import rules
from kinerja.pengawasan.models import (
    CapaianIndikator,
    StatistikPegawai,
    StatistikPredikat,
    StatistikUnit,
    StatusJob,
    StatusPengisian,
)
from kinerja.pengawasan.services import agregat
from kinerja.pengawasan.services.agregat import agregat_refresh
from kinerja.pengawasan.tests.factories import aware, hari_kerja_lalu, lapor

pytestmark = pytest.mark.django_db


def _unit(dunia, unit, bulan=None):
    bulan = bulan or rules.awal_bulan(timezone.localdate())
    return StatistikUnit.objects.get(instansi=dunia.instansi, unit=unit, bulan=bulan)


def _bulan_ini_hari(n):
    """n working days of the current month before today (or as many as there are)."""
    awal = rules.awal_bulan(timezone.localdate())
    return [d for d in hari_kerja_lalu(n) if d >= awal]


def test_full_fill_per_pegawai_and_rollup(dunia):
    days = _bulan_ini_hari(3)
    if len(days) < 2:
        pytest.skip("needs two working days of this month before today")
    d1, d2 = days[-2], days[-1]
    lapor(dunia, "staff_1", d1, ditinjau=aware(d1, 13))  # reviewed 2h55 after submission (10:05)
    lapor(dunia, "staff_1", d1, jam=(10, 0), sampai=(12, 0), status=StatusLaporan.DIAJUKAN)
    lapor(dunia, "staff_1", d2, status=StatusLaporan.PERLU_REVISI, revisi=1)
    lapor(dunia, "staff_2", d2)
    lapor(dunia, "staff_3", d1, status=StatusLaporan.DRAFT)  # drafts do not count
    hasil = agregat_refresh(instansi=dunia.instansi)
    assert hasil["mode"] == "penuh"

    s1 = StatistikPegawai.objects.get(pegawai=dunia.staff_1, bulan=rules.awal_bulan(d1))
    assert (s1.hari_lapor, s1.laporan_diajukan, s1.laporan_disetujui, s1.laporan_revisi, s1.menit_kerja) == (
        2, 3, 1, 1, 360)
    assert s1.menunggu == 1 and s1.tinjauan_n == 2
    assert s1.tinjauan_jam == pytest.approx(2 + 55 / 60 + 3, abs=0.01)
    assert not StatistikPegawai.objects.filter(pegawai=dunia.staff_3).exists()  # zero rows are not stored

    seksi = _unit(dunia, dunia.seksi_imunisasi)
    assert (seksi.jumlah_pegawai, seksi.wajib_lapor, seksi.pegawai_melapor, seksi.hari_lapor) == (3, 3, 2, 3)
    # the OPD sums its subtree (seksi → bidang → dinas); the regency sums the OPDs
    dinkes = _unit(dunia, dunia.dinkes)
    assert dinkes.hari_lapor == 3 and dinkes.menunggu == 1
    assert dinkes.jumlah_pegawai == 7  # kadis, kabid, kasi, staff_1, staff_2, kabid_2, staff_3
    kab = StatistikUnit.objects.get(instansi=dunia.instansi, unit__isnull=True, bulan=rules.awal_bulan(d1))
    assert kab.level == 0 and kab.hari_lapor == 3 and kab.jumlah_pegawai == 11
    assert not StatistikUnit.objects.filter(instansi=dunia.instansi_b).exists()
    state = StatusPengisian.objects.get(instansi=dunia.instansi, kunci="agregat")
    assert state.status == StatusJob.SELESAI and state.watermark is not None and state.kursor == 0


def test_capaian_against_linear_schedule(dunia):
    today = timezone.localdate()
    periode = dunia.periode
    ind = dunia.indikator("staff_1")  # kuantitas, target 120
    day = hari_kerja_lalu(1)[0]
    lapor(dunia, "staff_1", day, output=30, indikator=ind)
    lapor(dunia, "staff_1", day, jam=(10, 0), sampai=(11, 0), output=50, indikator=ind,
          status=StatusLaporan.DIAJUKAN)  # waiting: not realisasi yet
    agregat_refresh(instansi=dunia.instansi)
    c = CapaianIndikator.objects.get(indikator=ind)
    porsi = rules.porsi_jadwal(periode.tanggal_mulai, periode.tanggal_selesai, today)
    assert float(c.realisasi) == 30 and c.jumlah_laporan == 1
    assert c.capaian_persen == 25.0
    assert c.jadwal_persen == rules.jadwal_persen(30, 120, porsi)
    assert c.kunci == rules.kunci_indikator(ind.teks, ind.satuan)
    # kualitas indicators are not summed from outputs
    assert not CapaianIndikator.objects.filter(indikator__aspek="kualitas").exists()
    assert CapaianIndikator.objects.filter(pegawai=dunia.staff_1).count() == 2  # two RHK × one kuantitas each


def test_incremental_refresh_touches_only_changed_pegawai(dunia):
    day = hari_kerja_lalu(1)[0]
    lapor(dunia, "staff_1", day)
    t0 = timezone.now()
    agregat_refresh(instansi=dunia.instansi, now=t0)
    lapor(dunia, "staff_2", day)
    hasil = agregat_refresh(instansi=dunia.instansi, now=t0 + dt.timedelta(minutes=5))
    assert hasil["mode"] == "inkremental"
    assert hasil["pegawai"] == 2  # staff_2, and staff_1 inside the two-minute overlap window
    assert StatistikPegawai.objects.filter(pegawai=dunia.staff_2, bulan=rules.awal_bulan(day)).exists()
    lap = LaporanHarian.objects.filter(pegawai=dunia.staff_1).first()
    LaporanHarian.objects.filter(pk=lap.pk).update(updated_at=t0 - dt.timedelta(hours=1))  # an old, unchanged row
    LaporanHarian.objects.filter(pegawai=dunia.staff_2).update(updated_at=t0 - dt.timedelta(hours=1))
    hasil = agregat_refresh(instansi=dunia.instansi, now=t0 + dt.timedelta(minutes=20))
    assert hasil["pegawai"] == 0  # nothing changed since the watermark: nothing recomputed


def test_refresh_reflects_a_review_within_a_run(dunia):
    day = hari_kerja_lalu(1)[0]
    lap = lapor(dunia, "staff_1", day, status=StatusLaporan.DIAJUKAN)
    t0 = timezone.now()
    agregat_refresh(instansi=dunia.instansi, now=t0)
    bulan_ini = rules.awal_bulan(timezone.localdate())
    assert StatistikPegawai.objects.get(pegawai=dunia.staff_1, bulan=bulan_ini).menunggu == 1
    LaporanHarian.objects.filter(pk=lap.pk).update(status=StatusLaporan.DISETUJUI, ditinjau_pada=t0,
                                                   updated_at=timezone.now())
    agregat_refresh(instansi=dunia.instansi, now=t0 + dt.timedelta(minutes=1))
    row = StatistikPegawai.objects.get(pegawai=dunia.staff_1, bulan=bulan_ini)
    assert row.menunggu == 0 or rules.awal_bulan(day) != bulan_ini
    assert _unit(dunia, dunia.dinkes).menunggu == 0


def test_failed_full_fill_resumes_from_cursor(dunia, monkeypatch):
    day = hari_kerja_lalu(1)[0]
    for who in ("staff_1", "staff_2", "staff_3"):
        lapor(dunia, who, day)
    monkeypatch.setattr(agregat, "CHUNK", 3)
    calls = {"n": 0}
    real = agregat._capaian

    def flaky(*a, **kw):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("database hilang sebentar")
        return real(*a, **kw)

    monkeypatch.setattr(agregat, "_capaian", flaky)
    with pytest.raises(RuntimeError):
        agregat_refresh(instansi=dunia.instansi)
    state = StatusPengisian.objects.get(instansi=dunia.instansi, kunci="agregat")
    assert state.status == StatusJob.GAGAL and "database hilang" in state.pesan
    assert state.kursor > 0 and state.watermark is None  # first chunk done, watermark not advanced
    done_before = state.kursor
    hasil = agregat_refresh(instansi=dunia.instansi)
    assert hasil["mode"] == "penuh"
    # the second run starts after the finished chunk (pegawai with reports or an approved SKP only)
    relevan = {p.pk for p in (dunia.staff_1, dunia.staff_2, dunia.staff_3, dunia.kasi, dunia.staff_pupr)}
    assert hasil["pegawai"] == len({pk for pk in relevan if pk > done_before}) < len(relevan)
    state.refresh_from_db()
    assert state.status == StatusJob.SELESAI and state.kursor == 0 and state.watermark is not None
    assert StatistikPegawai.objects.filter(pegawai__in=[dunia.staff_1, dunia.staff_2, dunia.staff_3]).count() == 3


def test_running_job_is_not_started_twice(dunia):
    state = agregat.state_get(dunia.instansi.pk, "agregat")
    StatusPengisian.objects.filter(pk=state.pk).update(status=StatusJob.BERJALAN, mulai_pada=timezone.now())
    assert agregat_refresh(instansi=dunia.instansi) == {"dilewati": True}
    # a run that has been "running" for too long is taken as crashed
    StatusPengisian.objects.filter(pk=state.pk).update(mulai_pada=timezone.now() - dt.timedelta(hours=1))
    assert agregat_refresh(instansi=dunia.instansi)["mode"] == "penuh"


def test_predikat_distribution_and_curve_violation(dunia):
    from kinerja.penilaian.models import Evaluasi, PredikatOrganisasiUnit
    from kinerja.perencanaan.models import JadwalEvaluasi

    jadwal = JadwalEvaluasi.objects.get(periode=dunia.periode, is_final=True)
    PredikatOrganisasiUnit.objects.create(instansi=dunia.instansi, periode=dunia.periode, unit_kerja=dunia.dinkes,
                                          predikat="baik", ditetapkan_oleh=dunia.kadis.user)
    for who in ("staff_1", "staff_2", "kasi", "staff_3"):
        p = getattr(dunia.org, who)
        Evaluasi.objects.create(instansi=dunia.instansi, jadwal=jadwal, periode=dunia.periode, pegawai=p,
                                skp=dunia.skp[who], status="dinilai", is_tahunan=True, jabatan_nama="x",
                                unit_kerja=p.unit_kerja, unit_kerja_nama="x", opd=dunia.dinkes, predikat="baik")
    agregat_refresh(instansi=dunia.instansi)
    row = StatistikPredikat.objects.get(jadwal=jadwal, unit=dunia.dinkes)
    assert row.jumlah == {"baik": 4} and row.dinilai == 4
    # Baik organisation: at most 70 % Baik (floor(2.8) = 2) and at least one BP or K (§1.7)
    assert row.pelanggaran and row.pelanggaran[0]["unit"] == dunia.dinkes.pk
    assert any("paling banyak" in m for m in row.pelanggaran[0]["pesan"])
    assert StatistikPredikat.objects.get(jadwal=jadwal, unit=dunia.seksi_imunisasi).jumlah == {"baik": 3}  # kasi, staff_1, staff_2
    assert StatistikPredikat.objects.get(jadwal=jadwal, unit__isnull=True).dinilai == 4
