"""The demo's reports: skipped without perencanaan's data; otherwise three months of varied, rule-abiding reports,
revisions and comments, evidence for the demo pegawai and a lively queue for the demo atasan."""

import datetime as dt
import random
from collections import defaultdict

import pytest
from auditlog.models import LogEntry

from kinerja.laporan import demo, rules, selectors
from kinerja.laporan.models import BuktiDukung, KomentarLaporan, LaporanHarian
from kinerja.organisasi.demo import DemoContext
from kinerja.organisasi.tests.factories import fresh

pytestmark = pytest.mark.django_db


def ctx_for(dunia, **shared):
    ctx = DemoContext(seed=1, n_pegawai=10, today=dt.date(2026, 6, 10), rng=random.Random("uji:laporan"),
                      password_hash="x", instansi=dunia.instansi)
    ctx.accounts = {"pegawai": dunia.staff_1.user, "atasan": dunia.kasi.user}
    ctx.shared.update(shared)
    return ctx


def test_skips_without_perencanaan_data(dunia):
    demo.seed(ctx_for(dunia))
    assert not LaporanHarian.objects.exists()


def test_three_months_of_realistic_reports(dunia_2026, settings, tmp_path):
    d = dunia_2026
    audit_before = LogEntry.objects.count()
    ctx = ctx_for(d, periode=d.periode)
    demo.seed(ctx)
    reports = list(LaporanHarian.objects.all())
    assert ctx.shared["laporan_jumlah"] == len(reports) > 100
    days = {r.tanggal for r in reports}
    assert min(days) >= dt.date(2026, 3, 10) and max(days) == dt.date(2026, 6, 10)
    assert {r.pegawai_id for r in reports} == {d.staff_1.pk, d.staff_2.pk, d.kasi.pk, d.staff_3.pk, d.staff_pupr.pk}
    statuses = {r.status for r in reports}
    assert statuses >= {"diajukan", "disetujui"} and statuses <= {"draft", "diajukan", "disetujui", "perlu_revisi"}
    assert any(r.jumlah_revisi for r in reports)
    assert set(KomentarLaporan.objects.values_list("jenis", flat=True)) >= {"revisi"}
    # every report keeps the rules: end after start, no overlap, within the cap, on the SKP, penilai set
    per_day = defaultdict(list)
    for r in reports:
        assert r.jam_selesai > r.jam_mulai and r.durasi_menit == rules.durasi_menit(r.jam_mulai, r.jam_selesai)
        assert r.skp.pegawai_id == r.pegawai_id and r.rhk.skp_id == r.skp_id
        assert r.status == "draft" or r.penilai_id
        per_day[(r.pegawai_id, r.tanggal)].append((r.jam_mulai, r.jam_selesai))
    for ranges in per_day.values():
        ranges.sort()
        assert all(a[1] <= b[0] for a, b in zip(ranges, ranges[1:], strict=False))
        assert sum(rules.durasi_menit(*x) for x in ranges) <= 12 * 60
    # a lively queue for the demo atasan and evidence for the demo pegawai
    assert selectors.antrian_jumlah(actor=fresh(d.kasi.user)) >= 3
    assert BuktiDukung.objects.filter(laporan__pegawai=d.staff_1).count() == 4
    assert LogEntry.objects.count() == audit_before  # the seed is not a user action


def test_large_regencies_are_sampled(dunia_2026, monkeypatch):
    monkeypatch.setattr(demo, "SAMPLE_MAX", 2)
    d = dunia_2026
    demo.seed(ctx_for(d, periode=d.periode))
    pegawai = set(LaporanHarian.objects.values_list("pegawai_id", flat=True))
    # the demo accounts' unit is always included (staff_1, staff_2 and the kasi share Seksi Imunisasi)
    assert {d.staff_1.pk, d.staff_2.pk, d.kasi.pk} <= pegawai and len(pegawai) == 3
