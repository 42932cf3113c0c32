"""Every pure rule of pelatihan: rotating check-in codes, check-in window, quiz score, certificate entitlement,
survey summary thresholds, lagging-unit reasons, week and JP helpers."""

import datetime as dt

import pytest

from kinerja.pelatihan import rules

RAHASIA = "a" * 64
T0 = 1_800_000_000.0  # a fixed instant


def test_token_and_code_shape():
    token = rules.token_presensi(RAHASIA, 7, rules.langkah(T0))
    kode = rules.kode_presensi(RAHASIA, 7, rules.langkah(T0))
    assert len(token) == rules.PANJANG_TOKEN and token.isalnum() and token == token.lower()
    assert len(kode) == 6 and kode.isdigit()


def test_code_depends_on_secret_session_and_step():
    step = rules.langkah(T0)
    base = rules.kode_presensi(RAHASIA, 7, step)
    assert rules.kode_presensi("b" * 64, 7, step) != base or rules.token_presensi("b" * 64, 7, step) != \
        rules.token_presensi(RAHASIA, 7, step)
    assert rules.token_presensi(RAHASIA, 8, step) != rules.token_presensi(RAHASIA, 7, step)
    assert rules.token_presensi(RAHASIA, 7, step + 1) != rules.token_presensi(RAHASIA, 7, step)


@pytest.mark.parametrize("umur_langkah", [0, 1, 2, 3])
def test_current_and_recent_codes_are_accepted(umur_langkah):
    step = rules.langkah(T0) - umur_langkah
    for f in (rules.token_presensi, rules.kode_presensi):
        assert rules.cocokkan_presensi(RAHASIA, 7, f(RAHASIA, 7, step), T0)


@pytest.mark.parametrize("umur_langkah", [4, 10, -1])
def test_old_and_future_codes_are_refused(umur_langkah):
    """A photo forwarded by chat stops working after ~2 minutes; a code of the next step is not valid yet."""
    step = rules.langkah(T0) - umur_langkah
    for f in (rules.token_presensi, rules.kode_presensi):
        assert not rules.cocokkan_presensi(RAHASIA, 7, f(RAHASIA, 7, step), T0)


def test_code_of_another_session_is_refused():
    step = rules.langkah(T0)
    assert not rules.cocokkan_presensi(RAHASIA, 7, rules.token_presensi(RAHASIA, 8, step), T0)


@pytest.mark.parametrize("masukan", ["", "   ", "000000x", "1234567890123"])
def test_garbage_is_refused(masukan):
    assert not rules.cocokkan_presensi(RAHASIA, 7, masukan, T0)


def test_code_is_tolerant_of_spaces_and_case():
    step = rules.langkah(T0)
    kode = rules.kode_presensi(RAHASIA, 7, step)
    assert rules.cocokkan_presensi(RAHASIA, 7, f" {kode[:3]} {kode[3:]} ", T0)
    assert rules.cocokkan_presensi(RAHASIA, 7, rules.token_presensi(RAHASIA, 7, step).upper(), T0)


def test_check_in_window():
    mulai = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    selesai = mulai + dt.timedelta(hours=2)
    assert rules.presensi_terbuka(mulai - dt.timedelta(minutes=30), mulai, selesai)
    assert not rules.presensi_terbuka(mulai - dt.timedelta(minutes=31), mulai, selesai)
    assert rules.presensi_terbuka(selesai + dt.timedelta(minutes=30), mulai, selesai)
    assert not rules.presensi_terbuka(selesai + dt.timedelta(minutes=31), mulai, selesai)


@pytest.mark.parametrize(("jawaban", "nilai"), [
    ({1: 0, 2: 1, 3: 2}, 100),
    ({1: 0, 2: 1, 3: 0}, 67),  # 66.67 rounds half up to 67
    ({1: 0}, 33),  # unanswered questions count as wrong
    ({}, 0),
    ({1: 1, 2: 0, 3: 0}, 0),
])
def test_quiz_score(jawaban, nilai):
    assert rules.nilai_kuis(jawaban, {1: 0, 2: 1, 3: 2}) == nilai


def test_quiz_score_rounds_half_up_and_empty_key():
    assert rules.nilai_kuis({1: 0}, {1: 0, 2: 0}) == 50
    assert rules.nilai_kuis({1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0}, dict.fromkeys(range(1, 9), 0)) == 88  # 87.5
    assert rules.nilai_kuis({1: 0}, {}) == 0


@pytest.mark.parametrize(("nilai", "batas", "lulus"), [(70, 70, True), (69, 70, False), (100, 100, True),
                                                       (0, 0, True)])
def test_pass_mark(nilai, batas, lulus):
    assert rules.lulus_kuis(nilai, batas) is lulus


