"""PermenPANRB 14/2017 (REFERENCE §3) on hand-computed cases, Krejcie–Morgan (§3.6), Bayesian smoothing, periods."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from kinerja.partisipasi import rules

# Case A, computed by hand:
#   R1 4 4 3 3 4 3 4 2 3 / R2 3 4 3 2 4 3 4 3 3 / R3 3 3 2 4 3 4 4 2 3
#   NRR = 10/3, 11/3, 8/3, 3, 11/3, 10/3, 4, 7/3, 3      Σ NRR = 87/3 = 29
#   exact 1/9: 29/9 × 25 = 80.555… → 80.56 (B);  0,111: 29 × 0,111 × 25 = 80.475 → 80.48 (B);
#   0,11: 29 × 0,11 × 25 = 79.75 (B)
CASE_A = [(4, 4, 3, 3, 4, 3, 4, 2, 3), (3, 4, 3, 2, 4, 3, 4, 3, 3), (3, 3, 2, 4, 3, 4, 4, 2, 3)]


def test_nrr_per_unsur_case_a():
    nrr = rules.nrr_per_unsur(CASE_A)
    assert nrr == [Fraction(10, 3), Fraction(11, 3), Fraction(8, 3), Fraction(3), Fraction(11, 3), Fraction(10, 3),
                   Fraction(4), Fraction(7, 3), Fraction(3)]
    assert sum(nrr) == 29


@pytest.mark.parametrize(("bobot", "expected", "huruf"), [
    (rules.BOBOT_TEPAT, Decimal("80.56"), "B"),
    (rules.BOBOT_0111, Decimal("80.48"), "B"),
    (rules.BOBOT_011, Decimal("79.75"), "B"),
])
def test_ikm_case_a_each_weight(bobot, expected, huruf):
    value = rules.ikm(rules.nrr_per_unsur(CASE_A), bobot)
    assert value == expected
    assert rules.mutu(value).huruf == huruf
    assert rules.mutu(value).kinerja == "Baik"


def test_default_weight_is_exactly_one_ninth():
    # with exactly 1/9 the index is the plain mean of NRR: 29/9
    assert rules.nilai_indeks(rules.nrr_per_unsur(CASE_A)) == Fraction(29, 9)
    assert rules.BOBOT[rules.BOBOT_TEPAT] == Fraction(1, 9)


def test_blanks_are_excluded_from_nrr():
    # R1 all 4; R2 all 2 but U9 blank. NRR U1..U8 = 3, U9 = 4 (4/1, not (4+0)/2).
    # Σ = 28 → 28/9 × 25 = 77.777… → 77.78 (B). Dividing by respondents would give U9 = 2 → 72.22 (C).
    rows = [(4,) * 9, (2,) * 8 + (None,)]
    nrr = rules.nrr_per_unsur(rows)
    assert nrr[8] == 4
    assert rules.ikm(nrr) == Decimal("77.78")
    assert rules.mutu(rules.ikm(nrr)).huruf == "B"


def test_weight_policy_changes_the_grade():
    # One respondent 4 4 4 4 4 3 3 3 3: Σ NRR = 32.
    # exact: 32/9 × 25 = 88.888… → 88.89 (A); 0,111: 32 × 2.775 = 88.80 (A); 0,11: 32 × 2.75 = 88.00 (B)
    nrr = rules.nrr_per_unsur([(4, 4, 4, 4, 4, 3, 3, 3, 3)])
    assert rules.ikm(nrr, rules.BOBOT_TEPAT) == Decimal("88.89")
    assert rules.ikm(nrr, rules.BOBOT_0111) == Decimal("88.80")
    assert rules.ikm(nrr, rules.BOBOT_011) == Decimal("88.00")
    assert [rules.mutu(rules.ikm(nrr, b)).huruf for b in rules.BOBOT] == ["A", "A", "B"]


def test_0111_rounds_below_the_a_threshold_where_exact_does_not():
    # Five respondents, 159 points over 45 answers: Σ NRR = 31.8.
    # exact: 31.8/9 × 25 = 88.333… → 88.33 (A); 0,111: 31.8 × 2.775 = 88.245 → 88.25 (B)
    rows = [(4,) * 9, (4,) * 9, (4, 4, 4, 4, 4, 4, 3, 3, 3), (3,) * 9, (3,) * 9]
    nrr = rules.nrr_per_unsur(rows)
    assert sum(nrr) == Fraction(159, 5)
    assert rules.ikm(nrr) == Decimal("88.33")
    assert rules.ikm(nrr, rules.BOBOT_0111) == Decimal("88.25")
    assert rules.mutu(rules.ikm(nrr)).huruf == "A"
    assert rules.mutu(rules.ikm(nrr, rules.BOBOT_0111)).huruf == "B"


def test_all_fours_and_all_ones():
    assert rules.ikm(rules.nrr_per_unsur([(4,) * 9])) == Decimal("100.00")
    assert rules.ikm(rules.nrr_per_unsur([(4,) * 9]), rules.BOBOT_0111) == Decimal("99.90")
    assert rules.ikm(rules.nrr_per_unsur([(4,) * 9]), rules.BOBOT_011) == Decimal("99.00")
    assert rules.ikm(rules.nrr_per_unsur([(1,) * 9])) == Decimal("25.00")
    assert rules.mutu(Decimal("25.00")).huruf == "D"


@pytest.mark.parametrize(("value", "huruf", "kinerja"), [
    ("100", "A", "Sangat baik"), ("88.31", "A", "Sangat baik"), ("88.305", "A", "Sangat baik"),
    ("88.30", "B", "Baik"), ("88.304", "B", "Baik"), ("76.61", "B", "Baik"), ("76.605", "B", "Baik"),
    ("76.604", "C", "Kurang baik"), ("76.60", "C", "Kurang baik"), ("65.00", "C", "Kurang baik"),
    ("64.995", "C", "Kurang baik"), ("64.994", "D", "Tidak baik"), ("64.99", "D", "Tidak baik"),
    ("25", "D", "Tidak baik"),
])
def test_mutu_thresholds_after_rounding_to_two_decimals(value, huruf, kinerja):
    grade = rules.mutu(Decimal(value))
    assert (grade.huruf, grade.kinerja) == (huruf, kinerja)


def test_missing_unsur_gives_no_ikm():
    assert rules.ikm(rules.nrr_per_unsur([(4,) * 8 + (None,)])) is None
    assert rules.ikm([]) is None
    assert rules.mutu(None) is None


@pytest.mark.parametrize("bad", [(5,) * 9, (0,) * 9, (4,) * 8])
def test_out_of_range_answers_are_refused(bad):
    with pytest.raises(ValueError):
        rules.nrr_per_unsur([bad])


def test_nrr_from_database_sums_matches_rows():
    sums = [sum(r[i] for r in CASE_A) for i in range(9)]
    assert rules.nrr_dari_jumlah(sums, [3] * 9) == rules.nrr_per_unsur(CASE_A)
    assert rules.nrr_dari_jumlah([None] * 9, [0] * 9) == [None] * 9


# --- Krejcie–Morgan: every value of the table in REFERENCE §3.6 ----------------------------------------------------
TABLE = [(10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40), (50, 44), (55, 48), (60, 52),
         (65, 56), (70, 59), (75, 63), (80, 66), (90, 73), (95, 76), (100, 80), (110, 86), (120, 92), (130, 97),
         (140, 103), (150, 108), (160, 113), (170, 118), (180, 123), (190, 127), (200, 132), (210, 136), (220, 140),
         (230, 144), (240, 148), (250, 152), (260, 155), (270, 159), (280, 162), (290, 165), (300, 169), (320, 175),
         (340, 181), (360, 186), (380, 191), (400, 196), (500, 217), (600, 234), (700, 248), (800, 260), (900, 269),
         (1000, 278), (1100, 285), (1200, 291), (1300, 297), (1400, 302), (1500, 306), (1600, 310), (1700, 313),
         (1800, 317), (1900, 320), (2000, 322), (2200, 327), (2400, 331), (3000, 341), (4000, 351), (5000, 357),
         (10000, 370), (20000, 377), (50000, 381), (75000, 382), (1000000, 384)]


@pytest.mark.parametrize(("populasi", "sampel"), TABLE)
def test_krejcie_morgan_table(populasi, sampel):
    assert rules.sampel_krejcie_morgan(populasi) == sampel


def test_krejcie_morgan_edges():
    assert rules.sampel_krejcie_morgan(0) == 0
    assert rules.sampel_krejcie_morgan(1) == 1
    assert rules.sampel_krejcie_morgan(10_000_000) == 384
    assert rules.progres_sampel(92, 184) == 50
    assert rules.progres_sampel(500, 184) == 100
    assert rules.progres_sampel(0, 0) == 0


# --- ratings ------------------------------------------------------------------------------------------------------


def test_bayesian_smoothing_pulls_toward_the_unit_mean():
    # two 5-star ratings, unit mean 3.5, prior weight 5: (5·3.5 + 10) / 7 = 3.928…
    assert rules.skor_bayes(10, 2, 3.5, 5) == pytest.approx(27.5 / 7)
    # many ratings dominate the prior: 100 ratings of 5 → (17.5 + 500) / 105 = 4.928…
    assert rules.skor_bayes(500, 100, 3.5, 5) == pytest.approx(517.5 / 105)
    assert rules.skor_bayes(8, 2, None, 5) == 4
    assert rules.skor_bayes(0, 0, None, 5) is None


def test_score_is_shown_only_past_the_minimum_of_independent_ratings():
    assert rules.skor_tampil(4, 5) is False
    assert rules.skor_tampil(5, 5) is True


# --- periods ------------------------------------------------------------------------------------------------------


def test_periods():
    t = rules.periode_dari_kode("2026-T2")
    assert (t.mulai, t.selesai, t.label) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30), "Triwulan II 2026")
    s = rules.periode_dari_kode("2026-s2")
    assert (s.mulai, s.selesai) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    y = rules.periode_dari_kode("2025")
    assert (y.mulai, y.selesai) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert rules.populasi_periode(1000, t) == 250
    assert [p.kode for p in rules.triwulan_terakhir(dt.date(2026, 2, 10), 3)] == ["2025-T3", "2025-T4", "2026-T1"]


@pytest.mark.parametrize("bad", ["", "26", "2026-T5", "2026-X1", "abcd", "2026-S3"])
def test_unknown_period_is_refused_in_indonesian(bad):
    with pytest.raises(ValueError, match="Periode tidak dikenal"):
        rules.periode_dari_kode(bad)
