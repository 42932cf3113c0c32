import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from kinerja.core.roles import roles_of
from kinerja.organisasi import rules
from kinerja.organisasi.models import Pegawai, UnitKerja

# transaction=True: flush inside the test transaction fails on PostgreSQL
# ("cannot TRUNCATE ... pending trigger events" from deferred FK checks).
pytestmark = pytest.mark.django_db(transaction=True)

N = 400


def fingerprint() -> str:
    rows = Pegawai.objects.order_by("nip").values_list("nip", "nama", "jabatan__nama", "unit_kerja__nama")
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()


def seed(n=N, s=7):
    call_command("seed_demo", pegawai=n, seed=s, stdout=io.StringIO())


def wipe():
    """Empty the database (later apps protect pegawai and units from deletion, so flush rather than delete)."""
    call_command("flush", interactive=False, verbosity=0)


def test_seed_is_deterministic_and_valid():
    seed()
    first = fingerprint()
    assert Pegawai.objects.count() == N
    assert UnitKerja.objects.filter(induk__isnull=True).count() >= 35
    for nip in Pegawai.objects.values_list("nip", flat=True):
        rules.parse_nip(nip)  # every NIP is valid
    wipe()
    seed()
    assert fingerprint() == first
    wipe()
    seed(s=8)
    assert fingerprint() != first


def test_demo_logins_cover_every_role_and_work(settings):
    seed()
    out = io.StringIO()
    call_command("demo_logins", "--json", stdout=out)
    logins = json.loads(out.getvalue())
    assert set(logins) == {"pegawai", "atasan", "pimpinan_opd", "admin_bkpsdm", "inspektorat", "pimpinan_daerah"}
    from django.contrib.auth import get_user_model

    User = get_user_model()
    for role, username in logins.items():
        user = User.objects.get(username=username)
        assert role in roles_of(user), role
        c = Client()
        assert c.post("/masuk/", {"username": username, "password": settings.DEMO_PASSWORD}).status_code == 302
        assert c.get("/").status_code == 200
    # the demo pegawai reports to the demo atasan
    from kinerja.organisasi.selectors import atasan_langsung

    peg = Pegawai.objects.get(nip=logins["pegawai"])
    assert atasan_langsung(peg).nip == logins["atasan"]


def test_every_pegawai_except_the_top_has_an_atasan():
    seed()
    from kinerja.organisasi.selectors import atasan_map

    people = list(Pegawai.objects.select_related("jabatan"))
    atasan = atasan_map(people)
    without = [p for p in people if atasan[p.pk] is None]
    assert [p.jabatan.nama for p in without] == ["Sekretaris Daerah"]


def test_seed_refuses_a_non_empty_database_unless_if_empty():
    seed()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        seed()
    out = io.StringIO()
    call_command("seed_demo", if_empty=True, stdout=out)
    assert "dilewati" in out.getvalue()
