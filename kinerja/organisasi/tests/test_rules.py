import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.organisasi import rules


def test_parse_valid_pns_nip():
    info = rules.parse_nip("198503122010012003")
    assert info.tanggal_lahir == dt.date(1985, 3, 12)
    assert (info.tmt_tahun, info.tmt_bulan) == (2010, 1)
    assert info.jenis_kelamin == "P"
    assert info.nomor_urut == 3
    assert info.jenis_asn == rules.PNS


def test_parse_valid_pppk_number():
    info = rules.parse_nip("199001012023211005")
    assert info.jenis_asn == rules.PPPK
    assert info.tmt_bulan is None
    assert info.jenis_kelamin == "L"


def test_spaces_are_ignored():
    assert rules.parse_nip("19850312 201001 2 003").nomor_urut == 3


@pytest.mark.parametrize(
    ("nip", "fragment"),
    [
        ("12345", "18 digit"),
        ("19850312201001200A", "18 digit"),
        ("198502302010012003", "tanggal lahir"),  # 30 February
        ("198503122010132003", "bulan TMT"),  # month 13
        ("198503122010003003", "bulan TMT"),  # month 00
        ("198503122010013003", "Digit 15"),  # sex digit 3
        ("198503122010012000", "000"),
        ("198503121995012003", "tahun TMT"),  # appointed at 10 years old
    ],
)
def test_invalid_nips_have_indonesian_messages(nip, fragment):
    with pytest.raises(rules.NipError) as exc:
        rules.parse_nip(nip)
    assert fragment in str(exc.value)


def test_declared_type_must_match_structure():
    with pytest.raises(rules.NipError, match="NI PPPK"):
        rules.parse_nip("198503122010012003", jenis_asn=rules.PPPK)
    with pytest.raises(rules.NipError, match="PNS"):
        rules.parse_nip("199001012023211005", jenis_asn=rules.PNS)


@given(
    lahir=st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2004, 12, 31)),
    offset=st.integers(min_value=18, max_value=21),
    bulan=st.one_of(st.none(), st.integers(min_value=1, max_value=12)),
    sex=st.sampled_from("LP"),
    urut=st.integers(min_value=1, max_value=999),
)
def test_build_and_parse_round_trip(lahir, offset, bulan, sex, urut):
    nip = rules.build_nip(lahir=lahir, tmt_tahun=lahir.year + offset, tmt_bulan=bulan, jenis_kelamin=sex, urut=urut)
    info = rules.parse_nip(nip)
    assert (info.tanggal_lahir, info.tmt_bulan, info.jenis_kelamin, info.nomor_urut) == (lahir, bulan, sex, urut)
    assert info.jenis_asn == (rules.PPPK if bulan is None else rules.PNS)


def test_nama_dengan_gelar():
    assert rules.nama_dengan_gelar("dr.", "Siti Aminah", "M.Kes.") == "dr. Siti Aminah, M.Kes."
    assert rules.nama_dengan_gelar("", "Budi", "") == "Budi"


def test_golongan_table_matches_pangkat():
    assert rules.PANGKAT["III/a"] == "Penata Muda"
    assert rules.PANGKAT["IV/e"] == "Pembina Utama"
    assert len(rules.GOLONGAN_PNS) == 17 and len(rules.GOLONGAN_PPPK) == 17
    assert rules.golongan_valid_for("III/a", rules.PNS)
    assert not rules.golongan_valid_for("III/a", rules.PPPK)
    assert rules.golongan_valid_for("IX", rules.PPPK)
