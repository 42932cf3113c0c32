"""The access matrix for daily reports, on top of organisasi's: who may see staff_1's report (selector, HTML page,
API, `rules` permission, evidence file) and who may review it. Outside the scope everything answers 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kinerja.core.exceptions import Forbidden, NotFound
from kinerja.laporan import selectors, services
from kinerja.laporan.tests.factories import make_laporan
from kinerja.organisasi.tests.factories import fresh

pytestmark = pytest.mark.django_db

# viewer, relation to staff_1, may see, may review (approve)
MATRIX = [
    ("staff_1", "self (owner)", True, False),
    ("staff_2", "peer, same unit", False, False),
    ("kasi", "atasan langsung = pejabat penilai", True, True),
    ("kabid", "indirect superior", True, False),
    ("kadis", "pimpinan OPD", True, False),
    ("staff_3", "other unit, same OPD", False, False),
    ("staff_pupr", "other OPD", False, False),
    ("admin", "admin BKPSDM (read)", True, False),
    ("auditor", "Inspektorat (read-only)", True, False),
    ("bupati", "pimpinan daerah (aggregates only)", False, False),
    ("kadis_b", "other instansi", False, False),
]


def _user(org, name):
    return fresh(org.user(name))


def _client(user) -> Client:
    c = Client()
    c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


@pytest.fixture
def target(dunia):
    laporan = make_laporan(dunia, "staff_1")
    bukti, _ = services.bukti_dukung_add(actor=fresh(dunia.staff_1.user), laporan=laporan,
                                         upload=SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 bukti"))
    return laporan, bukti


@pytest.mark.parametrize(("viewer", "relation", "sees", "reviews"), MATRIX,
                         ids=[f"{v} ({r})" for v, r, _s, _t in MATRIX])
def test_view_and_review_a_report(dunia, target, viewer, relation, sees, reviews):
    laporan, bukti = target
    user = _user(dunia.org, viewer)
    # selector
    if sees:
        assert selectors.laporan_get(actor=user, laporan_id=laporan.pk).pk == laporan.pk
    else:
        with pytest.raises(NotFound):
            selectors.laporan_get(actor=user, laporan_id=laporan.pk)
    assert selectors.laporan_list(actor=_user(dunia.org, viewer)).filter(pk=laporan.pk).exists() is sees
    # rules permissions
    assert _user(dunia.org, viewer).has_perm("laporan.view_laporanharian", laporan) is sees
    assert _user(dunia.org, viewer).has_perm("laporan.review_laporanharian", laporan) is reviews
    assert _user(dunia.org, viewer).has_perm("laporan.change_laporanharian", laporan) is (viewer == "staff_1")
    # HTML page, evidence file and API: 404 outside the scope, never 403
    c = _client(_user(dunia.org, viewer))
    assert c.get(f"/laporan/{laporan.pk}/").status_code == (200 if sees else 404)
    assert c.get(f"/laporan/bukti/{bukti.pk}/").status_code == (200 if sees else 404)
    r = c.get(f"/api/v1/laporan/harian/{laporan.pk}")
    assert r.status_code == (200 if sees else 404)
    if not sees:
        assert r.json()["code"] == "not_found"
    # review
    if reviews:
        services.laporan_harian_approve(actor=_user(dunia.org, viewer), laporan=laporan)
    else:
        with pytest.raises(NotFound if not sees else Forbidden):
            services.laporan_harian_approve(actor=_user(dunia.org, viewer), laporan=laporan)
    laporan.refresh_from_db()
    assert (laporan.status == "disetujui") is reviews


def test_inspektorat_is_read_only(dunia, target):
    laporan, bukti = target
    auditor = _user(dunia.org, "auditor")
    for call in (lambda: services.laporan_komentar_create(actor=auditor, laporan=laporan, isi="x"),
                 lambda: services.laporan_harian_request_revision(actor=auditor, laporan=laporan, komentar="x"),
                 lambda: services.laporan_harian_update(actor=auditor, laporan=laporan, data={"uraian": "x"}),
                 lambda: services.bukti_dukung_delete(actor=auditor, bukti=bukti)):
        with pytest.raises(Forbidden):
            call()
