"""Integrity anomalies: each detector finds its pattern with evidence and leaves the ordinary case alone; a rerun
never duplicates a flag; the verification sample; Inspektorat's notes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, NotFound
from kinerja.core.models import CatatanAudit
from kinerja.laporan.models import BuktiDukung, LaporanHarian
from kinerja.organisasi.tests.factories import fresh
from kinerja.pengawasan import rules, services
from kinerja.pengawasan.models import Anomali, SampelVerifikasi, SidikUraian
from kinerja.pengawasan.tests.factories import aware, hari_kerja_lalu, hari_sebulan, lapor

pytestmark = pytest.mark.django_db

SALINAN = ("Melaksanakan kunjungan rumah ke {n} keluarga berisiko stunting di Dusun Karang Tengah bersama kader "
           "posyandu serta memberikan edukasi gizi seimbang kepada ibu balita")


def _deteksi(dunia, **kw):
    return services.anomali_deteksi(instansi=dunia.instansi, **kw)


def _anomali(dunia, jenis):
    return list(Anomali.objects.filter(instansi=dunia.instansi, jenis=jenis).order_by("pk"))


def test_near_duplicate_texts_across_people_and_days(dunia):
    d = hari_kerja_lalu(6, dunia.instansi.pk)
    asli = lapor(dunia, "staff_1", d[0], uraian=SALINAN.format(n=12))
    salin = lapor(dunia, "staff_2", d[2], uraian=SALINAN.format(n=15) + ".")  # numbers changed
    ulang = lapor(dunia, "staff_1", d[4], uraian=SALINAN.format(n=12))  # same author, another day
    lapor(dunia, "staff_3", d[3], uraian="Rapat koordinasi bidang pelayanan kesehatan rujukan dan penyusunan jadwal "
                                         "piket bulan depan bersama kepala seksi")  # long but different
    lapor(dunia, "kasi", d[3], uraian="Rapat koordinasi")  # short: not fingerprinted
    hasil = _deteksi(dunia)
    assert hasil[rules.DUPLIKAT] == 2
    flags = {a.pegawai_id: a for a in _anomali(dunia, rules.DUPLIKAT)}
    assert set(flags) == {dunia.staff_1.pk, dunia.staff_2.pk}  # the original text itself is not flagged
    copy = flags[dunia.staff_2.pk]
    assert set(copy.laporan_ids) == {asli.pk, salin.pk, ulang.pk} or set(copy.laporan_ids) >= {asli.pk, salin.pk}
    e = copy.bukti["rincian"][0]
    assert e["kemiripan"] >= 90 and e["pegawai_lain_nama"] == dunia.staff_1.nama_lengkap
    # staff_1 repeated the text on another day: one piece of evidence is a match with their own earlier report
    assert any(e["pegawai_lain"] is None and e["laporan"] == [ulang.pk, asli.pk]
               for e in flags[dunia.staff_1.pk].bukti["rincian"])
    assert SidikUraian.objects.filter(instansi=dunia.instansi).count() == 4
    # a rerun with the same data adds nothing new
    _deteksi(dunia, penuh=True)
    assert len(_anomali(dunia, rules.DUPLIKAT)) == 2


def test_standard_phrase_used_by_many_is_not_a_copy(dunia):
    from kinerja.pengawasan.models import KebijakanPengawasan

    KebijakanPengawasan.objects.create(instansi=dunia.instansi, duplikat_maks_pegawai=2)
    d = hari_kerja_lalu(3, dunia.instansi.pk)
    for who in ("staff_1", "staff_2", "staff_3"):
        lapor(dunia, who, d[1], uraian=SALINAN.format(n=1))
    _deteksi(dunia)
    assert _anomali(dunia, rules.DUPLIKAT) == []


def test_same_evidence_file_on_two_reports(dunia):
    from django.core.files.base import ContentFile

    d = hari_kerja_lalu(3, dunia.instansi.pk)
    a = lapor(dunia, "staff_1", d[0])
    b = lapor(dunia, "staff_3", d[1])
    c = lapor(dunia, "staff_2", d[2])
    for lap, data in ((a, b"foto-yang-sama"), (b, b"foto-yang-sama"), (c, b"foto-lain")):
        bukti = BuktiDukung(instansi=dunia.instansi, laporan=lap, jenis="jpeg", mime="image/jpeg", ukuran=len(data),
                            sha256=__import__("hashlib").sha256(data).hexdigest(), nama_asli="foto.jpg",
                            diunggah_oleh=lap.pegawai.user)
        bukti.berkas.save("x.jpg", ContentFile(data), save=False)
        bukti.save()
    _deteksi(dunia)
    (flag,) = _anomali(dunia, rules.BUKTI)
    assert set(flag.laporan_ids) == {a.pk, b.pk} and flag.pegawai == dunia.staff_3  # the later reuse
    assert flag.bukti["sha256"] and len(flag.bukti["rincian"]) == 2 and flag.skor == 85


def test_implausible_hours_often_over_twelve(dunia):
    days = hari_sebulan(3, dunia.instansi.pk)
    for day in days[:2]:
        lapor(dunia, "staff_1", day, jam=(6, 0), sampai=(13, 0))
        lapor(dunia, "staff_1", day, jam=(13, 0), sampai=(20, 0))  # 14 h
    lapor(dunia, "staff_2", days[0], jam=(6, 0), sampai=(13, 0))
    lapor(dunia, "staff_2", days[0], jam=(13, 0), sampai=(20, 0))  # once only: not "often"
    lapor(dunia, "staff_3", days[2], jam=(7, 0), sampai=(19, 0))  # exactly 12 h: allowed
    _deteksi(dunia)
    (flag,) = _anomali(dunia, rules.JAM)
    assert flag.pegawai == dunia.staff_1 and len(flag.bukti["rincian"]) == 2
    assert flag.bukti["rincian"][0]["jam"] == 14.0 and len(flag.laporan_ids) == 4


def test_backfill_burst_just_before_a_deadline(dunia):
    from kinerja.perencanaan.models import JadwalEvaluasi

    today = timezone.localdate()
    kirim = today - dt.timedelta(days=10)
    JadwalEvaluasi.objects.filter(periode=dunia.periode, nomor=1).update(batas_penilaian=kirim + dt.timedelta(days=2))
    lama = hari_kerja_lalu(10, dunia.instansi.pk, dari=kirim - dt.timedelta(days=7))
    for i, day in enumerate(lama):
        lapor(dunia, "staff_1", day, diajukan=aware(kirim, 9, i))
    for i, day in enumerate(lama[:5]):  # staff_2 backfills too, but only five: below the threshold
        lapor(dunia, "staff_2", day, diajukan=aware(kirim, 10, i))
    _deteksi(dunia)
    (flag,) = _anomali(dunia, rules.MUNDUR)
    assert flag.pegawai == dunia.staff_1 and len(flag.laporan_ids) == 10
    assert flag.bukti["batas"] == (kirim + dt.timedelta(days=2)).isoformat()


def test_rubber_stamp_supervisor(dunia):
    d = hari_sebulan(12, dunia.instansi.pk)
    when = aware(d[-1], 7, 30)
    i = 0
    for day in d[:11]:
        for who in ("staff_1", "staff_2"):
            lapor(dunia, who, day, ditinjau=when + dt.timedelta(seconds=3 * i))  # kasi approves, 3 s apart
            i += 1
    for day in d[:11]:  # kabid reviews kasi one by one, with a revision: fine
        lapor(dunia, "kasi", day, ditinjau=aware(day, 15), revisi=1 if day == d[0] else 0)
    _deteksi(dunia)
    (flag,) = _anomali(dunia, rules.KILAT)
    assert flag.pegawai == dunia.kasi and flag.bukti["disetujui"] == 22 and flag.bukti["median_detik"] == 3.0


def test_report_far_from_usual_place(dunia):
    d = hari_sebulan(8, dunia.instansi.pk)
    base_lat, base_lon = Decimal("-1.601500"), Decimal("103.613100")
    jauh = None
    for i, day in enumerate(d):
        if i == 5:
            jauh = lapor(dunia, "staff_1", day, lat=base_lat + Decimal("1.05"), lon=base_lon + Decimal("0.30"))
        else:
            lapor(dunia, "staff_1", day, lat=base_lat + Decimal(i) / 1000, lon=base_lon)
    for i, day in enumerate(d[:3]):  # too few geotags to know staff_2's usual place
        lapor(dunia, "staff_2", day, lat=base_lat + Decimal(i), lon=base_lon)
    _deteksi(dunia)
    (flag,) = _anomali(dunia, rules.LOKASI)
    assert flag.pegawai == dunia.staff_1 and flag.laporan_ids == [jauh.pk]
    assert flag.bukti["rincian"][0]["jarak_km"] > 100
    # with the unit's own coordinates, that is the reference
    from kinerja.organisasi.models import UnitKerja

    UnitKerja.objects.filter(pk=dunia.seksi_imunisasi.pk).update(latitude=base_lat + Decimal("1.05"),
                                                                  longitude=base_lon + Decimal("0.30"))
    LaporanHarian.objects.filter(pegawai=dunia.staff_1).update(updated_at=timezone.now())
    _deteksi(dunia, penuh=True)
    flag.refresh_from_db()
    assert "lokasi unit" in flag.bukti["rincian"][0]["acuan_asal"]
    assert jauh.pk not in flag.laporan_ids  # now the far one is at the unit; the others are far


def test_sample_and_inspektorat_notes(dunia):
    d = hari_kerja_lalu(10, dunia.instansi.pk)
    lapor(dunia, "staff_1", d[0], uraian=SALINAN.format(n=1))
    lapor(dunia, "staff_2", d[1], uraian=SALINAN.format(n=2))
    today = timezone.localdate()
    minggu = rules.awal_minggu(today)
    for day in (minggu - dt.timedelta(days=7 - i) for i in range(5)):
        for who in ("staff_3", "staff_pupr"):
            lapor(dunia, who, day)
    _deteksi(dunia)
    assert services.sampel_buat(instansi=dunia.instansi) > 0
    items = list(SampelVerifikasi.objects.filter(instansi=dunia.instansi, minggu=minggu))
    assert any(s.alasan == "risiko" for s in items) and any(s.alasan == "acak" for s in items)
    assert services.sampel_buat(instansi=dunia.instansi) == 0  # once a week
    auditor = fresh(dunia.auditor.user)
    flag = _anomali(dunia, rules.DUPLIKAT)[0]
    note = services.catatan_inspektorat_create(actor=auditor, objek=flag.objek_catatan, judul="Verifikasi",
                                               isi="Dikonfirmasi ke kepala seksi: laporan disalin.")
    assert note.objek == f"pengawasan.anomali:{flag.pk}"
    with pytest.raises(ApplicationError):
        services.catatan_inspektorat_create(actor=auditor, objek=flag.objek_catatan, judul="", isi="")
    for objek in ("pengawasan.anomali:999999", "apa.saja:1", ""):
        with pytest.raises(NotFound):
            services.catatan_inspektorat_create(actor=auditor, objek=objek, judul="x", isi="y")
    with pytest.raises(NotFound):  # not Inspektorat
        services.catatan_inspektorat_create(actor=fresh(dunia.kadis.user), objek=flag.objek_catatan, judul="x",
                                            isi="y")
    assert CatatanAudit.objects.count() == 1
