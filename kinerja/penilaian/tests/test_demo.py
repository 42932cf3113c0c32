"""The demo: the last ended window fully evaluated with a realistic distribution, the current one in progress
(self-assessments, peer feedback with a visible summary for the demo pegawai), dialog kinerja history and
upcoming meetings for the demo atasan's team, two keberatan."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from kinerja.penilaian import selectors
from kinerja.penilaian.models import DialogKinerja, Evaluasi, Keberatan, PenilaianDiri, PredikatOrganisasiUnit

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_evaluations(transactional_db):
    call_command("seed_demo", pegawai=400, seed=5, stdout=io.StringIO())
    from kinerja.demo.models import AkunDemo

    accounts = {a.peran: a.user for a in AkunDemo.objects.select_related("user")}
    today = timezone.localdate()
    past = Evaluasi.objects.filter(jadwal__tanggal_selesai__lt=today, is_tahunan=False)
    if not past.exists():
        pytest.skip("no evaluation window has ended yet this year")
    last = past.order_by("-jadwal__nomor").first().jadwal
    evs = Evaluasi.objects.filter(jadwal=last)
    predikat = Counter(evs.exclude(predikat="").values_list("predikat", flat=True))
    n = sum(predikat.values())
    assert n >= 200
    assert 0.55 <= predikat["baik"] / n <= 0.9  # most are Baik …
    assert len(predikat) >= 4  # … but the whole scale is used
    assert evs.filter(status="difinalisasi").count() / evs.count() > 0.8
    assert evs.filter(menyimpang_dari_saran=True).exists()
    assert PredikatOrganisasiUnit.objects.filter(periode=last.periode).count() >= 30
    assert Keberatan.objects.filter(status="diajukan").count() == 1
    assert Keberatan.objects.filter(status="ditolak").count() == 1

    pegawai = accounts["pegawai"].pegawai
    current = Evaluasi.objects.filter(pegawai=pegawai, status="draf").order_by("-jadwal__nomor").first()
    if current is not None:  # a window is in progress
        rk = selectors.ringkasan_rekan(actor=accounts["pegawai"], evaluasi=current)
        assert rk.tampil and rk.merespons >= 3
        assert selectors.undangan_milik(actor=accounts["pegawai"]).exists()
        assert PenilaianDiri.objects.filter(evaluasi__jadwal=current.jadwal).exists()
    dialogs = DialogKinerja.objects.filter(penyelenggara__user=accounts["atasan"])
    assert dialogs.filter(status="selesai").count() >= 4 and dialogs.filter(status="dijadwalkan").exists()
    assert selectors.tindak_lanjut_milik(actor=accounts["pegawai"]).exists() or dialogs.filter(
        tindak_lanjut__selesai_pada__isnull=True).exists()
    # the keberatan waiting is for the demo pimpinan OPD (the atasan pejabat penilai of the puskesmas staff)
    waiting = Keberatan.objects.get(status="diajukan")
    assert waiting.evaluasi.atasan_pejabat_penilai.user == accounts["pimpinan_opd"]
