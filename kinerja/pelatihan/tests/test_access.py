"""The access matrix of pelatihan, extending organisasi's: role × resource × relation, checked in the selectors,
the HTML pages and the API. Outside the scope answers 404 (never revealing existence); a role that may not use a
page at all gets 403."""

import pytest
from django.test import Client

from kinerja.core.exceptions import Forbidden, NotFound
from kinerja.organisasi.tests.factories import fresh
from kinerja.pelatihan import selectors
from kinerja.pelatihan.models import PesertaSesi
from kinerja.pelatihan.tests.factories import make_sesi

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


@pytest.fixture
def sesi(org):
    """A published session for the Bidang P2P (kabid, kasi, staff_1, staff_2), self-registration closed."""
    return make_sesi(org, sasaran_unit_ids=[org.p2p.pk], pendaftaran_terbuka=False)


# viewer, relation, may see the session (selector + page + API), may see the participant list rows
SESI_MATRIX = [
    ("staff_1", "invited", True),
    ("kasi", "invited, and atasan of invitees", True),
    ("kadis", "pimpinan OPD of invitees", True),
    ("staff_3", "same OPD, not invited, registration closed", False),
    ("staff_pupr", "other OPD", False),
    ("admin", "admin BKPSDM", True),
    ("auditor", "Inspektorat reads", True),
    ("bupati", "pimpinan daerah: aggregates", True),
    ("staff_b", "other instansi", False),
    ("kadis_b", "other instansi", False),
]


@pytest.mark.parametrize(("viewer", "relation", "allowed"), SESI_MATRIX,
                         ids=[f"{v} ({r})" for v, r, _ in SESI_MATRIX])
def test_view_session(org, sesi, viewer, relation, allowed):
    user = fresh(org.user(viewer))
    if allowed:
        assert selectors.sesi_get(actor=user, sesi_id=sesi.pk).pk == sesi.pk
    else:
        with pytest.raises(NotFound):
            selectors.sesi_get(actor=user, sesi_id=sesi.pk)
    assert selectors.sesi_list(actor=fresh(user)).filter(pk=sesi.pk).exists() is allowed
    c = _client(fresh(user))
    assert c.get(f"/pelatihan/sesi/{sesi.pk}/").status_code == (200 if allowed else 404)
    r = c.get(f"/api/v1/pelatihan/sesi/{sesi.pk}")
    assert r.status_code == (200 if allowed else 404)


def test_drafts_are_seen_by_admin_and_inspektorat_only(org):
    draf = make_sesi(org, terbit=False, sasaran_unit_ids=[org.p2p.pk])
    for who, status in [("admin", 200), ("auditor", 200), ("kadis", 404), ("staff_1", 404), ("bupati", 404)]:
        assert _client(fresh(org.user(who))).get(f"/pelatihan/sesi/{draf.pk}/").status_code == status, who


PESERTA_MATRIX = [
    # viewer, participants they see on the session page
    ("admin", {"kabid", "kasi", "staff_1", "staff_2"}),
    ("auditor", {"kabid", "kasi", "staff_1", "staff_2"}),
    ("kadis", {"kabid", "kasi", "staff_1", "staff_2"}),
    ("kabid", {"kabid", "kasi", "staff_1", "staff_2"}),  # everyone below, and themself
    ("kasi", {"kasi", "staff_1", "staff_2"}),
    ("staff_1", {"staff_1"}),
    ("bupati", set()),
]


@pytest.mark.parametrize(("viewer", "expected"), PESERTA_MATRIX, ids=[v for v, _ in PESERTA_MATRIX])
def test_participant_list_is_scoped(org, sesi, viewer, expected):
    names = {n: getattr(org, n).pk for n in ("kabid", "kasi", "staff_1", "staff_2")}
    seen = set(selectors.peserta_list(actor=fresh(org.user(viewer)), sesi=sesi).values_list("pegawai_id", flat=True))
    assert seen == {names[n] for n in expected}


def test_participant_of_another_scope_is_not_found(org, sesi):
    p = PesertaSesi.objects.get(sesi=sesi, pegawai=org.staff_2)
    r = _client(fresh(org.staff_1.user)).get(f"/pelatihan/peserta/{p.pk}/sertifikat.pdf")
    assert r.status_code == 404
    r = _client(fresh(org.staff_1.user)).post(f"/pelatihan/peserta/{p.pk}/hadir/")
    assert r.status_code == 404
    assert PesertaSesi.objects.get(pk=p.pk).hadir_pada is None


