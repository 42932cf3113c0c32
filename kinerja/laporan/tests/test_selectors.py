"""Reads: the review queue (oldest first, only new ones on the poll, handled ones reported), scoped lists, the
realisasi roll-up per indicator per evaluation period — with bounded query counts."""

import datetime as dt
from decimal import Decimal

import pytest

from kinerja.core.exceptions import NotFound
from kinerja.laporan import selectors, services
from kinerja.laporan.tests.factories import make_laporan
from kinerja.organisasi.tests.factories import fresh

pytestmark = pytest.mark.django_db
T = dt.time
NOW = dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC)  # Wednesday 10 June 2026, 10:00 WIB


def test_queue_oldest_first_and_poll_returns_only_new(dunia):
    a = make_laporan(dunia, "staff_1")
    b = make_laporan(dunia, "staff_2")
    make_laporan(dunia, "kasi")  # for the kabid
    make_laporan(dunia, "staff_1", ajukan=False, jam_mulai=T(13), jam_selesai=T(14))  # a draft
    kasi = fresh(dunia.kasi.user)
    assert [x.pk for x in selectors.antrian_tinjauan(actor=kasi)] == [a.pk, b.pk]
    assert [x.pk for x in selectors.antrian_tinjauan(actor=fresh(dunia.kasi.user), kecuali={a.pk})] == [b.pk]
    assert selectors.antrian_jumlah(actor=fresh(dunia.kasi.user)) == 2
    services.laporan_harian_approve(actor=fresh(dunia.kasi.user), laporan=a)
    assert selectors.antrian_selesai(actor=fresh(dunia.kasi.user), ids={a.pk, b.pk}) == {a.pk}
    assert selectors.antrian_tinjauan(actor=fresh(dunia.staff_1.user)) == []


def test_queue_query_count_does_not_grow_with_items(dunia, django_assert_max_num_queries):
    for who in ("staff_1", "staff_2"):
        for h in range(8, 16, 2):
            lap = make_laporan(dunia, who, jam_mulai=T(h), jam_selesai=T(h + 1))
            services.bukti_dukung_add(actor=fresh(getattr(dunia, who).user), laporan=lap,
                                      upload=_pdf(f"{who}{h}"))
            services.laporan_komentar_create(actor=fresh(dunia.kasi.user), laporan=lap, isi="Cek")
    kasi = fresh(dunia.kasi.user)
    # roles and scope (5, the same for any queue) + reports + evidence + comments, whatever the number of items
    with django_assert_max_num_queries(8):
        items = selectors.antrian_tinjauan(actor=kasi)
        for item in items:
            list(item.bukti.all()), [k.penulis.get_full_name() for k in item.komentar.all()]
            str(item.pegawai), str(item.rhk), str(item.indikator)
    assert len(items) == 8


def _pdf(tag):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(f"{tag}.pdf", f"%PDF-1.4 {tag}".encode())


@pytest.mark.parametrize(("viewer", "sees"), [
    ("staff_1", {"staff_1"}), ("staff_2", {"staff_2"}), ("kasi", {"staff_1", "staff_2", "kasi"}),
    ("kabid", {"staff_1", "staff_2", "kasi"}), ("kadis", {"staff_1", "staff_2", "kasi", "staff_3"}),
    ("admin", {"staff_1", "staff_2", "kasi", "staff_3", "staff_pupr"}),
    ("auditor", {"staff_1", "staff_2", "kasi", "staff_3", "staff_pupr"}),
    ("bupati", set()), ("kadis_b", set()), ("staff_pupr", {"staff_pupr"}),
])
def test_lists_are_scoped(dunia, viewer, sees):
    mine = {}
    for who in ("staff_1", "staff_2", "kasi", "staff_3", "staff_pupr"):
        mine[make_laporan(dunia, who).pk] = who
    got = {mine[x.pk] for x in selectors.laporan_list(actor=fresh(getattr(dunia.org, viewer) if viewer == "bupati"
                                                                   else getattr(dunia, viewer).user))}
    assert got == sees


