"""The access matrix for SKP: who may see an SKP (selector, `rules` permission, HTML page, PDF, API — 404 when not),
who may change it and who may approve it. Same world as organisasi's matrix (`build_org()`)."""

import pytest
from django.test import Client

from kinerja.core.exceptions import ApplicationError, NotFound
from kinerja.organisasi.tests.factories import fresh
from kinerja.perencanaan import selectors, services
from kinerja.perencanaan.tests.factories import add_rhk, build_rencana, make_skp

pytestmark = pytest.mark.django_db

# viewer, whose SKP, relation, may see
SKP_MATRIX = [
    ("staff_1", "staff_1", "self", True),
    ("staff_2", "staff_1", "peer, same unit", False),
    ("staff_1", "kasi", "own atasan", False),
    ("staff_3", "staff_1", "other unit", False),
    ("staff_pupr", "staff_1", "other OPD", False),
    ("staff_b", "staff_1", "other instansi", False),
    ("kasi", "staff_1", "direct subordinate", True),
    ("kabid", "staff_1", "indirect subordinate", True),
    ("kabid_2", "staff_1", "other unit, same OPD", False),
    ("kadis", "staff_1", "whole OPD", True),
    ("kadis_pupr", "staff_1", "other OPD head", False),
    ("admin", "staff_1", "instansi (admin BKPSDM)", True),
    ("auditor", "staff_1", "instansi (Inspektorat)", True),
    ("bupati", "staff_1", "aggregates only", False),
    ("kadis_b", "staff_1", "other instansi", False),
]


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


@pytest.fixture
def world(org):
    r = build_rencana(org)
    skps = {"staff_1": r.skp_staff, "kasi": r.skp_kasi}
    add_rhk(org.staff_1, r.skp_staff, parent=r.rhk_kasi)
    return r, skps


@pytest.mark.parametrize(("viewer", "target", "relation", "allowed"), SKP_MATRIX,
                         ids=[f"{v}->{t} ({rel})" for v, t, rel, _ in SKP_MATRIX])
def test_view_skp(org, world, viewer, target, relation, allowed):
    _r, skps = world
    skp = skps[target]
    user = fresh(org.user(viewer))
    if allowed:
        assert selectors.skp_get(actor=user, skp_id=skp.pk).pk == skp.pk
    else:
        with pytest.raises(NotFound):
            selectors.skp_get(actor=user, skp_id=skp.pk)
    assert selectors.skp_list(actor=fresh(user)).filter(pk=skp.pk).exists() is allowed
    assert fresh(user).has_perm("perencanaan.view_sasarankinerjapegawai", skp) is allowed
    c = _client(fresh(user))
    code = 200 if allowed else 404
    assert c.get(f"/perencanaan/skp/{skp.pk}/").status_code == code
    assert c.get(f"/perencanaan/skp/{skp.pk}/pdf/").status_code == code
    res = c.get(f"/api/v1/perencanaan/skp/{skp.pk}")
    assert res.status_code == code
    if not allowed:
        assert res.json()["code"] == "not_found"


# actor, action on staff_1's SKP, allowed
WRITE_MATRIX = [
    ("staff_1", "add_rhk", True), ("kasi", "add_rhk", False), ("kadis", "add_rhk", False),
    ("admin", "add_rhk", False), ("auditor", "add_rhk", False), ("staff_2", "add_rhk", False),
    ("kasi", "approve", True), ("staff_1", "approve", False), ("kabid", "approve", False),
    ("kadis", "approve", False), ("admin", "approve", False), ("auditor", "approve", False),
    ("bupati", "approve", False),
]


@pytest.mark.parametrize(("actor", "action", "allowed"), WRITE_MATRIX,
                         ids=[f"{a} {act}" for a, act, _ in WRITE_MATRIX])
