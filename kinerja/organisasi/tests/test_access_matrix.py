"""The access matrix: role × resource × relation (self / subordinate / other unit / other OPD / other instansi).

Each row names a viewer and a target in the small world of `build_org()` and whether the viewer may see the
target. The same expectation is checked in the selector, the HTML view, the API and the `rules` permission,
so a gap in any layer fails here. Later issues extend the matrix with their resources.
"""

import pytest
from django.test import Client

from kinerja.core.exceptions import NotFound
from kinerja.organisasi import selectors
from kinerja.organisasi.tests.factories import fresh

pytestmark = pytest.mark.django_db

# viewer, target, relation, may see
PEGAWAI_MATRIX = [
    ("staff_1", "staff_1", "self", True),
    ("staff_1", "staff_2", "peer, same unit", False),
    ("staff_1", "kasi", "own atasan", False),
    ("staff_1", "staff_3", "other unit", False),
    ("staff_1", "staff_pupr", "other OPD", False),
    ("staff_1", "staff_b", "other instansi", False),
    ("kasi", "staff_1", "direct subordinate", True),
    ("kasi", "staff_2", "direct subordinate", True),
    ("kasi", "kabid", "own atasan", False),
    ("kasi", "staff_3", "other unit", False),
    ("kasi", "staff_pupr", "other OPD", False),
    ("kabid", "staff_1", "indirect subordinate", True),
    ("kabid", "kasi", "direct subordinate", True),
    ("kabid", "staff_3", "other unit, same OPD", False),
    ("kabid", "staff_b", "other instansi", False),
    ("kadis", "staff_1", "whole OPD", True),
    ("kadis", "staff_3", "whole OPD", True),
    ("kadis", "staff_pupr", "other OPD", False),
    ("kadis", "staff_b", "other instansi", False),
    ("admin", "staff_1", "instansi (admin BKPSDM)", True),
    ("admin", "staff_pupr", "instansi (admin BKPSDM)", True),
    ("admin", "staff_b", "other instansi", False),
    ("auditor", "staff_1", "instansi (Inspektorat)", True),
    ("auditor", "kadis_pupr", "instansi (Inspektorat)", True),
    ("auditor", "staff_b", "other instansi", False),
    ("bupati", "staff_1", "aggregates only", False),
    ("bupati", "kadis", "aggregates only", False),
    ("kadis_b", "staff_b", "whole OPD, instansi B", True),
    ("kadis_b", "staff_1", "other instansi", False),
]


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


@pytest.mark.parametrize(("viewer", "target", "relation", "allowed"), PEGAWAI_MATRIX,
                         ids=[f"{v}->{t} ({r})" for v, t, r, _ in PEGAWAI_MATRIX])
def test_view_pegawai(org, viewer, target, relation, allowed):
    user = fresh(org.user(viewer))
    pegawai = getattr(org, target)

    # selector
    if allowed:
        assert selectors.pegawai_get(actor=user, pegawai_id=pegawai.pk).pk == pegawai.pk
    else:
        with pytest.raises(NotFound):
            selectors.pegawai_get(actor=user, pegawai_id=pegawai.pk)
    assert selectors.pegawai_list(actor=fresh(user)).filter(pk=pegawai.pk).exists() is allowed

    # rules permission
    assert fresh(user).has_perm("organisasi.view_pegawai", pegawai) is allowed

    # HTML and API answer 404 (never 403) so existence is not revealed
    c = _client(user)
    assert c.get(f"/organisasi/pegawai/{pegawai.pk}/").status_code == (200 if allowed else 404)
    r = c.get(f"/api/v1/organisasi/pegawai/{pegawai.pk}")
    assert r.status_code == (200 if allowed else 404)
    if not allowed:
        assert r.json()["code"] == "not_found"


