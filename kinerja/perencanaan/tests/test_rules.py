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
