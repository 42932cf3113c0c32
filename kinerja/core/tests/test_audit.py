import pytest
from auditlog.models import LogEntry

from kinerja.core import selectors, services
from kinerja.core.audit import audit_actor
from kinerja.core.exceptions import Forbidden
from kinerja.core.models import CatatanAudit, Instansi
from kinerja.organisasi.tests.factories import fresh

pytestmark = pytest.mark.django_db


def _actor_of(obj):
    return LogEntry.objects.get_for_object(obj).latest("timestamp").actor_id


def test_nested_actors_and_stale_contexts(org):
    a, b = fresh(org.admin.user), fresh(org.kadis.user)
    with audit_actor(a):
        x = Instansi.objects.create(kode="x", nama="X", nama_daerah="X")
        with audit_actor(b):
            y = Instansi.objects.create(kode="y", nama="Y", nama_daerah="Y")
        z = Instansi.objects.create(kode="z", nama="Z", nama_daerah="Z")
    w = Instansi.objects.create(kode="w", nama="W", nama_daerah="W")
    with audit_actor(a):  # a stale context of the same actor must not be mistaken for an active one
        v = Instansi.objects.create(kode="v", nama="V", nama_daerah="V")
    assert [_actor_of(o) for o in (x, y, z, w, v)] == [a.pk, b.pk, a.pk, None, a.pk]


def test_audit_search_is_scoped_to_the_instansi(org, login):
    from kinerja.organisasi.services import pegawai_update

    pegawai_update(actor=fresh(org.staff_1.user), pegawai=org.staff_1, telepon="0811")
    pegawai_update(actor=fresh(org.staff_b.user), pegawai=org.staff_b, telepon="0822")
    auditor = fresh(org.auditor.user)
    entries = selectors.audit_log_search(actor=auditor, model="pegawai")
    reprs = {e.object_repr for e in entries}
    assert any(org.staff_1.nip in r for r in reprs)
    assert not any(org.staff_b.nip in r for r in reprs)
    page = login(auditor).get("/audit/?q=" + org.staff_1.nip).content.decode()
    assert "0811" in page and "0822" not in page


def test_audit_search_denied_to_other_roles(org):
    for who in ("staff_1", "kadis", "bupati"):
        with pytest.raises(Forbidden):
            selectors.audit_log_search(actor=fresh(org.user(who)))


def test_only_inspektorat_writes_audit_notes(org, login):
    note = services.catatan_audit_create(actor=fresh(org.auditor.user), judul="Sampel laporan",
                                         isi="Diperiksa 10 laporan.")
    assert note.instansi_id == org.instansi.pk
    with pytest.raises(Forbidden):
        services.catatan_audit_create(actor=fresh(org.admin.user), judul="x", isi="y")
    r = login(fresh(org.auditor.user)).post("/audit/catatan/", {"judul": "", "isi": ""})
    assert r.status_code == 400 and "Ada yang perlu diperbaiki" in r.content.decode()
    assert CatatanAudit.objects.count() == 1