def test_write_skp(org, world, actor, action, allowed):
    r, _ = world
    user = fresh(org.user(actor))
    if action == "approve":
        services.skp_submit(actor=fresh(org.staff_1.user), skp=r.skp_staff)

    def run():
        if action == "add_rhk":
            services.rhk_create(actor=user, skp=r.skp_staff, teks="Baru", intervensi_id=r.rhk_kasi.pk,
                                indikator=[{"aspek": "kuantitas", "teks": "J", "target": 1, "satuan": "x"}])
        else:
            services.skp_approve(actor=user, skp=r.skp_staff)

    assert fresh(user).has_perm(
        "perencanaan.change_sasarankinerjapegawai" if action == "add_rhk" else "perencanaan.approve_sasarankinerjapegawai",
        r.skp_staff) is allowed
    if allowed:
        run()
    else:
        with pytest.raises(ApplicationError) as exc:
            run()
        assert exc.value.status in (403, 404)
    r.skp_staff.refresh_from_db()
    assert (r.skp_staff.rhk.count() == 2) is (allowed and action == "add_rhk")
    assert (r.skp_staff.status == "disetujui") is (allowed and action == "approve")


PAGE_MATRIX = [
    ("staff_1", "/perencanaan/", 200), ("bupati", "/perencanaan/", 403), ("bupati", "/perencanaan/tim/", 200),
    ("auditor", "/perencanaan/tim/", 200),
    ("staff_1", "/perencanaan/tim/", 200), ("kasi", "/perencanaan/tim/", 200),
    ("staff_1", "/perencanaan/kaskade/", 200), ("bupati", "/perencanaan/kaskade/", 200),
    ("staff_1", "/perencanaan/matriks/", 200), ("kadis", "/perencanaan/matriks/", 200),
    ("staff_1", "/perencanaan/program/", 200), ("bupati", "/perencanaan/program/", 200),
    ("staff_1", "/perencanaan/periode/", 403), ("kadis", "/perencanaan/periode/", 403),
    ("auditor", "/perencanaan/periode/", 403), ("admin", "/perencanaan/periode/", 200),
    ("staff_1", "/perencanaan/sasaran/baru/", 403), ("admin", "/perencanaan/sasaran/baru/", 200),
    ("staff_1", "/perencanaan/program/baru/", 403), ("kadis", "/perencanaan/program/baru/", 200),
    ("staff_1", "/admin/perencanaan/periodekinerja/", 302), ("auditor", "/admin/perencanaan/sasarankinerjapegawai/", 302),
]


@pytest.mark.parametrize(("viewer", "url", "status"), PAGE_MATRIX, ids=[f"{v} {u}" for v, u, _ in PAGE_MATRIX])
def test_pages(org, world, viewer, url, status):
    assert _client(fresh(org.user(viewer))).get(url).status_code == status


def test_matriks_unit_outside_scope_is_404(org, world):
    r, _ = world
    c = _client(fresh(org.kasi.user))
    assert c.get(f"/perencanaan/matriks/?periode={r.periode.pk}&unit={org.pupr.pk}").status_code == 404
    assert c.get(f"/perencanaan/kaskade/?periode={r.periode.pk}&rhk={r.rhk_kasi.pk}").status_code == 200
    other = _client(fresh(org.staff_pupr.user))
    assert other.get(f"/perencanaan/kaskade/?periode={r.periode.pk}&rhk={r.rhk_kasi.pk}").status_code == 404


def test_admin_site_is_read_only_for_skp_and_scoped(org, world):
    from django.contrib.auth import get_user_model

    r, _ = world
    make_skp(org.staff_b, build_rencana_b(org))
    get_user_model().objects.filter(pk=org.admin.user_id).update(is_staff=True)
    c = _client(fresh(org.admin.user))
    page = c.get("/admin/perencanaan/sasarankinerjapegawai/")
    assert page.status_code == 200
    assert org.staff_1.nama.encode() in page.content and org.staff_b.nama.encode() not in page.content
    assert c.get(f"/admin/perencanaan/sasarankinerjapegawai/{r.skp_staff.pk}/change/").status_code == 200
    assert c.post(f"/admin/perencanaan/sasarankinerjapegawai/{r.skp_staff.pk}/change/", {}).status_code == 403


def build_rencana_b(org):
    """A period for instansi B (its own admin is the superuser fixture actor)."""
    from kinerja.organisasi.tests.factories import system_actor

    return services.periode_kinerja_create(actor=system_actor(), tahun=r_year(), instansi_id=org.instansi_b.pk)


def r_year():
    from django.utils import timezone

    return timezone.localdate().year
