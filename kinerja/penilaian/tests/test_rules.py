from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.penilaian import rules
from kinerja.penilaian.rules import Predikat as P
from kinerja.penilaian.rules import PredikatOrganisasi as PO
from kinerja.penilaian.rules import Rating as R

# §1.6 — every cell of the 3×3 matrix
MATRIX_CELLS = [
    (R.DI_ATAS, R.DI_BAWAH, P.KURANG), (R.DI_ATAS, R.SESUAI, P.BAIK), (R.DI_ATAS, R.DI_ATAS, P.SANGAT_BAIK),
    (R.SESUAI, R.DI_BAWAH, P.KURANG), (R.SESUAI, R.SESUAI, P.BAIK), (R.SESUAI, R.DI_ATAS, P.BAIK),
    (R.DI_BAWAH, R.DI_BAWAH, P.SANGAT_KURANG), (R.DI_BAWAH, R.SESUAI, P.BUTUH_PERBAIKAN),
    (R.DI_BAWAH, R.DI_ATAS, P.BUTUH_PERBAIKAN),
]


@pytest.mark.parametrize(("hk", "pk", "expected"), MATRIX_CELLS, ids=[f"HK {h}, PK {p}" for h, p, _ in MATRIX_CELLS])
def test_matrix_cell(hk, pk, expected):
    assert rules.predikat_kinerja(hk, pk) == expected
    assert rules.predikat_kinerja(str(hk), str(pk)) == expected


def test_matrix_rules_of_thumb():
    for hk in R:
        assert rules.predikat_kinerja(hk, R.DI_BAWAH) in (P.KURANG, P.SANGAT_KURANG)
    assert [rules.predikat_kinerja(h, p) for h in R for p in R].count(P.SANGAT_BAIK) == 1
    assert rules.PREDIKAT_LABEL[P.KURANG] == "Kurang/Misconduct"


def test_invalid_rating_is_refused():
    with pytest.raises(ValueError):
        rules.predikat_kinerja("luar_biasa", "sesuai")


# §1.7 — the distribution curve
def test_baik_organisation_caps_baik_at_70_percent_and_needs_bp_or_k():
    ok = {P.BAIK: 7, P.SANGAT_BAIK: 2, P.BUTUH_PERBAIKAN: 1}
    assert rules.check_curve(ok, PO.BAIK) == []
    too_many_baik = {P.BAIK: 8, P.SANGAT_BAIK: 1, P.BUTUH_PERBAIKAN: 1}
    v = rules.check_curve(too_many_baik, PO.BAIK)
    assert len(v) == 1 and v[0].allowed == 7 and "Baik paling banyak 70%" in v[0].message
    nobody_low = {P.BAIK: 7, P.SANGAT_BAIK: 3}
    v = rules.check_curve(nobody_low, PO.BAIK)
    assert len(v) == 1 and v[0].rule.min_count == 1


def test_istimewa_caps_sangat_baik():
    assert rules.check_curve({P.SANGAT_BAIK: 7, P.BAIK: 3}, PO.ISTIMEWA) == []
    assert len(rules.check_curve({P.SANGAT_BAIK: 8, P.BAIK: 2}, PO.ISTIMEWA)) == 1


def test_butuh_perbaikan_organisation():
    assert rules.check_curve({P.BUTUH_PERBAIKAN: 6, P.BAIK: 3, P.SANGAT_BAIK: 1}, PO.BUTUH_PERBAIKAN) == []
    v = rules.check_curve({P.BUTUH_PERBAIKAN: 5, P.BAIK: 3, P.SANGAT_BAIK: 2}, PO.BUTUH_PERBAIKAN)
    assert {x.rule.predikat for x in v} == {(P.BUTUH_PERBAIKAN,), (P.SANGAT_BAIK,)}


def test_kurang_organisation():
    assert rules.check_curve({P.KURANG: 6, P.BUTUH_PERBAIKAN: 1, P.BAIK: 2, P.SANGAT_BAIK: 1}, PO.KURANG) == []
    v = rules.check_curve({P.KURANG: 6, P.BAIK: 4}, PO.KURANG)
    assert [x.rule.predikat for x in v] == [(P.BUTUH_PERBAIKAN,)]


def test_sangat_kurang_allows_no_sangat_baik_at_all():
    v = rules.check_curve({P.SANGAT_KURANG: 6, P.KURANG: 3, P.SANGAT_BAIK: 1}, PO.SANGAT_KURANG)
    assert len(v) == 1 and "tidak boleh ada Sangat Baik" in v[0].message
    assert rules.check_curve({P.SANGAT_KURANG: 6, P.KURANG: 1, P.BUTUH_PERBAIKAN: 2, P.BAIK: 1},
                             PO.SANGAT_KURANG) == []


