"""Pure rules of daily reporting (no database): statuses, time ranges, the day's hour checks, the backdating
window on the working-day calendar, the local date, file names, realisasi."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest

from kinerja.laporan import rules

T = dt.time


@pytest.mark.parametrize(("dari", "ke", "boleh"), [
    ("draft", "diajukan", True),
    ("diajukan", "disetujui", True),
    ("diajukan", "perlu_revisi", True),
    ("perlu_revisi", "diajukan", True),
    ("draft", "disetujui", False),
    ("draft", "perlu_revisi", False),
    ("perlu_revisi", "disetujui", False),
    ("disetujui", "diajukan", False),
    ("disetujui", "perlu_revisi", False),
    ("disetujui", "draft", False),
])
def test_status_transitions(dari, ke, boleh):
    assert rules.boleh_pindah(dari, ke) is boleh


@pytest.mark.parametrize(("status", "boleh"), [("draft", True), ("diajukan", True), ("perlu_revisi", True),
                                               ("disetujui", False)])
def test_edit_until_approved(status, boleh):
    assert rules.dapat_diubah(status) is boleh


def test_duration_and_label():
    assert rules.durasi_menit(T(7, 30), T(9, 15)) == 105
    assert rules.durasi_menit(T(10, 0), T(9, 0)) == -60  # end before start: negative, refused by the services
    assert rules.durasi_label(105) == "1 jam 45 menit"
    assert rules.durasi_label(120) == "2 jam"
    assert rules.durasi_label(45) == "45 menit"


@pytest.mark.parametrize(("a", "b", "overlap"), [
    ((T(8), T(10)), (T(9), T(11)), True),
    ((T(8), T(10)), (T(10), T(12)), False),  # touching ends are fine
    ((T(8), T(12)), (T(9), T(10)), True),  # inside
    ((T(13), T(14)), (T(8), T(10)), False),
])
def test_overlap(a, b, overlap):
    assert rules.tumpang_tindih(a, b) is overlap
    assert rules.tumpang_tindih(b, a) is overlap


def test_day_check_passes_when_within_cap_and_disjoint():
    assert rules.cek_jam_harian((T(10), T(12)), [(T(8), T(10)), (T(13), T(15))], Decimal("12")) is None


def test_day_check_refuses_overlap():
    msg, args = rules.cek_jam_harian((T(9), T(11)), [(T(8), T(10))], Decimal("12"))
    assert msg == rules.MSG_TUMPANG_TINDIH and args == {"mulai": "08.00", "selesai": "10.00"}


def test_day_check_refuses_over_policy_cap():
    msg, args = rules.cek_jam_harian((T(14), T(19)), [(T(7), T(14))], Decimal("8"))
    assert msg == rules.MSG_LEBIH_BATAS and args == {"total": "12 jam", "batas": "8 jam"}


def test_day_check_refuses_more_than_24_hours_first():
    # 23 h already reported (overlapping reports can only be caught this way), 2 more: 25 h in one day
    msg, args = rules.cek_jam_harian((T(8), T(10)), [(T(0), T(23))], Decimal("24"))
    assert msg == rules.MSG_LEBIH_24 and args == {"total": "25 jam"}


def test_day_check_cap_is_inclusive():
    assert rules.cek_jam_harian((T(8), T(12)), [(T(12), T(16))], Decimal("8")) is None


# a fake calendar: Mon–Fri working days, 2026-03-19 and 2026-03-20 holidays (Nyepi and cuti bersama, say)
LIBUR = {dt.date(2026, 3, 19), dt.date(2026, 3, 20)}


def _hk(a: dt.date, b: dt.date) -> int:
    n, d = 0, a
    while d < b:
        d += dt.timedelta(days=1)
        if d.weekday() < 5 and d not in LIBUR:
            n += 1
    return n


@pytest.mark.parametrize(("tanggal", "hari_ini", "ok"), [
    (dt.date(2026, 3, 10), dt.date(2026, 3, 10), True),  # today
    (dt.date(2026, 3, 7), dt.date(2026, 3, 10), True),  # Saturday, 2 working days back
    (dt.date(2026, 3, 5), dt.date(2026, 3, 10), True),  # Thursday, 3 working days back (Fri, Mon, Tue)
    (dt.date(2026, 3, 4), dt.date(2026, 3, 10), False),  # Wednesday, 4 working days back
    (dt.date(2026, 3, 16), dt.date(2026, 3, 23), True),  # Tue 17, Wed 18, Mon 23: holidays 19–20 do not count
    (dt.date(2026, 3, 13), dt.date(2026, 3, 23), False),  # Mon 16, Tue 17, Wed 18, Mon 23: 4 working days
])
def test_backdating_counts_working_days(tanggal, hari_ini, ok):
    result = rules.cek_tanggal(tanggal, hari_ini, 3, _hk)
    assert (result is None) is ok
    if not ok:
        assert result == rules.MSG_TERLALU_LAMA.format(n=3)


def test_backdating_window_over_holidays_exactly():
    # 17 Mar (Tue) -> 23 Mar (Mon): Wed 18, Mon 23 are working days; 19–20 holidays, 21–22 weekend: 2 days
    assert _hk(dt.date(2026, 3, 17), dt.date(2026, 3, 23)) == 2
    assert rules.cek_tanggal(dt.date(2026, 3, 17), dt.date(2026, 3, 23), 2, _hk) is None
    assert rules.cek_tanggal(dt.date(2026, 3, 16), dt.date(2026, 3, 23), 2, _hk) == rules.MSG_TERLALU_LAMA.format(n=2)


def test_future_date_refused_and_unlock_lifts_only_backdating():
    today = dt.date(2026, 3, 10)
    assert rules.cek_tanggal(dt.date(2026, 3, 11), today, 3, _hk) == rules.MSG_TANGGAL_DEPAN
    assert rules.cek_tanggal(dt.date(2026, 3, 11), today, 3, _hk, dibuka=True) == rules.MSG_TANGGAL_DEPAN
    assert rules.cek_tanggal(dt.date(2026, 2, 2), today, 3, _hk) == rules.MSG_TERLALU_LAMA.format(n=3)
    assert rules.cek_tanggal(dt.date(2026, 2, 2), today, 3, _hk, dibuka=True) is None


def test_window_zero_means_today_only():
    assert rules.cek_tanggal(dt.date(2026, 3, 10), dt.date(2026, 3, 10), 0, _hk) is None
    assert rules.cek_tanggal(dt.date(2026, 3, 9), dt.date(2026, 3, 10), 0, _hk) is not None


@pytest.mark.parametrize(("zona", "tanggal"), [
    ("Asia/Jakarta", dt.date(2026, 3, 10)),  # WIB 06:30
    ("Asia/Makassar", dt.date(2026, 3, 10)),  # WITA 07:30
    ("Asia/Jayapura", dt.date(2026, 3, 10)),  # WIT 08:30
])
def test_local_date_is_decided_in_the_units_zone(zona, tanggal):
    now = dt.datetime(2026, 3, 9, 23, 30, tzinfo=dt.UTC)  # still 9 March in UTC
    assert rules.tanggal_lokal(now, zoneinfo.ZoneInfo(zona)) == tanggal


def test_local_date_differs_between_zones_near_midnight():
    now = dt.datetime(2026, 3, 9, 16, 30, tzinfo=dt.UTC)  # 23:30 WIB, 00:30 WITA, 01:30 WIT
    assert rules.tanggal_lokal(now, zoneinfo.ZoneInfo("Asia/Jakarta")) == dt.date(2026, 3, 9)
    assert rules.tanggal_lokal(now, zoneinfo.ZoneInfo("Asia/Makassar")) == dt.date(2026, 3, 10)
    assert rules.tanggal_lokal(now, zoneinfo.ZoneInfo("Asia/Jayapura")) == dt.date(2026, 3, 10)


@pytest.mark.parametrize(("nama", "unsafe"), [
    ("foto kegiatan.jpg", False), ("laporan (1).pdf", False), ("", False),
    ("../../etc/passwd", True), ("..\\..\\windows\\win.ini", True), ("/etc/passwd", True), ("..", True),
    ("C:\\Users\\a\\foto.jpg", True), ("foto\x00.jpg", True), ("foto\n.jpg", True),
])
def test_unsafe_file_names(nama, unsafe):
    assert rules.nama_berkas_tidak_aman(nama) is unsafe


def test_capaian():
    assert rules.capaian_persen(Decimal("30"), Decimal("120")) == Decimal("25.0")
    assert rules.capaian_persen(Decimal("1"), Decimal("3")) == Decimal("33.3")
    assert rules.capaian_persen(Decimal("5"), Decimal("0")) is None


def test_review_deadline_in_working_days():
    # submitted Thursday 5 March, policy 3 working days: overdue from Wednesday 11 March (Fri, Mon, Tue, Wed = 4)
    assert not rules.batas_tinjauan_terlewati(dt.date(2026, 3, 5), dt.date(2026, 3, 10), 3, _hk)
    assert rules.batas_tinjauan_terlewati(dt.date(2026, 3, 5), dt.date(2026, 3, 11), 3, _hk)
