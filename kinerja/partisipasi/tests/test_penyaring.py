"""Spam and profanity flagging (our own Indonesian word list), including simple disguises."""

import pytest

from kinerja.partisipasi import penyaring


@pytest.mark.parametrize("text", [
    "Petugasnya goblok", "dasar BANGSAT", "anjiiing lama banget", "b.a.n.g.s.a.t semua", "t0l0l", "kampret!!",
    "Pelayanan tai", "kontol",
])
def test_profanity_is_flagged(text):
    assert penyaring.FLAG_KASAR in penyaring.periksa(text)


@pytest.mark.parametrize("text", [
    "Slot gacor maxwin hari ini", "Kunjungi www.contoh-promo.xyz sekarang", "https://bit.ly/abc", "togel online",
    "Promo diskon bonus deposit", "wa.me/628123456789 hubungi", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
])
def test_spam_is_flagged(text):
    assert penyaring.FLAG_SPAM in penyaring.periksa(text)


@pytest.mark.parametrize("text", [
    "", "Pelayanan cepat dan ramah, terima kasih.", "Antrean terlalu lama, mohon tambah slot antrean.",
    "Pantai di dekat puskesmas bersih", "Petugas mengatakan tidak ada diskon biaya", "Saya menunggu < 5 menit",
    "Jalan di Desa Sukamaju sudah diaspal",
])
def test_ordinary_text_is_not_flagged(text):
    assert penyaring.periksa(text) == []


def test_labels_in_indonesian():
    assert penyaring.label("kata_kasar,lonjakan") == "kata kasar, lonjakan penilaian"