# role, url, expected status
PAGE_MATRIX = [
    ("staff_1", "/audit/", 403), ("kadis", "/audit/", 403), ("auditor", "/audit/", 200), ("admin", "/audit/", 200),
    ("bupati", "/audit/", 403),
    ("staff_1", "/audit/catatan/", 403), ("admin", "/audit/catatan/", 403), ("auditor", "/audit/catatan/", 200),
    ("staff_1", "/organisasi/impor/", 403), ("kadis", "/organisasi/impor/", 403),
    ("auditor", "/organisasi/impor/", 403), ("admin", "/organisasi/impor/", 200),
    ("staff_1", "/admin/organisasi/pegawai/", 302), ("auditor", "/admin/organisasi/pegawai/", 302),
    ("kadis", "/admin/organisasi/pegawai/", 302),
    ("bupati", "/organisasi/profil/", 403), ("staff_1", "/organisasi/profil/", 200),
]


@pytest.mark.parametrize(("viewer", "url", "status"), PAGE_MATRIX, ids=[f"{v} {u}" for v, u, _ in PAGE_MATRIX])
def test_pages(org, viewer, url, status):
    assert _client(fresh(org.user(viewer))).get(url).status_code == status


def test_admin_site_is_scoped_to_own_instansi(org):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk=org.admin.user_id).update(is_staff=True)
    c = _client(fresh(org.admin.user))
    page = c.get("/admin/organisasi/pegawai/?q=")
    assert page.status_code == 200
    assert org.staff_1.nip.encode() in page.content
    assert org.staff_b.nip.encode() not in page.content
    assert c.get(f"/admin/organisasi/pegawai/{org.staff_b.pk}/change/").status_code in (302, 404)


def test_unit_visibility(org):
    staff_units = {u.pk for u in selectors.unit_kerja_list(actor=fresh(org.staff_1.user))}
    assert org.dinkes.pk in staff_units and org.seksi_imunisasi.pk in staff_units
    assert org.pupr.pk not in staff_units
    bupati_units = {u.pk for u in selectors.unit_kerja_list(actor=fresh(org.bupati))}
    assert {org.dinkes.pk, org.pupr.pk} <= bupati_units
    assert not bupati_units & {u.pk for u in selectors.unit_kerja_list(actor=fresh(org.staff_b.user))}


WRITE_MATRIX = [
    # actor, target, field, allowed
    ("staff_1", "staff_1", "telepon", True),
    ("staff_1", "staff_1", "nama", False),
    ("staff_1", "staff_2", "telepon", False),
    ("kasi", "staff_1", "telepon", False),
    ("kadis", "staff_1", "nama", False),
    ("auditor", "staff_1", "telepon", False),
    ("bupati", "staff_1", "telepon", False),
    ("admin", "staff_1", "nama", True),
    ("admin", "staff_b", "nama", False),
]


@pytest.mark.parametrize(("actor", "target", "field", "allowed"), WRITE_MATRIX,
                         ids=[f"{a} writes {t}.{f}" for a, t, f, _ in WRITE_MATRIX])
def test_write_pegawai(org, actor, target, field, allowed):
    from kinerja.core.exceptions import ApplicationError
    from kinerja.organisasi import services
    from kinerja.organisasi.models import Pegawai

    pegawai = getattr(org, target)
    value = "081298765432" if field == "telepon" else "Nama Diubah"
    before = getattr(Pegawai.objects.get(pk=pegawai.pk), field)
    if allowed:
        services.pegawai_update(actor=fresh(org.user(actor)), pegawai=pegawai, **{field: value})
        assert getattr(Pegawai.objects.get(pk=pegawai.pk), field) == value
    else:
        with pytest.raises(ApplicationError):
            services.pegawai_update(actor=fresh(org.user(actor)), pegawai=pegawai, **{field: value})
        assert getattr(Pegawai.objects.get(pk=pegawai.pk), field) == before


def test_roles_are_derived_from_the_organisation(org):
    from kinerja.core.roles import roles_of

    assert roles_of(fresh(org.staff_1.user)) == {"pegawai"}
    assert roles_of(fresh(org.kasi.user)) == {"pegawai", "atasan"}
    assert roles_of(fresh(org.kadis.user)) == {"pegawai", "atasan", "pimpinan_opd"}
    assert roles_of(fresh(org.admin.user)) == {"pegawai", "admin_bkpsdm"}
    assert roles_of(fresh(org.auditor.user)) == {"pegawai", "inspektorat"}
    assert roles_of(fresh(org.bupati)) == {"pimpinan_daerah"}
