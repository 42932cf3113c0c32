"""The access matrix extended to evaluations: who may read staff_1's evaluation and who may rate it, checked in
the selector, the list, the `rules` permissions, the HTML pages and the API. Outside the scope: 404."""

import pytest
from django.test import Client

from kinerja.core.exceptions import NotFound
from kinerja.organisasi.tests.factories import fresh
from kinerja.penilaian import selectors, services
from kinerja.penilaian.tests.factories import build_world

pytestmark = pytest.mark.django_db

# viewer, relation, may read, may rate
MATRIX = [
    ("staff_1", "self", True, False),
    ("staff_2", "peer, same unit", False, False),
    ("kasi", "pejabat penilai", True, True),
    ("kabid", "atasan pejabat penilai (indirect superior)", True, False),
    ("kadis", "pimpinan OPD", True, False),
    ("kabid_2", "other unit, same OPD", False, False),
    ("staff_3", "other unit", False, False),
    ("kadis_pupr", "other OPD", False, False),
    ("admin", "admin BKPSDM", True, False),
    ("auditor", "Inspektorat", True, False),
    ("bupati", "pimpinan daerah (aggregates only)", False, False),
    ("kadis_b", "other instansi", False, False),
]


@pytest.fixture
def ev(org):
    w = build_world(org)
    return services.evaluasi_buka(actor=w.user("kasi"), pegawai=org.staff_1, jadwal=w.tw3)


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


@pytest.mark.parametrize(("viewer", "relation", "read", "rate"), MATRIX,
                         ids=[f"{v} ({r})" for v, r, _a, _b in MATRIX])
def test_evaluation_access(org, ev, viewer, relation, read, rate):
    user = fresh(org.user(viewer))
    if read:
        assert selectors.evaluasi_get(actor=user, evaluasi_id=ev.pk).pk == ev.pk
    else:
        with pytest.raises(NotFound):
            selectors.evaluasi_get(actor=fresh(user), evaluasi_id=ev.pk)
    assert selectors.evaluasi_list(actor=fresh(user)).filter(pk=ev.pk).exists() is read
    assert fresh(user).has_perm("penilaian.view_evaluasi", ev) is read
    assert fresh(user).has_perm("penilaian.rate_evaluasi", ev) is rate

    c = _client(fresh(user))
    assert c.get(f"/penilaian/evaluasi/{ev.pk}/").status_code == (200 if read else 404)
    assert c.get(f"/penilaian/evaluasi/{ev.pk}/nilai/").status_code == (200 if rate else 403 if read else 404)
    r = c.get(f"/api/v1/penilaian/evaluasi/{ev.pk}")
    assert r.status_code == (200 if read else 404)
    if not read:
        assert r.json()["code"] == "not_found"


@pytest.mark.parametrize(("viewer", "allowed"), [("kabid", True), ("kasi", False), ("staff_1", False),
                                                 ("kadis", False), ("admin", False)])
def test_only_the_atasan_pejabat_penilai_decides_keberatan(org, ev, viewer, allowed):
    assert fresh(org.user(viewer)).has_perm("penilaian.decide_keberatan", ev) is allowed
