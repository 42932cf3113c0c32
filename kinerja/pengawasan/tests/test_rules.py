"""Every pure rule of pengawasan, with its edge cases."""

import datetime as dt

import pytest

from kinerja.pengawasan import rules
from kinerja.pengawasan.rules import Ambang, Calon, Dimensi


def test_bulan_parse_and_navigation():
    assert rules.parse_bulan("2026-03") == dt.date(2026, 3, 1)
    assert rules.parse_bulan("") is None
    for bad in ("2026-13", "03-2026", "2026/03", "abc", "1999-01"):
        with pytest.raises(ValueError, match="TTTT-BB"):
            rules.parse_bulan(bad)
    assert rules.bulan_sebelumnya(dt.date(2026, 1, 1)) == dt.date(2025, 12, 1)
    assert rules.bulan_sebelumnya(dt.date(2026, 3, 1), 5) == dt.date(2025, 10, 1)
    assert rules.akhir_bulan(dt.date(2024, 2, 10)) == dt.date(2024, 2, 29)
    assert rules.awal_minggu(dt.date(2026, 11, 29)) == dt.date(2026, 11, 23)


def test_kepatuhan_and_lagging_unit():
    assert rules.kepatuhan(45, 3, 20) == 75.0
    assert rules.kepatuhan(10, 3, 0) is None  # no working day yet this month
    assert rules.tertinggal_unit(69.9) is True
    assert rules.tertinggal_unit(70.0) is False
    assert rules.tertinggal_unit(None) is False
    assert rules.tertinggal_unit(79, Ambang(ambang_kepatuhan_persen=80)) is True


def test_linear_schedule():
    mulai, selesai = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    assert rules.porsi_jadwal(mulai, selesai, dt.date(2025, 12, 31)) == 0
    assert rules.porsi_jadwal(mulai, selesai, dt.date(2026, 12, 31)) == 1
    assert rules.porsi_jadwal(mulai, selesai, dt.date(2027, 3, 1)) == 1
    assert rules.porsi_jadwal(mulai, selesai, dt.date(2026, 7, 2)) == pytest.approx(183 / 365)
    # half the year gone, half the target done: exactly on schedule
    assert rules.jadwal_persen(60, 120, 0.5) == 100.0
    assert rules.jadwal_persen(30, 120, 0.5) == 50.0
    assert rules.jadwal_persen(1000, 120, 0.5) == rules.CAPAIAN_MAKS  # capped
    assert rules.capaian_persen(60, 120) == 50.0
    assert rules.capaian_persen(5, 0) == 0.0


def test_indicator_behind_by_more_than_x_percent():
    a = Ambang(indikator_tertinggal_persen=25)
    assert rules.indikator_tertinggal(74.9, a) is True
    assert rules.indikator_tertinggal(75.0, a) is False
    assert rules.indikator_tertinggal(60, Ambang(indikator_tertinggal_persen=50)) is False


def test_ikm_drop_needs_points_and_respondents():
    a = Ambang(ikm_turun_poin=5, ikm_min_responden=30)
    assert rules.ikm_turun(85.0, 79.0, 40, 40, a) is True
    assert rules.ikm_turun(85.0, 80.5, 40, 40, a) is False  # only 4.5 points
    assert rules.ikm_turun(85.0, 70.0, 40, 10, a) is False  # too few respondents
    assert rules.ikm_turun(None, 70.0, 40, 40, a) is False
    assert rules.ikm_turun(70.0, 85.0, 40, 40, a) is False  # a rise


def test_normalisation_and_fingerprint_survive_changed_numbers():
    a = rules.normalisasi("Kunjungan rumah ke 12 keluarga di Dusun Karang, 3 Maret!")
    b = rules.normalisasi("kunjungan  rumah ke 15 keluarga di dusun karang 4 maret")
    assert a == b == "kunjungan rumah ke keluarga di dusun karang maret"
    assert rules.kunci_sidik(a) == rules.kunci_sidik(b)
    assert len(rules.kunci_sidik("dua kata")) == 3
    assert rules.jumlah_kata(a) == 8
    assert rules.kemiripan(a, b) == 100.0
    assert rules.kemiripan(a, rules.normalisasi("rapat koordinasi bidang anggaran tahun depan")) < 60


def test_reordered_copy_still_matches():
    a = rules.normalisasi("mengukur tinggi badan balita dan memberikan edukasi gizi kepada ibu")
    b = rules.normalisasi("memberikan edukasi gizi kepada ibu dan mengukur tinggi badan balita")
    assert rules.kemiripan(a, b) >= 90


def test_implausible_hours():
    a = Ambang(jam_harian_maks=12, jam_min_hari=2)
    days = {dt.date(2026, 3, 2): 14 * 60, dt.date(2026, 3, 3): 12 * 60, dt.date(2026, 3, 4): 13 * 60}
    assert list(rules.hari_jam_berlebih(days, a)) == [dt.date(2026, 3, 2), dt.date(2026, 3, 4)]
    assert rules.jam_tidak_wajar(days, a) is True
    assert rules.jam_tidak_wajar({dt.date(2026, 3, 2): 14 * 60}, a) is False  # once is not "often"


