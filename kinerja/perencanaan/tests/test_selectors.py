"""Selectors: what other apps ask (period, SKP, RHK to report on), scoped lists, the cascade tree and the Matriks
Peran Hasil — including the query count that must not grow with head-count."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.core.exceptions import NotFound
from kinerja.organisasi.models import Pegawai
from kinerja.organisasi.selectors import atasan_map
from kinerja.organisasi.tests.factories import fresh, make_nip
from kinerja.perencanaan import selectors, services
from kinerja.perencanaan.demo import bangun_skp
from kinerja.perencanaan.models import SasaranKinerjaPegawai
from kinerja.perencanaan.tests.factories import add_rhk, approve, build_rencana, make_periode

pytestmark = pytest.mark.django_db


@pytest.fixture
def r(org):
    return build_rencana(org)


def test_periods_for_other_apps(org):
    assert selectors.periode_aktif(org.instansi.pk) is None
    p = make_periode(org)
    today = timezone.localdate()
    assert selectors.periode_aktif(org.instansi.pk, today).pk == p.pk
    assert selectors.periode_untuk_tanggal(org.instansi.pk, dt.date(today.year - 1, 6, 1)) is None
    assert selectors.periode_aktif(org.instansi_b.pk, today) is None  # another instansi
    for step in ("evaluasi", "ditutup"):
        services.periode_kinerja_set_status(actor=fresh(org.admin.user), periode=p, status=step)
    assert selectors.periode_aktif(org.instansi.pk, today) is None  # closed
    assert selectors.periode_untuk_tanggal(org.instansi.pk, today).pk == p.pk


def test_rhk_to_report_on_only_once_approved(org, r):
    rhk = add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi)
    assert list(selectors.rhk_untuk_laporan(org.staff_1)) == []
    approve(r.skp_staff, org.kasi)
    got = list(selectors.rhk_untuk_laporan(org.staff_1))
    assert [x.pk for x in got] == [rhk.pk] and got[0].indikator.all()[0].satuan == "bayi"
    assert [i.rhk_id for i in selectors.indikator_untuk_laporan(org.staff_1)] == [rhk.pk]
    # still reportable while a revision is being drafted
    services.skp_revise(actor=fresh(org.staff_1.user), skp=r.skp_staff, alasan="Tambah target")
    assert [x.pk for x in selectors.rhk_untuk_laporan(org.staff_1)] == [rhk.pk]
    assert selectors.skp_aktif(org.staff_1, r.periode).pk == r.skp_staff.pk
    assert selectors.skp_aktif(org.staff_2, r.periode) is None


def test_scoped_lists(org, r):
    def ids(user):
        return set(selectors.skp_list(actor=fresh(user), periode=r.periode).values_list("pegawai_id", flat=True))

    assert ids(org.staff_1.user) == {org.staff_1.pk}
    assert ids(org.kasi.user) == {org.kasi.pk, org.staff_1.pk}
    assert ids(org.kabid.user) == {org.kabid.pk, org.kasi.pk, org.staff_1.pk}
    assert ids(org.kadis.user) == {org.kadis.pk, org.kabid.pk, org.kasi.pk, org.staff_1.pk}
    assert ids(org.kadis_pupr.user) == set()
    assert ids(org.bupati) == set()
    assert ids(org.staff_b.user) == set()
    with pytest.raises(NotFound):
        selectors.skp_get(actor=fresh(org.staff_2.user), skp_id=r.skp_staff.pk)


def test_team_and_review_queue(org, r):
    rows = selectors.skp_tim(actor=fresh(org.kasi.user), periode=r.periode)
    assert [(row.pegawai.pk, row.skp.pk if row.skp else None) for row in rows] == [
        (org.staff_2.pk, None), (org.staff_1.pk, r.skp_staff.pk)]  # who has not started comes first
    add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi)
    services.skp_submit(actor=fresh(org.staff_1.user), skp=r.skp_staff)
    assert [s.pk for s in selectors.skp_antrian(actor=fresh(org.kasi.user))] == [r.skp_staff.pk]
    assert list(selectors.skp_antrian(actor=fresh(org.kabid.user))) == []


def test_cascade_tree_from_regency_to_pegawai(org, r):
    add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi, teks="Terlaksananya imunisasi bayi")
    data = selectors.kaskade(actor=fresh(org.staff_2.user), periode=r.periode, opd=org.dinkes)
    daerah = data["pohon"][0]
    assert daerah.jenis == "sasaran" and daerah.obj.pk == r.sasaran_daerah.pk
    opd = daerah.anak[0]
    assert opd.obj.pk == r.sasaran.pk
    chain = []
    node = opd.anak[0]
    while node is not None:
        chain.append((node.obj.skp.pegawai_id, node.obj.teks))
        node = node.anak[0] if node.anak else None
    assert chain == [(org.kadis.pk, r.rhk_kadis.teks), (org.kabid.pk, r.rhk_kabid.teks), (org.kasi.pk, r.rhk_kasi.teks),
                     (org.staff_1.pk, "Terlaksananya imunisasi bayi")]
    assert data["angka"]["pegawai"] == 7 and data["angka"]["ber_skp"] == 4
    # a small budget defers the deeper branches (loaded on demand)
    small = selectors.kaskade(actor=fresh(org.kadis.user), periode=r.periode, opd=org.dinkes, anggaran=2)
    kadis_node = small["pohon"][0].anak[0].anak[0]
    assert kadis_node.anak and kadis_node.anak[0].tunda and not kadis_node.anak[0].anak
    branch = selectors.kaskade_cabang(actor=fresh(org.kadis.user), periode=r.periode, rhk_id=r.rhk_kabid.pk)
    assert [n.obj.pk for n in branch.anak] == [r.rhk_kasi.pk]


def test_cascade_visibility(org, r):
    with pytest.raises(NotFound):  # another OPD's pegawai
        selectors.kaskade(actor=fresh(org.staff_pupr.user), periode=r.periode, opd=org.dinkes)
    with pytest.raises(NotFound):
        selectors.kaskade_cabang(actor=fresh(org.staff_pupr.user), periode=r.periode, rhk_id=r.rhk_kabid.pk)
    with pytest.raises(NotFound):  # another instansi
        selectors.kaskade(actor=fresh(org.kadis_b.user), periode=r.periode, opd=org.dinkes)
    assert org.dinkes.pk in selectors.kaskade_opd_ids(fresh(org.auditor.user))
    # pimpinan daerah: aggregates per OPD, not the individual tree
    assert selectors.kaskade_opd_ids(fresh(org.bupati)) == set()
    ringkasan = selectors.ringkasan_opd(actor=fresh(org.bupati), periode=r.periode)
    dinkes = next(x for x in ringkasan if x["pegawai__opd_id"] == org.dinkes.pk)
    assert dinkes["total"] == 4 and dinkes["disetujui"] == 1 and dinkes["pegawai"] == 7
    assert selectors.ringkasan_opd(actor=fresh(org.staff_1.user), periode=r.periode) == []


def test_matriks_peran_hasil(org, r):
    add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi, teks="Imunisasi di posyandu")
    blocks, page = selectors.matriks(actor=fresh(org.kasi.user), periode=r.periode, unit=org.seksi_imunisasi)
    by_head = {b.atasan.pk if b.atasan else None: b for b in blocks}
    kasi_block = by_head[org.kasi.pk]
    assert [k.pk for k in kasi_block.kolom] == [r.rhk_kasi.pk]
    rows = {row.pegawai.pk: row for row in kasi_block.baris}
    assert set(rows) == {org.staff_1.pk, org.staff_2.pk}
    assert [x.teks for x in rows[org.staff_1.pk].sel[0]] == ["Imunisasi di posyandu"]
    assert rows[org.staff_2.pk].skp is None  # no SKP yet: shown as missing
    assert by_head[org.kabid.pk].baris[0].pegawai.pk == org.kasi.pk  # the kasi under the kabid's RHK
    # the kadis sees the whole OPD, the JPT row hangs on the OPD's targets
    blocks, _ = selectors.matriks(actor=fresh(org.kadis.user), periode=r.periode, unit=org.dinkes)
    jpt = next(b for b in blocks if b.jpt)
    assert [k.pk for k in jpt.kolom] == [r.sasaran.pk] and jpt.baris[0].sel[0][0].pk == r.rhk_kadis.pk
    # a pegawai sees only their own row
    blocks, _ = selectors.matriks(actor=fresh(org.staff_1.user), periode=r.periode, unit=org.dinkes)
    assert [row.pegawai.pk for b in blocks for row in b.baris] == [org.staff_1.pk]


# --- performance: the number of queries does not grow with head-count -------------------------------------------------


def _grow_dinkes(org, n_staff: int) -> None:
    """Add n_staff pegawai (bulk) under the kasi and under kabid_2, without accounts."""
    jab_kasi_staff = org.staff_1.jabatan
    jab_yankes = org.staff_3.jabatan
    rows = []
    for i in range(n_staff):
        jab = jab_kasi_staff if i % 2 else jab_yankes
        rows.append(Pegawai(instansi=org.instansi, nip=make_nip(), nama=f"Pegawai Uji {i}", jenis_kelamin="P",
                            tanggal_lahir=dt.date(1990, 1, 1), jabatan=jab, unit_kerja=jab.unit_kerja, opd=org.dinkes))
    Pegawai.objects.bulk_create(rows, batch_size=1000)


def _plans(org, n_staff: int):
    _grow_dinkes(org, n_staff)
    periode = make_periode(org)
    admin = fresh(org.admin.user)
    sasaran = services.sasaran_organisasi_create(actor=admin, periode=periode, unit_kerja=org.dinkes,
                                                 teks="Meningkatnya cakupan imunisasi")
    people = list(Pegawai.objects.filter(opd=org.dinkes).select_related("jabatan", "unit_kerja", "opd"))
    spec = {org.dinkes.pk: [(sasaran, ("Meningkatnya cakupan imunisasi dasar lengkap",
                                       [("kuantitas", "Persentase IDL", 95, "%", "penerima_layanan")]))]}
    made = bangun_skp(periode=periode, people=people, atasan=atasan_map(people), sasaran=spec, program={},
                      rng=random.Random(1), status_fn=lambda p: "disetujui", now=timezone.now())
    assert made == len(people)
    return periode


def _queries(user, url: str) -> tuple[int, bytes]:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    c.get(url)  # warm caches (sessions, holidays)
    with CaptureQueriesContext(connection) as ctx:
        response = c.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content


@pytest.mark.parametrize("halaman", ["kaskade", "matriks"])
def test_cascade_and_matriks_queries_do_not_grow_with_head_count(org, halaman):
    periode = _plans(org, 40)
    url = f"/perencanaan/{halaman}/?periode={periode.pk}&" + (
        f"opd={org.dinkes.pk}" if halaman == "kaskade" else f"unit={org.dinkes.pk}")
    small, small_page = _queries(fresh(org.kadis.user), url)
    assert SasaranKinerjaPegawai.objects.filter(periode=periode).count() == 47
    _grow_dinkes(org, 1500)
    people = list(Pegawai.objects.filter(opd=org.dinkes, skp__isnull=True).select_related("jabatan", "unit_kerja",
                                                                                          "opd"))
    bangun_skp(periode=periode, people=people, atasan=atasan_map(people), sasaran={}, program={}, rng=random.Random(2),
               status_fn=lambda p: "diajukan", now=timezone.now())
    # their atasan are not in `people`, so hang them on the existing leaders' RHK directly
    from kinerja.perencanaan.models import IndikatorKinerja, RencanaHasilKerja

    leaders = {p.pk: RencanaHasilKerja.objects.filter(skp__pegawai=p, skp__periode=periode).first()
               for p in (org.kasi, org.kabid_2)}
    amap = atasan_map(people)
    rows = [RencanaHasilKerja(instansi=org.instansi, skp=s, teks=f"RHK {s.pegawai_id}",
                              intervensi=leaders[amap[s.pegawai_id].pk])
            for s in SasaranKinerjaPegawai.objects.filter(pegawai__in=people)]
    RencanaHasilKerja.objects.bulk_create(rows)
    IndikatorKinerja.objects.bulk_create([IndikatorKinerja(instansi=org.instansi, rhk=x, aspek="kuantitas",
                                                           teks="Jumlah", target=10, satuan="laporan") for x in rows])
    assert Pegawai.objects.filter(opd=org.dinkes).count() == 1547
    large, large_page = _queries(fresh(org.kadis.user), url)
    assert large <= small <= 40, (small, large)
    if halaman == "kaskade":  # the big branches wait to be opened (htmx), the head-count is right
        lazy = b"toggle once"
        assert lazy in large_page and b"<dd>1547</dd>" in large_page and lazy not in small_page
    else:  # every pegawai has a row
        assert large_page.count(b'<th scope="row">') >= 1500 > small_page.count(b'<th scope="row">')