# role, url, expected status (admin plans; Inspektorat reads; pimpinan OPD and daerah see metrics)
PAGE_MATRIX = [
    ("staff_1", "/pelatihan/", 200), ("bupati", "/pelatihan/", 200), ("auditor", "/pelatihan/", 200),
    ("staff_1", "/pelatihan/sesi/baru/", 403), ("kadis", "/pelatihan/sesi/baru/", 403),
    ("auditor", "/pelatihan/sesi/baru/", 403), ("admin", "/pelatihan/sesi/baru/", 200),
    ("staff_1", "/pelatihan/adopsi/", 403), ("kasi", "/pelatihan/adopsi/", 403), ("admin", "/pelatihan/adopsi/", 200),
    ("auditor", "/pelatihan/adopsi/", 200), ("bupati", "/pelatihan/adopsi/", 200), ("kadis", "/pelatihan/adopsi/", 200),
    ("staff_1", "/pelatihan/survei/putaran/", 403), ("auditor", "/pelatihan/survei/putaran/", 403),
    ("admin", "/pelatihan/survei/putaran/", 200),
    ("staff_1", "/pelatihan/survei/", 200), ("bupati", "/pelatihan/survei/", 200),
    ("staff_1", "/pelatihan/kami-lakukan/", 200), ("bupati", "/pelatihan/kami-lakukan/", 200),
    ("staff_1", "/pelatihan/bantuan/", 200), ("bupati", "/pelatihan/bantuan/", 200),
    ("staff_1", "/pelatihan/bantuan/presensi-qr/", 200),
    ("staff_1", "/pelatihan/bantuan/merencanakan-sesi/", 404), ("admin", "/pelatihan/bantuan/merencanakan-sesi/", 200),
    ("staff_1", "/pelatihan/bantuan/tidak-ada/", 404),
    ("staff_1", "/pelatihan/riwayat/", 200), ("bupati", "/pelatihan/riwayat/", 403),
    ("staff_1", "/api/v1/pelatihan/adopsi", 403), ("kasi", "/api/v1/pelatihan/adopsi/tertinggal", 403),
    ("staff_1", "/api/v1/pelatihan/undangan", 200), ("staff_1", "/api/v1/pelatihan/riwayat", 200),
    ("bupati", "/api/v1/pelatihan/riwayat", 403),
]


@pytest.mark.parametrize(("viewer", "url", "status"), PAGE_MATRIX, ids=[f"{v} {u}" for v, u, _ in PAGE_MATRIX])
def test_pages(org, viewer, url, status):
    assert _client(fresh(org.user(viewer))).get(url).status_code == status


def test_adoption_metrics_need_a_role(org):
    from kinerja.pelatihan import selectors as s

    for who in ("staff_1", "kasi", "staff_b"):
        with pytest.raises(Forbidden):
            s.minggu_tersedia(actor=fresh(org.user(who)))


def test_rules_permissions(org):
    assert fresh(org.admin.user).has_perm("pelatihan.add_sesipelatihan")
    assert not fresh(org.auditor.user).has_perm("pelatihan.add_sesipelatihan")
    assert fresh(org.auditor.user).has_perm("pelatihan.view_pesertasesi")
    assert fresh(org.kadis.user).has_perm("pelatihan.view_metrikadopsi")
    assert fresh(org.bupati).has_perm("pelatihan.view_metrikadopsi")
    assert not fresh(org.kasi.user).has_perm("pelatihan.view_metrikadopsi")
    assert not fresh(org.staff_1.user).has_perm("pelatihan.add_riwayatpengembangan")


def test_anonymous_is_sent_to_sign_in(org, client, sesi):
    for url in ("/pelatihan/", f"/pelatihan/sesi/{sesi.pk}/", "/pelatihan/survei/", "/pelatihan/bantuan/"):
        r = client.get(url)
        assert r.status_code == 302 and "/masuk/" in r["Location"]
    assert client.get("/api/v1/pelatihan/undangan").status_code == 401