def test_backfill_burst_before_deadline():
    a = Ambang(mundur_min_laporan=8, mundur_min_hari=5, mundur_hari_sebelum_batas=5)
    kirim = dt.date(2026, 9, 28)
    lama = [dt.date(2026, 9, d) for d in range(1, 11)]
    batas = [dt.date(2026, 9, 30), dt.date(2026, 12, 31)]
    assert rules.mundur_massal(lama, kirim, batas, a) == dt.date(2026, 9, 30)
    assert rules.mundur_massal(lama[:7], kirim, batas, a) is None  # too few
    assert rules.mundur_massal(lama, kirim, [dt.date(2026, 10, 20)], a) is None  # no deadline near
    recent = [dt.date(2026, 9, 25)] * 10
    assert rules.mundur_massal(recent, kirim, batas, a) is None  # not backdated


def test_rubber_stamp_pattern():
    a = Ambang(kilat_detik=10, kilat_min_laporan=20, kilat_porsi_persen=80)
    t0 = dt.datetime(2026, 7, 20, 7, 30, tzinfo=dt.UTC)
    bursts = [(t0 + dt.timedelta(seconds=3 * i), True) for i in range(30)]
    pola = rules.pola_persetujuan(bursts, a)
    assert (pola.n, pola.disetujui, pola.revisi, pola.beruntun, pola.median_detik) == (30, 30, 0, 29, 3.0)
    assert rules.stempel_karet(pola, a) is True
    with_revision = bursts[:-1] + [(t0 + dt.timedelta(hours=1), False)]
    assert rules.stempel_karet(rules.pola_persetujuan(with_revision, a), a) is False  # not 100 %
    slow = [(t0 + dt.timedelta(minutes=5 * i), True) for i in range(30)]
    assert rules.stempel_karet(rules.pola_persetujuan(slow, a), a) is False  # read one by one
    assert rules.stempel_karet(rules.pola_persetujuan(bursts[:10], a), a) is False  # too few


def test_distance_and_usual_place():
    assert rules.jarak_km(-1.6015, 103.6131, -1.6015, 103.6131) == 0
    # one degree of latitude is about 111 km
    assert rules.jarak_km(-1.0, 103.0, -2.0, 103.0) == pytest.approx(111.2, abs=0.2)
    assert rules.titik_tengah([(0, 0), (1, 1), (2, 2), (50, 50)]) == (1.5, 1.5)
    assert rules.titik_tengah([]) is None


def test_sample_is_deterministic_half_risk_stratified():
    per_opd = {1: list(range(100, 130)), 2: list(range(200, 205)), 3: []}
    risiko = [1, 2, 3, 4, 5, 6, 7, 8]
    a = rules.sampel(risiko, per_opd, 10, "1:2026-11-23")
    assert a == rules.sampel(risiko, per_opd, 10, "1:2026-11-23")
    assert len(a) == 10 and len({x for x, _ in a}) == 10
    assert sum(1 for _, r in a if r == "risiko") == 5
    acak = [x for x, r in a if r == "acak"]
    assert any(200 <= x < 205 for x in acak) and any(100 <= x < 130 for x in acak)  # each OPD in turn
    assert rules.sampel(risiko, per_opd, 10, "1:2026-11-30") != a
    assert len(rules.sampel([], {1: [1, 2]}, 10, "x")) == 2  # fewer reports than asked


def test_strengths_and_development_areas_summary():
    dims = [Dimensi("atasan:kolaboratif", "Kolaboratif (penilaian atasan)", 100, 50, "atasan"),
            Dimensi("capaian", "Capaian hasil kerja terhadap jadwal", 80, 78, "laporan"),
            Dimensi("atasan:adaptif", "Adaptif (penilaian atasan)", 0, 50, "atasan"),
            Dimensi("warga", "Penilaian warga atas layanan", 60, None, "warga")]
    kuat, area = rules.kekuatan_dan_area(dims)
    assert [d.kode for d in kuat] == ["atasan:kolaboratif"]
    assert [d.kode for d in area] == ["atasan:adaptif"]
    assert rules.ringkasan_profil(kuat, area) == ("Kekuatan: Kolaboratif (penilaian atasan); Area pengembangan: "
                                                  "Adaptif (penilaian atasan).")
    assert rules.ringkasan_profil([], []).startswith("Kekuatan: belum menonjol")


def test_comparable_positions_and_indicator_groups():
    assert rules.kelompok_jabatan("Perawat Terampil", "terampil") == "perawat terampil (terampil)"
    assert rules.kelompok_jabatan("Pengolah Data", "") == "pengolah data"
    assert rules.kunci_indikator("Jumlah bayi diimunisasi", "bayi") == rules.kunci_indikator(
        "jumlah  bayi diimunisasi.", "Bayi")
    assert rules.kunci_indikator("Jumlah bayi diimunisasi", "bayi") != rules.kunci_indikator(
        "Jumlah bayi diimunisasi", "dosis")


def test_top_performer_method():
    calon = [Calon(1, 130, 40), Calon(2, 130, 50), Calon(3, 90, 60), Calon(4, 150, 5), Calon(5, 110, 12),
             Calon(6, 101, 30)]
    top, med = rules.peringkat_teladan(calon)
    assert med == 120.0
    # 4 has too few approved reports; 3 is below schedule; ties broken by more reports
    assert [(r, c.pegawai_id) for r, c in top] == [(1, 2), (2, 1), (3, 5)]
    assert rules.peringkat_teladan(calon[:4]) == ([], None)  # group too small
    assert any("200%" in s for s in rules.metode_teladan())


def test_warning_transitions():
    assert rules.boleh_pindah("terbuka", "diakui") and rules.boleh_pindah("terbuka", "selesai")
    assert rules.boleh_pindah("diakui", "selesai")
    assert not rules.boleh_pindah("diakui", "diakui") and not rules.boleh_pindah("selesai", "terbuka")
