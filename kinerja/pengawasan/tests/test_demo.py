"""The demo regency (the real `seed_demo`): every integrity problem pengawasan's demo plants is found by the
detectors — exactly the planted pegawai, nobody else — and the demo shows the other parts too (aggregates,
warnings, profiles, the verification sample, practice notes). The plants are recognised by their content (the
demo picks people from the named puskesmas only when it has enough of them)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from kinerja.laporan.models import BuktiDukung, LaporanHarian
from kinerja.organisasi.models import Pegawai
from kinerja.pengawasan import rules
from kinerja.pengawasan.models import (
    Anomali,
    Peringatan,
    PraktikBaik,
    ProfilPegawai,
    SampelVerifikasi,
    StatistikUnit,
)

# transaction=True: seed_demo flushes, which fails inside the test transaction on PostgreSQL
pytestmark = pytest.mark.django_db(transaction=True)


def _penulis(**filt) -> set[int]:
    return set(LaporanHarian.objects.filter(**filt).values_list("pegawai_id", flat=True))


def test_demo_plants_anomalies_the_system_finds():
    call_command("seed_demo", pegawai=400, seed=2026, stdout=io.StringIO())
    today = timezone.localdate()
    # who each plant of pengawasan/demo.py put its reports on
    ditanam = {
        rules.DUPLIKAT: _penulis(uraian__contains="keluarga berisiko stunting di Dusun Karang Tengah"),
        rules.BUKTI: set(BuktiDukung.objects.filter(nama_asli__startswith="foto-posyandu-")
                         .values_list("laporan__pegawai_id", flat=True)),
        rules.JAM: _penulis(uraian="Jaga IGD dan rujukan pasien ke RSUD"),
        rules.KILAT: set(Pegawai.objects.filter(user_id__in=LaporanHarian.objects.filter(
            uraian="Pelayanan kesehatan ibu dan anak di puskesmas").values("ditinjau_oleh_id"))
            .values_list("pk", flat=True)),
        rules.LOKASI: _penulis(uraian="Kunjungan rumah pasien TB dan pemantauan minum obat"),
    }
    if dt.date(today.year, 9, 28) < today:  # the backfill burst is planted on 28 September (a past date only)
        ditanam[rules.MUNDUR] = _penulis(uraian="Pencatatan dan pelaporan kunjungan pasien",
                                         diajukan_pada__date=dt.date(today.year, 9, 28))
    assert [len(ditanam[j]) for j in (rules.DUPLIKAT, rules.BUKTI, rules.JAM, rules.KILAT, rules.LOKASI)] == [
        3, 2, 1, 1, 1]
    ditemukan: dict[str, set[int]] = {}
    for jenis, pid in Anomali.objects.values_list("jenis", "pegawai_id"):
        ditemukan.setdefault(jenis, set()).add(pid)
    for jenis, orang in ditanam.items():
        # the bukti flag names the pegawai of the latest report with the shared file
        if jenis == rules.BUKTI:
            assert len(ditemukan.get(jenis, set())) == 1 and ditemukan[jenis] <= orang, (jenis, ditemukan)
        else:
            assert ditemukan.get(jenis) == orang, (jenis, orang, ditemukan.get(jenis))
    assert set(ditemukan) == set(ditanam)  # no kind of anomaly the demo did not plant
    # the evidence of the copied text shows the text, and every copy is listed
    dup = Anomali.objects.filter(jenis=rules.DUPLIKAT)
    assert all("Dusun Karang Tengah" in str(a.bukti) for a in dup)
    bukti = Anomali.objects.get(jenis=rules.BUKTI).bukti
    assert bukti["sha256"] == BuktiDukung.objects.filter(nama_asli__startswith="foto-posyandu-").first().sha256
    # the rest of the demo is there too
    assert StatistikUnit.objects.filter(unit__isnull=True).exists()
    assert Peringatan.objects.filter(status=rules.TERBUKA).exists()
    assert ProfilPegawai.objects.exists()
    assert SampelVerifikasi.objects.exists()
    assert PraktikBaik.objects.count() == 2
