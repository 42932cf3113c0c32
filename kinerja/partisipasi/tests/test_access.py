"""The access matrix for citizen feedback, extended from organisasi's: who may see a complaint (selector, HTML,
API), who sees the complainant's identity, who sees ratings of a named ASN, and which pages answer what."""

import pytest
from django.test import Client

from kinerja.core.exceptions import NotFound
from kinerja.organisasi.tests.factories import fresh
from kinerja.partisipasi import selectors, services
from kinerja.partisipasi.tests.factories import jawaban, konteks, pengaduan

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


@pytest.fixture
def kasus(dunia):
    """A non-anonymous complaint about staff_1 (named ASN at the Pos Imunisasi, Seksi Imunisasi, Dinkes)."""
    return pengaduan(dunia, petugas=dunia.petugas, titik=None, anonim=False, nama="Warga Pelapor",
                     kontak="081211112222", kategori="perilaku")


# viewer, relation, may see the case, sees the identity, may handle
PENGADUAN_MATRIX = [
    ("staff_1", "the reported ASN", False, False, False),
    ("staff_2", "peer, same unit", False, False, False),
    ("staff_3", "other unit, same OPD", False, False, False),
    ("kasi", "atasan langsung + head of the unit", True, True, True),
    ("kabid", "indirect superior, manages the bidang", True, True, True),
    ("kadis", "pimpinan OPD", True, True, True),
    ("kadis_pupr", "other OPD", False, False, False),
    ("staff_pupr", "other OPD, pegawai", False, False, False),
    ("admin", "admin BKPSDM (koordinator)", True, True, True),
    ("auditor", "Inspektorat (read)", True, True, False),
    ("bupati", "pimpinan daerah (aggregates)", False, False, False),
    ("kadis_b", "other instansi", False, False, False),
]


@pytest.mark.parametrize(("viewer", "relation", "sees", "identity", "handles"), PENGADUAN_MATRIX,
                         ids=[f"{v} ({r})" for v, r, *_ in PENGADUAN_MATRIX])
def test_pengaduan_matrix(dunia, kasus, viewer, relation, sees, identity, handles):
    user = fresh(dunia.org.user(viewer))
    # selector
    assert selectors.pengaduan_list(actor=user).filter(pk=kasus.pk).exists() is sees
    if not sees:
        with pytest.raises(NotFound):
            selectors.pengaduan_get(actor=user, pk=kasus.pk)
    else:
        obj = selectors.pengaduan_get(actor=fresh(user), pk=kasus.pk)
        assert selectors.identitas_terlihat(actor=fresh(user), pengaduan=obj) is identity
    # HTML: 404 outside the scope (never 403), identity only where allowed
    page = _client(fresh(user)).get(f"/partisipasi/pengaduan/{kasus.pk}/")
    bukan_staf = viewer in ("staff_1", "staff_2", "staff_3", "staff_pupr")  # no staff pages at all: 403
    assert page.status_code == (200 if sees else 403 if bukan_staf else 404)
    assert (b"Warga Pelapor" in page.content) is identity
    assert (b"081211112222" in page.content) is identity
    # API: 404 outside the scope; identity fields absent unless allowed
    r = _client(fresh(user)).get(f"/api/v1/partisipasi/pengaduan/{kasus.pk}")
    assert r.status_code == (200 if sees else 404)
    if sees:
        body = r.json()
        assert ("nama_pelapor" in body) is identity
        assert ("kontak_pelapor" in body) is identity
    # handling
    from kinerja.core.exceptions import ApplicationError

    if handles:
        services.pengaduan_catatan(actor=fresh(user), pengaduan=kasus, isi="Dicek.")
    else:
        with pytest.raises(ApplicationError):
            services.pengaduan_catatan(actor=fresh(user), pengaduan=kasus, isi="Dicek.")


def test_status_page_by_ticket_never_shows_identity(dunia, kasus):
    page = Client().get(f"/t/{kasus.tiket}/")
    assert page.status_code == 200
    assert b"Warga Pelapor" not in page.content and b"081211112222" not in page.content
    api = Client().get(f"/api/v1/partisipasi/publik/pengaduan/{kasus.tiket}")
    assert api.status_code == 200
    assert "Warga Pelapor" not in api.content.decode() and "nama_pelapor" not in api.json()


# viewer, may see staff_1's ratings
PENILAIAN_MATRIX = [
    ("staff_1", True), ("kasi", True), ("kabid", True), ("kadis", True), ("admin", True), ("auditor", True),
    ("staff_2", False), ("staff_3", False), ("kadis_pupr", False), ("bupati", False), ("kadis_b", False),
]


