"""Strengths and weaknesses against comparable peers, suggested trainings and mentors, top performers by the
documented method, and best-practice notes (who may write them, bad input, recommendations)."""

import pytest
from django.utils import timezone

from kinerja.core.exceptions import ApplicationError, Forbidden
from kinerja.laporan.models import StatusLaporan
from kinerja.laporan.tests.factories import make_skp
from kinerja.organisasi.tests.factories import fresh, make_pegawai
from kinerja.pengawasan import rules, selectors, services
from kinerja.pengawasan.models import PraktikBaik, ProfilPegawai, Teladan
from kinerja.pengawasan.tests.factories import hari_kerja_lalu, lapor

pytestmark = pytest.mark.django_db


@pytest.fixture
def dunia_besar(dunia):
    """Three more epidemiologists next to staff_1 and staff_2 (comparable positions), each with an SKP."""
    jabatan = dunia.staff_1.jabatan
    for i, nama in enumerate(("Rina Marlina", "Yusuf Hakim", "Lina Sari"), start=1):
        p = make_pegawai(dunia.instansi, jabatan, nama)
        key = f"epi_{i}"
        setattr(dunia.org, key, p)
        dunia.skp[key] = make_skp(p, dunia.periode)
    return dunia


def _evaluasi(dunia, who, ratings: dict[str, str]):
    from kinerja.penilaian.models import Evaluasi, PenilaianPerilaku
    from kinerja.perencanaan.models import JadwalEvaluasi

    jadwal = JadwalEvaluasi.objects.filter(periode=dunia.periode, is_final=False).order_by("nomor").first()
    p = getattr(dunia.org, who)
    ev = Evaluasi.objects.create(instansi=dunia.instansi, jadwal=jadwal, periode=dunia.periode, pegawai=p,
                                 skp=dunia.skp[who], status="dinilai", jabatan_nama=p.jabatan.nama,
                                 unit_kerja=p.unit_kerja, unit_kerja_nama="x", predikat="baik")
    for nilai, rating in ratings.items():
        PenilaianPerilaku.objects.create(instansi=dunia.instansi, evaluasi=ev, nilai=nilai, rating=rating)


def _lapor_banyak(dunia, who, n, output):
    for day in hari_kerja_lalu(n, dunia.instansi.pk):
        lapor(dunia, who, day, output=output, indikator=dunia.indikator(who))


def test_profile_compares_with_peers_in_comparable_positions(dunia_besar):
    d = dunia_besar
    peers = ("staff_2", "epi_1", "epi_2", "epi_3")
    _evaluasi(d, "staff_1", {"kolaboratif": "di_atas", "adaptif": "di_bawah", "loyal": "sesuai"})
    for who in peers:
        _evaluasi(d, who, {"kolaboratif": "sesuai", "adaptif": "sesuai", "loyal": "sesuai"})
    _lapor_banyak(d, "staff_1", 3, 5)
    for who in peers:
        _lapor_banyak(d, who, 3, 5)
    services.agregat_refresh(instansi=d.instansi)
    assert services.profil_refresh(instansi=d.instansi) >= 5
    profil = ProfilPegawai.objects.get(pegawai=d.staff_1)
    assert profil.kelompok == rules.kelompok_jabatan(d.staff_1.jabatan.nama, d.staff_1.jabatan.jenjang)
    assert profil.jumlah_sebanding == 4
    assert profil.kekuatan == ["atasan:kolaboratif"] and profil.area == ["atasan:adaptif"]
    assert profil.ringkasan == ("Kekuatan: Kolaboratif (penilaian atasan); Area pengembangan: Adaptif "
                                "(penilaian atasan).")
    dims = {x["kode"]: x for x in profil.dimensi}
    assert dims["atasan:kolaboratif"]["nilai"] == 100 and dims["atasan:kolaboratif"]["rata"] == 50
    assert dims["atasan:adaptif"]["fokus"] == "adaptif"
    # kasi has no comparable peers: values but no comparison, hence no strengths or areas
    assert ProfilPegawai.objects.filter(pegawai=d.kasi).count() <= 1


