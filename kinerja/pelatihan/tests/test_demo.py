"""The demo shows the feature: a programme with past, running and upcoming sessions, attendance, quiz results,
certificates and development history, activity and metrics with lagging units, a survey with answers and replies."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from kinerja.pelatihan import demo, rules
from kinerja.pelatihan.models import (
    AktivitasPengguna,
    MetrikAdopsi,
    PesertaSesi,
    ProgramPelatihan,
    PutaranSurvei,
    ResponsSurvei,
    RiwayatPengembangan,
    SesiPelatihan,
    TindakLanjutSurvei,
    UmpanBalikSesi,
)

pytestmark = pytest.mark.django_db


def test_demo_shows_the_adoption_programme():
    call_command("seed_demo", pegawai=400, seed=11, stdout=io.StringIO())
    from kinerja.demo.models import AkunDemo

    now = timezone.now()
    assert ProgramPelatihan.objects.count() == 1
    assert SesiPelatihan.objects.filter(selesai__lt=now, status="terbit").count() >= 5
    assert SesiPelatihan.objects.filter(mulai__gt=now, status="terbit").exists()
    assert SesiPelatihan.objects.filter(status="draf").exists()
    hadir = PesertaSesi.objects.filter(hadir_pada__isnull=False)
    assert hadir.count() > 20 and hadir.filter(nilai_kuis__isnull=False).exists()
    assert PesertaSesi.objects.filter(sertifikat_kode__isnull=False).exists()
    assert UmpanBalikSesi.objects.exists()
    assert RiwayatPengembangan.objects.filter(sumber="sesi").exists()
    assert RiwayatPengembangan.objects.filter(sumber="manual").exists()
    pegawai_demo = AkunDemo.objects.get(peran="pegawai").user
    today = timezone.localdate()
    hari_ini = SesiPelatihan.objects.get(judul__startswith="Klinik Kinerja")
    assert timezone.localtime(hari_ini.mulai).date() == today  # a check-in can be tried in the demo
    assert hari_ini.peserta.filter(pegawai__user=pegawai_demo).exists()
    assert PesertaSesi.objects.filter(pegawai__user=pegawai_demo, sertifikat_kode__isnull=False).exists()
    assert not pegawai_demo.onboarding_selesai  # the tour is offered on first sign-in
    assert AktivitasPengguna.objects.values("minggu").distinct().count() == demo.MINGGU_AKTIVITAS
    weeks = MetrikAdopsi.objects.filter(tingkat="instansi").count()
    assert weeks == demo.MINGGU_AKTIVITAS
    assert MetrikAdopsi.objects.filter(minggu=rules.awal_minggu(today), tertinggal=True).exists()
    putaran = PutaranSurvei.objects.order_by("mulai")
    assert putaran.count() == 2 and ResponsSurvei.objects.filter(putaran=putaran[0]).count() > 50
    assert putaran[1].mulai <= today <= putaran[1].selesai  # an open round
    assert TindakLanjutSurvei.objects.filter(terbit=True).count() >= 3