def test_realisasi_rolls_up_approved_outputs_per_indicator_per_quarter(dunia_2026, django_assert_max_num_queries):
    d = dunia_2026
    ind = d.indikator("staff_1")  # kuantitas, target 120 dokumen
    kual = d.indikator("staff_1", n=1)  # kualitas
    kasi = fresh(d.kasi.user)
    cases = [  # (date, output, indicator, approve?)
        (dt.date(2026, 3, 30), "5", ind, True),  # Q1
        (dt.date(2026, 4, 6), "7", ind, True),  # Q2
        (dt.date(2026, 6, 9), "3.5", ind, True),  # Q2
        (dt.date(2026, 6, 10), "100", ind, False),  # waiting: not counted
        (dt.date(2026, 6, 10), "90", kual, True),  # another indicator
    ]
    for n, (day, output, indikator, approve) in enumerate(cases):
        now = dt.datetime.combine(day, dt.time(3, 0), tzinfo=dt.UTC)
        lap, _ = services.laporan_harian_create(
            actor=fresh(d.staff_1.user), now=now, ajukan=True,
            data={"tanggal": day, "jam_mulai": T(8 + n), "jam_selesai": T(9 + n), "indikator_id": indikator.pk,
                  "uraian": "x", "output_jumlah": output, "output_satuan": indikator.satuan})
        if approve:
            services.laporan_harian_approve(actor=kasi, laporan=lap)
    viewer = fresh(d.staff_1.user)
    skp = selectors.skp_get(actor=viewer, skp_id=d.skp["staff_1"].pk)  # loads the viewer's scope too
    with django_assert_max_num_queries(5):  # jadwal, RHK, indicators, one grouped aggregate, the waiting count
        r = selectors.realisasi_skp(actor=viewer, skp=skp)
    assert [j.nama for j in r.jadwal] == ["Triwulan 1", "Triwulan 2", "Triwulan 3", "Triwulan 4"]
    first = r.rhk[0]
    got = {i.indikator.pk: i for i in first.indikator}
    assert got[ind.pk].kolom_nilai == [Decimal("5"), Decimal("10.5"), Decimal("0"), Decimal("0")]
    assert got[ind.pk].total == Decimal("15.5") and got[ind.pk].jumlah_laporan == 3
    assert got[ind.pk].capaian == Decimal("12.9")  # 15.5 / 120
    assert got[kual.pk].total == Decimal("90") and got[kual.pk].capaian is None  # only kuantitas is summed
    assert first.jumlah_laporan == 4 and first.menit == 240
    assert r.menunggu == 1
    assert r.rhk[1].jumlah_laporan == 0


def test_realisasi_is_scoped(dunia):
    skp = dunia.skp["staff_1"]
    with pytest.raises(NotFound):
        selectors.realisasi_skp(actor=fresh(dunia.staff_2.user), skp=skp)
    with pytest.raises(NotFound):
        selectors.skp_get(actor=fresh(dunia.kadis_b.user), skp_id=skp.pk)
    assert selectors.realisasi_skp(actor=fresh(dunia.kasi.user), skp=skp).skp == skp


def test_report_choices_are_the_pegawais_approved_skp(dunia):
    skps = selectors.rhk_pilihan(actor=fresh(dunia.staff_1.user))
    assert [s.pk for s in skps] == [dunia.skp["staff_1"].pk]
    assert [len(r.indikator.all()) for r in skps[0].rhk.all()] == [2, 2]
    assert selectors.rhk_pilihan(actor=fresh(dunia.kabid.user)) == []  # draft SKP
    assert selectors.rhk_pilihan(actor=fresh(dunia.bupati)) == []


def test_summary_of_the_day(dunia):
    make_laporan(dunia, jam_mulai=T(8), jam_selesai=T(10))
    make_laporan(dunia, ajukan=False, jam_mulai=T(10), jam_selesai=T(11, 30))
    r = selectors.ringkasan_pegawai(actor=fresh(dunia.staff_1.user))
    assert r.menit_hari_ini == 210 and r.durasi_hari_ini == "3 jam 30 menit" and r.punya_skp
    assert r.per_status == {"diajukan": 1, "draft": 1}