def test_training_suggestions_and_pelatihan_signal(dunia_besar):
    from kinerja.pelatihan.selectors import kebutuhan_pelatihan
    from kinerja.pelatihan.tests.factories import make_sesi

    d = dunia_besar
    _evaluasi(d, "staff_1", {"adaptif": "di_bawah"})
    for who in ("staff_2", "epi_1", "epi_2", "epi_3"):
        _evaluasi(d, who, {"adaptif": "sesuai"})
    services.profil_refresh(instansi=d.instansi)
    sesi = make_sesi(d.org, judul="Adaptif menghadapi perubahan", fokus=["adaptif"])
    h = selectors.halaman_pegawai(actor=fresh(d.kasi.user), pegawai_id=d.staff_1.pk)
    assert [s["kode"] for s in h.pelatihan] == ["adaptif"] and h.pelatihan[0]["sesi"] == [sesi]
    # pelatihan's own training-needs list hears pengawasan's development areas (registered source)
    needs = {k.kode: k for k in kebutuhan_pelatihan(d.staff_1)}
    assert "adaptif" in needs and any("rekan sejabatan" in a for a in needs["adaptif"].alasan)


def test_top_performers_notes_and_recommendations(dunia_besar):
    d = dunia_besar
    porsi = rules.porsi_jadwal(d.periode.tanggal_mulai, d.periode.tanggal_selesai, timezone.localdate())
    besar = int(120 * porsi / 10) + 2  # ten approved reports reach the linear schedule
    _lapor_banyak(d, "staff_1", 10, besar)
    for who in ("staff_2", "epi_1", "epi_2", "epi_3", "staff_3"):
        _lapor_banyak(d, who, 2, 1)
    services.agregat_refresh(instansi=d.instansi)
    assert services.teladan_refresh(instansi=d.instansi) >= 1
    t = Teladan.objects.get(jenis="indikator", peringkat=1, kunci=rules.kunci_indikator(
        d.indikator("staff_1").teks, d.indikator("staff_1").satuan))
    assert t.pegawai == d.staff_1 and t.nilai >= 100 and t.jumlah_kelompok >= 5
    assert Teladan.objects.filter(kunci=t.kunci).count() == 1  # nobody else qualifies

    bukti = list(d.staff_1.laporan_harian.filter(status=StatusLaporan.DISETUJUI).values_list("pk", flat=True)[:2])
    lain = d.staff_2.laporan_harian.values_list("pk", flat=True)[0]
    kasi, staff_3 = fresh(d.kasi.user), fresh(d.staff_3.user)
    # bad input: nothing saved, each field named
    with pytest.raises(ApplicationError) as exc:
        services.praktik_baik_create(actor=kasi, teladan=t, judul=" ", yang_dilakukan="", hasil="x", bukti_ids=[])
    assert set(exc.value.detail) == {"judul", "yang_dilakukan", "bukti"}
    with pytest.raises(ApplicationError) as exc:
        services.praktik_baik_create(actor=kasi, teladan=t, judul="J", yang_dilakukan="Y", hasil="H",
                                     bukti_ids=[lain])
    assert exc.value.detail == {"bukti": [rules.MSG_BUKTI_BUKAN_MILIK]}
    with pytest.raises(Forbidden):  # neither the teladan nor their supervisor
        services.praktik_baik_create(actor=staff_3, teladan=t, judul="J", yang_dilakukan="Y", hasil="H",
                                     bukti_ids=bukti)
    assert not PraktikBaik.objects.exists()
    note = services.praktik_baik_create(actor=kasi, teladan=t, judul="Jadwal kunjungan mingguan",
                                        yang_dilakukan="Menyusun jadwal bersama kader.", hasil="Target tercapai.",
                                        bukti_ids=bukti)
    assert note.penulis == kasi and set(note.bukti.values_list("pk", flat=True)) == set(bukti)
    assert services.praktik_baik_create(actor=fresh(d.staff_1.user), teladan=t, judul="Dari saya",
                                        yang_dilakukan="a", hasil="b", bukti_ids=bukti).penulis == d.staff_1.user
    # the library is searchable; staff_2, weak on the same indicator, gets the note and staff_1 as mentor
    assert list(selectors.praktik_list(actor=staff_3, q="kunjungan mingguan")) == [note]
    h = selectors.halaman_pegawai(actor=fresh(d.staff_2.user), pegawai_id=d.staff_2.pk)
    assert note in h.praktik and [m.pegawai for m in h.mentor] == [d.staff_1]
    h1 = selectors.halaman_pegawai(actor=fresh(d.staff_1.user), pegawai_id=d.staff_1.pk)
    assert h1.mentor == [] and t in h1.teladan
    services.praktik_baik_withdraw(actor=kasi, praktik=note)
    assert note not in list(selectors.praktik_list(actor=staff_3))