@pytest.mark.parametrize(("hadir", "ada_kuis", "lulus", "selesai", "berhak"), [
    (True, False, None, True, True),
    (True, True, True, True, True),
    (True, True, False, True, False),
    (True, True, None, True, False),
    (False, False, None, True, False),
    (True, False, None, False, False),  # not before the session has ended
])
def test_certificate_entitlement(hadir, ada_kuis, lulus, selesai, berhak):
    assert rules.berhak_sertifikat(hadir=hadir, ada_kuis=ada_kuis, lulus=lulus, sesi_selesai=selesai) is berhak


def test_certificate_number():
    assert rules.nomor_sertifikat(2026, 12, 3) == "0003/SERT-KINERJA/0012/2026"


@pytest.mark.parametrize(("value", "ok"), [(1, True), (5, True), (0, False), (6, False), (True, False),
                                           ("3", False), (None, False), (3.0, False)])
def test_scale(value, ok):
    assert rules.skala_sah(value) is ok


def test_survey_summary_hidden_under_minimum():
    rows = [(5, 4, 3)] * 4
    hidden = rules.ringkas_survei(rows, minimum=5)
    assert not hidden.tampil and hidden.jumlah == 4 and hidden.rata["kegunaan"] is None
    shown = rules.ringkas_survei(rows + [(1, 2, 3)], minimum=5)
    assert shown.tampil
    assert shown.rata == {"kegunaan": 4.2, "keadilan": 3.6, "kemudahan": 3.0}
    assert shown.setuju == {"kegunaan": 80, "keadilan": 80, "kemudahan": 0}


def test_survey_minimum_never_below_absolute_floor():
    """A round configured with a minimum of 1 still hides groups of 1 or 2 answers."""
    assert not rules.ringkas_survei([(5, 5, 5)] * 2, minimum=1).tampil
    assert rules.ringkas_survei([(5, 5, 5)] * rules.MIN_TAMPIL_MUTLAK, minimum=1).tampil


def test_quarterly_rounds():
    assert rules.putaran_berikut(dt.date(2026, 4, 14)) == dt.date(2026, 4, 1)
    assert rules.putaran_berikut(dt.date(2026, 5, 1)) is None


def test_week_start():
    assert rules.awal_minggu(dt.date(2026, 11, 29)) == dt.date(2026, 11, 23)  # Sunday -> Monday before
    assert rules.awal_minggu(dt.date(2026, 11, 23)) == dt.date(2026, 11, 23)


def test_percent_and_median():
    assert rules.persen(1, 3) == 33 and rules.persen(2, 3) == 67 and rules.persen(0, 0) is None
    assert rules.median([]) is None and rules.median([1, 2, 30]) == 2 and rules.median([1, 2]) == 1.5


def test_jp_progress():
    assert rules.persen_jp(10) == 50 and rules.persen_jp(40) == 100 and rules.persen_jp(0) == 0


def _alasan(**kw):
    base = {"jumlah_pegawai": 10, "aktif": 8, "laporan_target": 50, "laporan_terisi": 40, "umpan_balik_jam": 24.0,
            "skp_disetujui": 9, "terlatih": 5}
    base.update(kw)
    return rules.alasan_tertinggal(**base)


def test_healthy_unit_has_no_reason():
    assert _alasan() == []


@pytest.mark.parametrize(("kw", "alasan"), [
    ({"aktif": 5}, ["aktif"]),  # 50 % < 60 %
    ({"aktif": 6}, []),  # 60 % is not below
    ({"laporan_terisi": 29}, ["kepatuhan"]),  # 58 % < 60 %
    ({"umpan_balik_jam": 72.5}, ["umpan_balik"]),
    ({"umpan_balik_jam": 72.0}, []),
    ({"skp_disetujui": 7}, ["skp"]),  # 70 % < 80 %
    ({"terlatih": 2}, ["terlatih"]),  # 20 % < 30 %
    ({"aktif": 1, "laporan_terisi": 0}, ["aktif", "kepatuhan"]),
])
def test_lagging_reasons(kw, alasan):
    assert _alasan(**kw) == alasan


def test_figures_that_cannot_be_computed_do_not_count():
    assert _alasan(laporan_target=0, laporan_terisi=0, umpan_balik_jam=None) == []
    assert _alasan(skp_disetujui=0, skp_berlaku=False) == []  # before the SKP deadline


def test_small_units_are_never_flagged():
    assert _alasan(jumlah_pegawai=2, aktif=0, laporan_terisi=0, skp_disetujui=0, terlatih=0) == []


def test_training_coverage_alone_does_not_flag():
    assert rules.tertinggal(["terlatih"]) is False
    assert rules.tertinggal(["terlatih", "kepatuhan"]) is True


def test_every_reason_has_label_short_label_and_fokus():
    for kode in ("aktif", "kepatuhan", "umpan_balik", "skp", "terlatih"):
        assert kode in rules.ALASAN_LABEL and kode in rules.ALASAN_SINGKAT
        assert rules.FOKUS_UNTUK_ALASAN[kode] in rules.FOKUS_KODE


def test_fokus_covers_the_seven_berakhlak_values():
    for kode in ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"):
        assert kode in rules.FOKUS_KODE
