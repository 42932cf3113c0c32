"""The demo: every demo pegawai has an SKP of the current year with RHK cascaded from their atasan and realistic
indicators; most approved, some draft / submitted / returned (with a comment); the program registry is there."""

import io
import json

import pytest
from django.core.management import call_command
from django.db.models import Count, F
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from kinerja.organisasi.models import Pegawai
from kinerja.perencanaan.models import (
    PeriodeKinerja,
    ProgramKegiatan,
    RencanaHasilKerja,
    RiwayatSkp,
    SasaranKinerjaPegawai,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", pegawai=400, seed=5, stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_logins", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_every_demo_pegawai_has_a_cascaded_skp(demo):
    year = timezone.localdate().year
    periode = PeriodeKinerja.objects.get(tahun=year)
    assert periode.status == "berjalan" and periode.kadensi == "triwulanan"
    assert [(j.nama, j.is_final) for j in periode.jadwal.order_by("nomor")] == [
        ("Triwulan I", False), ("Triwulan II", False), ("Triwulan III", False), ("Triwulan IV", False),
        ("Evaluasi Tahunan", True)]
    assert PeriodeKinerja.objects.get(tahun=year - 1).status == "ditutup"
    skps = SasaranKinerjaPegawai.objects.filter(periode=periode, aktif=True)
    assert skps.count() == Pegawai.objects.filter(status="aktif").count() == 400
    assert not skps.annotate(n=Count("rhk")).filter(n=0).exists()
    rhk = RencanaHasilKerja.objects.filter(skp__periode=periode)
    # the cascade: every JA/JF RHK hangs on an RHK of the pegawai's own pejabat penilai, every JPT RHK on a target
    assert not rhk.filter(skp__jenis="ja_jf", intervensi__isnull=True).exists()
    assert not rhk.filter(skp__jenis="ja_jf").exclude(intervensi__skp__pegawai_id=F("skp__pejabat_penilai_id")).exists()
    assert not rhk.filter(skp__jenis="jpt", sasaran_organisasi__isnull=True).exists()
    assert not rhk.filter(indikator__isnull=True).exists()
    status = dict(skps.values_list("status").annotate(n=Count("pk")))
    assert status["disetujui"] > 0.6 * 400 and status["draft"] and status["diajukan"] and status["dikembalikan"]
    returned = skps.filter(status="dikembalikan").first()
    assert returned.catatan and returned.rhk.exclude(catatan_pengembalian="").exists()
    assert RiwayatSkp.objects.filter(skp__periode=periode, peristiwa="disetujui").count() == status["disetujui"]
    # realistic indicators per domain
    texts = set(RencanaHasilKerja.objects.filter(skp__periode=periode).values_list("indikator__teks", flat=True))
    for expected in ("Persentase bayi yang mendapat imunisasi dasar lengkap", "Jumlah kunjungan rumah yang dilaksanakan",
                     "Panjang jalan desa yang direhabilitasi sesuai spesifikasi",
                     "Jumlah dokumen kependudukan yang diterbitkan", "Jumlah modul ajar yang disusun dan dilaksanakan"):
        assert expected in texts, expected


def test_demo_accounts_and_registry(demo):
    year = timezone.localdate().year
    pegawai = SasaranKinerjaPegawai.objects.get(pegawai__nip=demo["pegawai"], periode__tahun=year)
    assert pegawai.status == "disetujui" and pegawai.pejabat_penilai.nip == demo["atasan"]
    waiting = SasaranKinerjaPegawai.objects.filter(pejabat_penilai__nip=demo["atasan"], periode__tahun=year,
                                                   status="diajukan")
    assert waiting.count() >= 1
    assert SasaranKinerjaPegawai.objects.filter(pegawai__nip=demo["pegawai"], periode__tahun=year - 1).exists()
    jalan = ProgramKegiatan.objects.filter(tahun=year, jenis="proyek", nama__startswith="Rehabilitasi Jalan Desa")
    assert jalan.count() >= 5
    assert all(p.lokasi and p.latitude is not None and p.anggaran for p in jalan)
    for nama in ("Imunisasi Dasar Lengkap", "Kunjungan Rumah Keluarga Sehat (PIS-PK)",
                 "Pelayanan Penerbitan KTP-el dan Kartu Keluarga", "Pengelolaan Pendidikan Sekolah Dasar"):
        assert ProgramKegiatan.objects.filter(tahun=year, nama=nama).exists(), nama
    assert RencanaHasilKerja.objects.filter(program__jenis="proyek", skp__periode__tahun=year).exists()


def test_home_panels(demo):
    from django.contrib.auth import get_user_model

    from kinerja.perencanaan import wiring

    User = get_user_model()
    rf = RequestFactory()

    def render(key, username, fn):
        request = rf.get("/")
        request.user = User.objects.get(username=username)
        ctx = fn(request)
        return render_to_string(f"perencanaan/_panel_{key}.html", {"ctx": ctx, "panel_key": key}, request=request)

    html = render("skp", demo["pegawai"], wiring._skp_context)
    assert "SKP saya" in html and "Disetujui" in html
    html = render("antrian", demo["atasan"], wiring._antrian_context)
    assert "menunggu keputusan Anda" in html
    html = render("ringkasan", demo["pimpinan_daerah"], wiring._ringkasan_context)
    assert "SKP disetujui" in html
