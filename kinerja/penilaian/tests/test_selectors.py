"""Reads: realisasi agrees between the laporan roll-up and the bulk aggregate, capaian per window and formula,
the annual derivation, and bounded query counts on the pages that list many people."""

import datetime as dt
from decimal import Decimal

import pytest

from kinerja.penilaian import selectors, services
from kinerja.penilaian.tests.factories import build_world, indikator, make_laporan, nilai

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org):
    return build_world(org)


def test_bulk_realisasi_equals_the_laporan_rollup(w):
    for name in ("staff_1", "staff_2"):
        skp = w.skp[name]
        for i, day in enumerate((0, 10, 40, 70)):
            make_laporan(skp, indikator(skp, i % 2), w.tw3.tanggal_mulai + dt.timedelta(days=day), i + 1)
        make_laporan(skp, indikator(skp), w.tw3.tanggal_mulai, 100, status="perlu_revisi")
    ev = services.evaluasi_buka(actor=w.user("kasi"), pegawai=w.org.staff_1, jadwal=w.tw3)
    from_laporan = selectors.realisasi_laporan(actor=w.user("kasi"), evaluasi=ev)
    ids = list(from_laporan)
    bulk = selectors.realisasi_massal(indikator_ids=ids, dari=w.tw3.tanggal_mulai, sampai=w.tw3.tanggal_selesai)
    assert {k: v for k, v in from_laporan.items() if v} == bulk
    assert sum(bulk.values()) == Decimal(1 + 2 + 3 + 4)  # all four inside July–September; revisi not counted


def test_annual_window_uses_the_whole_year_and_full_targets(w):
    skp = w.skp["staff_1"]
    make_laporan(skp, indikator(skp), w.jadwal[1].tanggal_mulai, 10)
    make_laporan(skp, indikator(skp), w.jadwal[3].tanggal_mulai, 20)
    ev = services.evaluasi_buka(actor=w.user("kasi"), pegawai=w.org.staff_1, jadwal=w.tahunan)
    hk = selectors.hasil_kerja(actor=w.user("kasi"), evaluasi=ev)
    row = hk.rhk[0].indikator[0]
    assert hk.bulan == 12 and row.target == 40 and row.realisasi == Decimal("30") and row.capaian == 75


def test_pp46_policy_changes_capaian_and_thresholds(w):
    services.kebijakan_penilaian_simpan(actor=w.user("admin"), rumus_capaian="pp46")
    skp = w.skp["staff_1"]
    make_laporan(skp, indikator(skp, 0), w.tw3.tanggal_mulai, 8)  # 8 of 10 → 80
    make_laporan(skp, indikator(skp, 1), w.tw3.tanggal_mulai, 3)  # 3 of 3 → 100
    ev = services.evaluasi_buka(actor=w.user("kasi"), pegawai=w.org.staff_1, jadwal=w.tw3)
    hk = selectors.hasil_kerja(actor=w.user("kasi"), evaluasi=ev)
    assert hk.rumus == "pp46" and hk.capaian_rerata == pytest.approx(90)
    assert hk.saran == "sesuai"  # 90 is in the Baik band [76, 91)


def test_evaluation_page_query_count_does_not_grow_with_reports(w):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kinerja.organisasi.tests.factories import fresh

    skp = w.skp["staff_1"]
    ev = nilai(w, "staff_1", w.tw3)
    c = Client()
    c.force_login(fresh(w.org.kasi.user), backend="django.contrib.auth.backends.ModelBackend")
    c.get(f"/penilaian/evaluasi/{ev.pk}/")
    with CaptureQueriesContext(connection) as few:
        assert c.get(f"/penilaian/evaluasi/{ev.pk}/").status_code == 200
    for day in range(30):
        make_laporan(skp, indikator(skp, day % 2), w.tw3.tanggal_mulai + dt.timedelta(days=day), 1)
    with CaptureQueriesContext(connection) as many:
        assert c.get(f"/penilaian/evaluasi/{ev.pk}/").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_list_query_count_is_flat(w, django_assert_max_num_queries):
    for name in ("staff_1", "staff_2", "kasi", "kabid", "staff_3", "kabid_2"):
        nilai(w, name, w.tw3)
    with django_assert_max_num_queries(12):
        rows = list(selectors.evaluasi_list(actor=w.user("kadis"), jadwal_id=w.tw3.pk))
        assert len(rows) == 6
        [(e.pegawai.nama_lengkap, e.jadwal.nama, e.pegawai.jabatan.nama) for e in rows]


def test_calibration_groups(w, django_assert_max_num_queries):
    for name in ("staff_1", "staff_2", "staff_3", "kasi"):
        nilai(w, name, w.tw3)
    with django_assert_max_num_queries(15):
        groups = selectors.kalibrasi(actor=w.user("kadis"), opd_id=w.org.dinkes.pk, jadwal=w.tw3)
    assert len(groups) == 1 and groups[0].n == 4 and groups[0].counts["baik"] == 4
    assert not groups[0].berlaku  # periodic window: the curve is informative only by default


def test_bulk_capaian_agrees_with_the_evaluation_page(w):
    from kinerja.penilaian.models import RealisasiManual

    for name, n in (("staff_1", 9), ("staff_2", 13), ("kasi", 0)):
        skp = w.skp[name]
        if n:
            make_laporan(skp, indikator(skp, 0), w.tw3.tanggal_mulai, n)
            make_laporan(skp, indikator(skp, 1), w.tw3.tanggal_mulai + dt.timedelta(days=3), 2)
    ev = services.evaluasi_buka(actor=w.user("kasi"), pegawai=w.org.staff_2, jadwal=w.tw3)
    kualitas = w.skp["staff_2"].rhk.first().indikator.get(aspek="kualitas")
    RealisasiManual.objects.create(instansi=w.org.instansi, indikator=kualitas, jadwal=w.tw3, nilai=Decimal("80"),
                                   dicatat_oleh=w.org.kasi.user)
    bulk = {h.pegawai_id: h for h in selectors.capaian_massal(
        periode=w.periode, dari=w.tw3.tanggal_mulai, sampai=w.tw3.tanggal_selesai, bulan=3, jadwal_id=w.tw3.pk)}
    assert len(bulk) == len(w.skp)
    for name in ("staff_1", "staff_2", "kasi"):
        e = services.evaluasi_buka(actor=w.user("kasi" if name != "kasi" else "kabid"), pegawai=getattr(w.org, name),
                                   jadwal=w.tw3)
        hk = selectors.hasil_kerja(actor=w.user("kabid"), evaluasi=e)
        h = bulk[getattr(w.org, name).pk]
        assert h.capaian_rerata == pytest.approx(hk.capaian_rerata) and h.saran == hk.saran, name
    assert bulk[w.org.staff_2.pk].capaian_rerata == pytest.approx((130 + 80 + 2 / 3 * 100) / 3)
    assert ev.pk
