"""The demo shows the feature: 20 service points with IKM across quarters, 5 PUPR projects with residents'
input, 200 complaints in every state, named ASN (the demo nurse too), moderated items and held bursts."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from kinerja.demo.models import AkunDemo
from kinerja.partisipasi import rules, selectors
from kinerja.partisipasi.models import (
    BalasanPublik,
    MasukanProyek,
    Pengaduan,
    PenilaianPetugas,
    PetugasLayanan,
    ResponSurvei,
    TitikLayanan,
)

pytestmark = pytest.mark.django_db


def test_demo_data(settings):
    call_command("seed_demo", pegawai=400, seed=5, stdout=io.StringIO())
    layanan = TitikLayanan.objects.filter(jenis="layanan")
    assert layanan.count() == 20
    assert TitikLayanan.objects.filter(jenis="proyek", program__jenis="proyek").count() == 5
    quarters = rules.triwulan_terakhir(timezone.localdate(), 6)
    tren = selectors.tren_ikm(titik=layanan.get(kode="pkm-sukamaju"), n=6)
    assert all(h.jumlah >= 30 and h.ikm is not None for h in tren) and len(quarters) == 6
    assert Counter(ResponSurvei.objects.values_list("status", flat=True))["ditinjau"] >= 30  # held burst
    assert ResponSurvei.objects.filter(status="disembunyikan").exists()
    assert ResponSurvei.objects.filter(sumber="kertas", u1__isnull=True).exists() or \
        ResponSurvei.objects.filter(sumber="kertas").exists()
    statuses = Counter(Pengaduan.objects.values_list("status", flat=True))
    assert sum(statuses.values()) == 200 and set(statuses) == {"diterima", "diverifikasi", "didisposisikan",
                                                              "ditindaklanjuti", "selesai", "ditolak"}
    assert Pengaduan.objects.filter(eskalasi_verifikasi_pada__isnull=False).exists()
    assert MasukanProyek.objects.values("titik").distinct().count() == 5
    assert MasukanProyek.objects.exclude(foto="").exists()
    assert PenilaianPetugas.objects.filter(status="ditinjau", tanda__contains="lonjakan").count() >= 30
    assert BalasanPublik.objects.filter(sebagai="asn").exists() and BalasanPublik.objects.filter(sebagai="unit").exists()

    nurse = AkunDemo.objects.get(peran="pegawai").user
    atasan = AkunDemo.objects.get(peran="atasan").user
    petugas = PetugasLayanan.objects.get(pegawai__user=nurse)
    assert petugas.titik.kode == "pkm-sukamaju"
    assert selectors.skor_petugas(petugas.pegawai).tampil
    about_her = Pengaduan.objects.filter(pegawai_dilaporkan=petugas.pegawai)
    assert about_her.count() >= 2
    assert selectors.pengaduan_list(actor=atasan).filter(pk__in=about_her).count() == about_her.count()
    assert not selectors.pengaduan_list(actor=nurse).exists()