def test_rounding_policy_for_small_groups():
    # 3 people under a Baik organisation: floor(2.1) = 2 may be Baik
    assert rules.allowed_counts(rules.DEFAULT_CURVE[PO.BAIK][0], 3) == (None, 2)
    # 10 × 60 % is exactly 6 (no floating-point 5.999…)
    assert rules.allowed_counts(rules.DEFAULT_CURVE[PO.BUTUH_PERBAIKAN][0], 10) == (6, None)
    # a policy may round minima down instead
    assert rules.allowed_counts(rules.DEFAULT_CURVE[PO.KURANG][1], 7, rules.Rounding(minima="floor")) == (0, None)
    assert rules.allowed_counts(rules.DEFAULT_CURVE[PO.KURANG][1], 7) == (1, None)


def test_custom_policy_table():
    policy = {**rules.DEFAULT_CURVE, PO.BAIK: (rules.CurveRule((P.BAIK,), max_share=0.5),)}
    assert len(rules.check_curve({P.BAIK: 6, P.SANGAT_BAIK: 4}, PO.BAIK, policy=policy)) == 1
    assert rules.check_curve({}, PO.BAIK) == []


# §1.8 — annual predikat policy
def test_annual_predikat_rules():
    periodic = [P.BAIK, P.BUTUH_PERBAIKAN, P.BAIK, P.SANGAT_BAIK]
    assert rules.predikat_tahunan(periodic) == P.SANGAT_BAIK
    assert rules.predikat_tahunan(periodic, "modus") == P.BAIK
    assert rules.predikat_tahunan(periodic, "terburuk") == P.BUTUH_PERBAIKAN
    assert rules.predikat_tahunan([P.BAIK, P.KURANG], "modus") == P.KURANG  # tie: the later one
    assert rules.predikat_tahunan([]) is None


# §1.12 — angka kredit, the reference's worked examples
def test_angka_kredit_worked_examples():
    assert rules.angka_kredit(P.SANGAT_BAIK, "ahli_pertama") == Decimal("18.75")
    assert rules.angka_kredit(P.BAIK, "ahli_pertama", bulan=2) == Decimal("2.08")
    assert rules.angka_kredit(P.BAIK, "ahli_madya") == Decimal("37.50")
    assert rules.angka_kredit(P.SANGAT_KURANG, "ahli_pertama") == Decimal("3.13")
    with pytest.raises(ValueError):
        rules.angka_kredit(P.BAIK, "ahli_pertama", bulan=13)


# §2 — PP 46/2011
def test_pp46_waktu_on_target_gives_76():
    assert rules.capaian_pp46_waktu(12, 12) == pytest.approx(76)


def test_pp46_waktu_faster_up_to_24_percent_scores_up_to_100():
    assert rules.capaian_pp46_waktu(12, 9.12) == pytest.approx(100)  # 24 % faster
    assert rules.capaian_pp46_waktu(12, 10) == pytest.approx((1.76 * 12 - 10) / 12 * 100)


def test_pp46_waktu_late_scores_below_76_and_not_done_scores_0():
    assert rules.capaian_pp46_waktu(12, 14) < 76
    assert rules.capaian_pp46_waktu(12, None) == 0


def test_pp46_waktu_more_than_24_percent_faster_is_penalised():
    assert rules.capaian_pp46_waktu(12, 6) == pytest.approx(50)  # the reference's DERIVED example


def test_pp46_biaya_uses_the_same_rule():
    assert rules.capaian_pp46_biaya(1000, 1000) == pytest.approx(76)
    assert rules.capaian_pp46_biaya(1000, 760) == pytest.approx(100)


def test_pp46_task_value_and_bands():
    assert rules.nilai_capaian_pp46(100, 90, 76) == pytest.approx(88.6667, abs=1e-3)
    assert rules.nilai_capaian_pp46(100, 90, 76, 76) == pytest.approx(85.5)
    assert [rules.sebutan_pp46(x) for x in (91, 90.99, 76, 75.9, 61, 60.5, 51, 50.99)] == [
        "Sangat Baik", "Baik", "Baik", "Cukup", "Cukup", "Kurang", "Kurang", "Buruk"]
    assert rules.nilai_prestasi_pp46(80, 90) == pytest.approx(84)


# decision support
def test_capaian_percent_per_aspect():
    assert rules.capaian_persen("kuantitas", 100, 80) == 80
    assert rules.capaian_persen("waktu", 12, 10) == pytest.approx(120)
    assert rules.capaian_persen("biaya", 1000, None) is None
    assert rules.capaian_persen("kuantitas", 100, None) == 0


def test_suggested_rating():
    assert rules.saran_rating([120, 115]) == R.DI_ATAS
    assert rules.saran_rating([100, 90]) == R.SESUAI
    assert rules.saran_rating([60, 80]) == R.DI_BAWAH
    assert rules.saran_rating([500, 50]) == R.SESUAI  # capped at 150 %: (150 + 50) / 2 = 100
    assert rules.saran_rating([None]) is None


@given(st.lists(st.sampled_from(list(P)), min_size=1, max_size=60), st.sampled_from(list(PO)))
@settings(suppress_health_check=[HealthCheck.too_slow])  # a busy shared machine must not fail a pure test
def test_curve_check_never_crashes_and_reports_counts_consistently(values, organisasi):
    counts = {p: values.count(p) for p in set(values)}
    for v in rules.check_curve(counts, organisasi):
        assert v.actual == sum(counts.get(p, 0) for p in v.rule.predikat)