@pytest.mark.parametrize(("viewer", "allowed"), PENILAIAN_MATRIX, ids=[v for v, _ in PENILAIAN_MATRIX])
def test_penilaian_matrix(dunia, viewer, allowed):
    r = services.penilaian_petugas_submit(petugas=dunia.petugas, nilai=dict.fromkeys(
        ("kesopanan", "kecepatan", "kejelasan", "integritas"), 4), komentar="Baik", konteks=konteks())
    user = fresh(dunia.org.user(viewer))
    assert selectors.penilaian_list(actor=user).filter(pk=r.pk).exists() is allowed
    if allowed:
        assert selectors.objek_moderasi_get(actor=fresh(user), jenis="penilaian", pk=r.pk).pk == r.pk
    else:
        with pytest.raises(NotFound):
            selectors.objek_moderasi_get(actor=fresh(user), jenis="penilaian", pk=r.pk)


def test_feedback_of_other_units_stays_out_of_the_moderation_queue(dunia):
    held = services.survei_submit(titik=dunia.titik, jawaban=jawaban(), saran="goblok", konteks=konteks())
    assert held.status == "ditinjau"
    assert [o.pk for o in selectors.antrean_moderasi(actor=fresh(dunia.org.kasi.user))] == [held.pk]
    assert selectors.antrean_moderasi(actor=fresh(dunia.org.kabid_2.user)) == []
    assert selectors.antrean_moderasi(actor=fresh(dunia.org.kadis_pupr.user)) == []
    assert selectors.antrean_moderasi(actor=fresh(dunia.org.kadis_b.user)) == []


# role, url (formatted with the world), expected status
PAGE_MATRIX = [
    ("staff_1", "/partisipasi/", 200), ("staff_1", "/partisipasi/papan-nama/", 200),
    ("staff_1", "/partisipasi/pengaduan/", 403), ("staff_1", "/partisipasi/moderasi/", 403),
    ("staff_1", "/partisipasi/titik/", 403), ("staff_1", "/partisipasi/kebijakan/", 403),
    ("kasi", "/partisipasi/pengaduan/", 200), ("kasi", "/partisipasi/moderasi/", 200),
    ("kasi", "/partisipasi/titik/{titik}/", 200), ("kasi", "/partisipasi/titik/{titik}/poster/", 200),
    ("kasi", "/partisipasi/titik/{titik}/kertas/", 200), ("kasi", "/partisipasi/titik/{yankes}/", 404),
    ("kadis", "/partisipasi/titik/{yankes}/", 200), ("kadis", "/partisipasi/titik/{proyek}/", 404),
    ("kadis_pupr", "/partisipasi/titik/{proyek}/", 200), ("kadis_pupr", "/partisipasi/titik/{titik}/", 404),
    ("auditor", "/partisipasi/titik/{titik}/", 200), ("auditor", "/partisipasi/titik/{titik}/kertas/", 403),
    ("auditor", "/partisipasi/kebijakan/", 403), ("admin", "/partisipasi/kebijakan/", 200),
    ("bupati", "/partisipasi/titik/{titik}/", 200), ("bupati", "/partisipasi/papan-nama/", 403),
    ("kadis_b", "/partisipasi/titik/{titik}/", 404),
    ("kasi", "/partisipasi/ringkasan/pegawai/{staff_1}/", 200),
    ("staff_2", "/partisipasi/ringkasan/pegawai/{staff_1}/", 404),
    ("kadis_pupr", "/partisipasi/ringkasan/pegawai/{staff_1}/", 404),
    ("kadis", "/partisipasi/ringkasan/unit/{dinkes}/", 200), ("kadis_pupr", "/partisipasi/ringkasan/unit/{dinkes}/", 404),
    ("bupati", "/partisipasi/ringkasan/unit/{dinkes}/", 200),
]


@pytest.mark.parametrize(("viewer", "url", "status"), PAGE_MATRIX, ids=[f"{v} {u}" for v, u, _ in PAGE_MATRIX])
def test_pages(dunia, viewer, url, status):
    url = url.format(titik=dunia.titik.pk, yankes=dunia.titik_yankes.pk, proyek=dunia.proyek.pk,
                     staff_1=dunia.org.staff_1.pk, dinkes=dunia.org.dinkes.pk)
    assert _client(fresh(dunia.org.user(viewer))).get(url).status_code == status


def test_evidence_selectors_respect_the_scope(dunia):
    import datetime as dt

    d0, d1 = dt.date(2000, 1, 1), dt.date(2100, 1, 1)
    assert selectors.ringkasan_pegawai(dunia.org.staff_1, d0, d1, actor=fresh(dunia.org.kasi.user))
    with pytest.raises(NotFound):
        selectors.ringkasan_pegawai(dunia.org.staff_1, d0, d1, actor=fresh(dunia.org.staff_2.user))
    with pytest.raises(NotFound):
        selectors.ringkasan_unit(dunia.org.dinkes, d0, d1, actor=fresh(dunia.org.kadis_b.user))
