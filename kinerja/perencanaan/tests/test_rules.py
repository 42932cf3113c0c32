import datetime as dt
from decimal import Decimal

import pytest

from kinerja.perencanaan import rules


def test_berakhlak_has_seven_values_and_twenty_one_guides():
    assert len(rules.BERAKHLAK) == 7
    assert sum(len(p) for *_x, p in rules.BERAKHLAK) == 21
    assert [n for _k, n, _d, _p in rules.BERAKHLAK] == [
        "Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"]


def test_adaptif_c_is_proaktif_not_positif():
    assert rules.panduan_perilaku("adaptif")[2] == "bertindak proaktif"


def test_default_expectation_letters_the_guides():
    text = rules.ekspektasi_default("kompeten")
    assert text.startswith("a. meningkatkan kompetensi diri") and "c. melaksanakan tugas dengan kualitas terbaik" in text


# --- period states (REFERENCE.md §1.2) -------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "aksi", "boleh"), [
    ("perencanaan", "skp", True), ("berjalan", "skp", True), ("evaluasi", "skp", False), ("ditutup", "skp", False),
    ("perencanaan", "laporan", False), ("berjalan", "laporan", True), ("evaluasi", "laporan", True),
    ("ditutup", "laporan", False), ("perencanaan", "penilaian", False), ("evaluasi", "penilaian", True),
    ("ditutup", "penilaian", False), ("ditutup", "sasaran_organisasi", False),
])
def test_period_guard_table(status, aksi, boleh):
    assert rules.periode_mengizinkan(status, aksi) is boleh
    if not boleh:
        assert "2026" in rules.pesan_periode_menolak(status, aksi, 2026)


def test_period_moves_one_step_forward_and_stops_when_closed():
    assert rules.status_periode_berikut("perencanaan") == "berjalan"
    assert rules.status_periode_berikut("berjalan") == "evaluasi"
    assert rules.status_periode_berikut("evaluasi") == "ditutup"
    assert rules.status_periode_berikut("ditutup") is None


def test_quarterly_windows_plus_a_separate_annual_one():
    w = rules.jendela_evaluasi(2026, "triwulanan")
    assert [x[1] for x in w] == ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Evaluasi Tahunan"]
    assert [(x[2], x[3]) for x in w[:4]] == [(1, 3), (4, 6), (7, 9), (10, 12)]
    assert [x[4] for x in w] == [False, False, False, False, True]


def test_monthly_windows():
    w = rules.jendela_evaluasi(2026, "bulanan")
    assert len(w) == 13 and w[0][1] == "Bulan Januari" and w[11][2:4] == (12, 12) and w[12][4]
    with pytest.raises(ValueError):
        rules.jendela_evaluasi(2026, "semesteran")


# --- SKP workflow (REFERENCE.md §1.3) -------------------------------------------------------------------------------
@pytest.mark.parametrize(("status", "aksi", "hasil"), [
    ("draft", "ajukan", "diajukan"), ("dikembalikan", "ajukan", "diajukan"), ("diajukan", "ajukan", None),
    ("disetujui", "ajukan", None), ("diajukan", "kembalikan", "dikembalikan"), ("draft", "kembalikan", None),
    ("diajukan", "setujui", "disetujui"), ("dikembalikan", "setujui", None), ("disetujui", "revisi", "draft"),
    ("draft", "revisi", None),
])
def test_skp_transitions(status, aksi, hasil):
    assert rules.transisi_skp(status, aksi) == hasil


def test_who_acts_next():
    assert rules.langkah_berikut("draft")[0] == "pegawai"
    assert rules.langkah_berikut("diajukan")[0] == "pejabat_penilai"
    assert rules.langkah_berikut("dikembalikan")[0] == "pegawai"
    assert rules.langkah_berikut("disetujui")[0] == ""


# --- indicators -------------------------------------------------------------------------------------------------------
def _i(**kw):
    base = {"aspek": "kuantitas", "teks": "Jumlah dokumen", "target": Decimal("10"), "satuan": "dokumen",
            "perspektif": ""}
    return {**base, **kw}


def test_valid_indicators_have_no_errors():
    assert rules.periksa_indikator([_i(), _i(aspek="kualitas", target=Decimal("100"), satuan="%")], jpt=False) == {}


@pytest.mark.parametrize(("item", "field", "message"), [
    (_i(target=Decimal("0")), "target", rules.MSG_TARGET_POSITIF),
    (_i(target=Decimal("-5")), "target", rules.MSG_TARGET_POSITIF),
    (_i(target=None), "target", rules.MSG_TARGET_POSITIF),
    (_i(satuan=""), "satuan", rules.MSG_SATUAN_WAJIB),
    (_i(satuan="   "), "satuan", rules.MSG_SATUAN_WAJIB),
    (_i(teks=""), "teks", rules.MSG_TEKS_INDIKATOR_WAJIB),
    (_i(aspek="manfaat"), "aspek", rules.MSG_ASPEK_TIDAK_DIKENAL),
])
def test_bad_indicator(item, field, message):
    assert rules.periksa_indikator([item], jpt=False) == {f"indikator.0.{field}": [message]}


def test_indicator_rules_list_and_aspect_and_perspective():
    assert rules.periksa_indikator([], jpt=False) == {"indikator": [rules.MSG_INDIKATOR_MINIMAL]}
    assert rules.periksa_indikator([_i(), _i()], jpt=False) == {"indikator.1.aspek": [rules.MSG_ASPEK_GANDA]}
    assert rules.periksa_indikator([_i()], jpt=True) == {"indikator.0.perspektif": [rules.MSG_PERSPEKTIF_WAJIB]}
    assert rules.periksa_indikator([_i(perspektif="anggaran")], jpt=True) == {}


def test_cycle_detection():
    parents = {3: 2, 2: 1, 1: None}
    assert not rules.membentuk_siklus(3, parents, {9})
    assert rules.membentuk_siklus(3, parents, {1})
    assert rules.membentuk_siklus(1, {1: 2, 2: 1}, set())  # a loop in the data itself


def test_document_title_and_period_line():
    assert rules.judul_dokumen_skp("ja_jf", "kuantitatif") == (
        "SASARAN KINERJA PEGAWAI", "PENDEKATAN HASIL KERJA KUANTITATIF BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL")
    assert rules.judul_dokumen_skp("jpt", "kualitatif")[1] == "PENDEKATAN HASIL KERJA KUALITATIF BAGI PEJABAT PIMPINAN TINGGI"
    assert rules.baris_periode_penilaian(dt.date(2022, 1, 1), dt.date(2022, 12, 31)) == \
        "PERIODE PENILAIAN: 01 JANUARI SD 31 DESEMBER TAHUN 2022"
    assert rules.baris_periode_penilaian(dt.date(2026, 7, 1), dt.date(2026, 12, 31)) == \
        "PERIODE PENILAIAN: 01 JULI SD 31 DESEMBER TAHUN 2026"
    assert rules.tanggal_panjang(dt.date(2026, 3, 5)) == "05 Maret 2026"
