"""Rules added for the evaluation workflow: the scale, required feedback, suggestions, periodic targets, the PP 46
policy, state moves, moderation flags, the keberatan window and the curve policy table as data."""

import datetime as dt

import pytest

from kinerja.penilaian import rules
from kinerja.penilaian.rules import Predikat as P
from kinerja.penilaian.rules import PredikatOrganisasi as PO
from kinerja.penilaian.rules import Rating as R


@pytest.mark.parametrize("value", ["di_atas", "sesuai", "di_bawah", R.SESUAI])
def test_ratings_on_the_scale(value):
    assert rules.parse_rating(value) == R(str(value))


@pytest.mark.parametrize("value", ["", None, "5", "sangat_baik", "Sesuai", "-1", "di atas"])
def test_ratings_outside_the_scale(value):
    assert rules.parse_rating(value) is None


def test_feedback_required_unless_sesuai():
    assert rules.umpan_balik_wajib("di_atas") and rules.umpan_balik_wajib("di_bawah")
    assert not rules.umpan_balik_wajib("sesuai")


def test_suggested_perilaku_rating_rounds_the_mean_code():
    assert rules.saran_rating_perilaku(["sesuai"] * 6 + ["di_atas"]) == R.SESUAI
    assert rules.saran_rating_perilaku(["di_atas"] * 4 + ["sesuai"] * 3) == R.DI_ATAS
    assert rules.saran_rating_perilaku(["di_bawah"] * 4 + ["sesuai"] * 3) == R.DI_BAWAH
    assert rules.saran_rating_perilaku([None, ""]) is None


def test_periodic_target_prorates_additive_aspects_only():
    assert rules.target_periode("kuantitas", 40, 3) == 10
    assert rules.target_periode("biaya", 1200, 1) == 100
    assert rules.target_periode("kualitas", 100, 3) == 100
    assert rules.target_periode("waktu", 12, 3) == 12
    with pytest.raises(ValueError):
        rules.target_periode("kuantitas", 40, 0)


def test_capaian_policy_percentage_or_pp46():
    assert rules.capaian_aspek("kuantitas", 10, 9) == pytest.approx(90)
    assert rules.capaian_aspek("waktu", 12, 10) == pytest.approx(120)  # less time is better
    assert rules.capaian_aspek("kuantitas", 10, 9, "pp46") == pytest.approx(90)
    assert rules.capaian_aspek("kualitas", 100, 90, "pp46") == pytest.approx(90)
    assert rules.capaian_aspek("waktu", 12, 12, "pp46") == pytest.approx(76)  # on target is 76 under PP 46
    assert rules.capaian_aspek("biaya", 1000, 760, "pp46") == pytest.approx(100)
    assert rules.capaian_aspek("waktu", 12, None, "pp46") == 0
    assert rules.capaian_aspek("kuantitas", 0, 5) is None


def test_pp46_thresholds_follow_the_bands():
    assert rules.saran_rating([91], rules.AMBANG_PP46) == R.DI_ATAS
    assert rules.saran_rating([76], rules.AMBANG_PP46) == R.SESUAI
    assert rules.saran_rating([75.9], rules.AMBANG_PP46) == R.DI_BAWAH


@pytest.mark.parametrize(("status", "aksi", "expected"), [
    ("draf", "nilai", "dinilai"), ("dinilai", "nilai", "dinilai"), ("difinalisasi", "nilai", None),
    ("keberatan", "nilai", None), ("diputuskan", "nilai", None),
    ("draf", "finalisasi", None), ("dinilai", "finalisasi", "difinalisasi"), ("difinalisasi", "finalisasi", None),
    ("difinalisasi", "keberatan", "keberatan"), ("dinilai", "keberatan", None), ("diputuskan", "keberatan", None),
    ("keberatan", "putuskan", "diputuskan"), ("difinalisasi", "putuskan", None),
])
def test_evaluation_state_moves(status, aksi, expected):
    assert rules.transisi_evaluasi(status, aksi) == expected


def test_next_step_in_words():
    assert rules.langkah_evaluasi("draf", False)[0] == "pegawai"
    assert rules.langkah_evaluasi("draf", True)[0] == "pejabat_penilai"
    assert rules.langkah_evaluasi("keberatan", True)[0] == "atasan_pejabat_penilai"


@pytest.mark.parametrize(("text", "flag"), [
    ("Dasar goblok, tidak pernah membantu", "kata_kasar"),
    ("Hubungi saya di 081234567890 ya", "data_pribadi"),
    ("Email saya budi@contoh.id", "data_pribadi"),
    ("NIP beliau 198501012010011001", "data_pribadi"),
    ("SANGAT TIDAK MEMBANTU DAN SELALU TERLAMBAT DATANG", "huruf_kapital"),
])
def test_comment_flags(text, flag):
    assert flag in rules.periksa_komentar(text)


def test_clean_comment_is_not_flagged():
    assert rules.periksa_komentar("Selalu membantu rekan baru memahami aplikasi dan tepat waktu.") == []


def test_keberatan_window():
    assert rules.batas_keberatan(dt.date(2026, 1, 20), 14) == dt.date(2026, 2, 3)


def test_peer_summary_needs_the_minimum():
    counts = {"akuntabel": {"di_atas": 1, "sesuai": 1, "di_bawah": 0}}
    assert rules.ringkasan_360(counts, 2) is None
    out = rules.ringkasan_360({"akuntabel": {"di_atas": 2, "sesuai": 1, "di_bawah": 0}}, 3)
    assert out["akuntabel"]["n"] == 3 and out["akuntabel"]["rerata"] == pytest.approx(0.67)
    assert rules.ringkasan_360(counts, 2, minimum=1) is not None


def test_curve_table_round_trips_as_data():
    assert rules.curve_from_data(rules.curve_to_data()) == rules.DEFAULT_CURVE
    custom = rules.curve_from_data({"baik": [{"predikat": ["baik"], "max_share": 0.5}]})
    assert custom[PO.BAIK] == (rules.CurveRule((P.BAIK,), max_share=0.5),)
    assert custom[PO.ISTIMEWA] == rules.DEFAULT_CURVE[PO.ISTIMEWA]  # untouched rows keep the defaults


@pytest.mark.parametrize("data", [
    [], {"luar_biasa": []}, {"baik": {}}, {"baik": [{"predikat": ["hebat"], "max_share": 0.5}]},
    {"baik": [{"predikat": ["baik"], "max_share": 1.5}]}, {"baik": [{"predikat": ["baik"]}]},
    {"baik": [{"predikat": ["baik"], "min_count": -1}]}, {"baik": [{"max_share": 0.5}]},
])
def test_malformed_curve_tables_are_refused(data):
    with pytest.raises(ValueError):
        rules.curve_from_data(data)
