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


# --- simpan_baru: the fixed-SQL insert and audit entry of the hottest write (laporan harian) ----------------------
_ENTRY_FIELDS = ("content_type_id", "object_repr", "serialized_data", "action", "changes_text", "actor_id",
                 "actor_email", "remote_addr", "remote_port", "additional_data", "cid")


def _instansi_row(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields
            if f.attname not in ("id", "kode", "created_at", "updated_at")}


def _changes(entry) -> dict:
    return {k: v for k, v in entry.changes.items() if k not in ("id", "kode", "created_at", "updated_at")}


def test_simpan_baru_writes_the_row_and_entry_that_save_and_auditlog_write(org):
    from auditlog.context import set_actor

    from kinerja.core.audit import simpan_baru

    actor = fresh(org.admin.user)
    with set_actor(actor, remote_addr="10.1.2.3"):
        lewat_orm = Instansi(kode="orm", nama="Pemkab Uji", nama_daerah="Kabupaten Uji", alamat="Jl. Merdeka 1")
        with audit_actor(actor):
            lewat_orm.save()
        cepat = Instansi(kode="cepat", nama="Pemkab Uji", nama_daerah="Kabupaten Uji", alamat="Jl. Merdeka 1")
        simpan_baru(cepat, actor=actor)
    assert cepat.pk and not cepat._state.adding and cepat.created_at and cepat.updated_at
    assert _instansi_row(Instansi.objects.get(pk=cepat.pk)) == _instansi_row(Instansi.objects.get(pk=lewat_orm.pk))
    a, b = (LogEntry.objects.get_for_object(o).get() for o in (lewat_orm, cepat))
    assert {f: getattr(b, f) for f in _ENTRY_FIELDS} == {
        **{f: getattr(a, f) for f in _ENTRY_FIELDS}, "object_repr": str(cepat),
        "additional_data": cepat.get_additional_data()}
    assert a.additional_data == lewat_orm.get_additional_data()
    assert (b.object_pk, b.object_id, b.action, b.actor_id, b.remote_addr) == (
        str(cepat.pk), cepat.pk, LogEntry.Action.CREATE, actor.pk, "10.1.2.3")
    assert _changes(b) == _changes(a) and b.changes["id"] == ["None", str(cepat.pk)]
    assert b.changes["kode"] == ["None", "cepat"]


def test_simpan_baru_outside_a_request_names_the_actor_and_respects_disabled_audit(org):
    from auditlog.context import disable_auditlog

    from kinerja.core.audit import simpan_baru

    actor = fresh(org.kadis.user)
    x = Instansi(kode="x-baru", nama="X", nama_daerah="X")
    simpan_baru(x, actor=actor)
    entry = LogEntry.objects.get_for_object(x).get()
    assert (entry.actor_id, entry.actor_email, entry.remote_addr) == (actor.pk, actor.email, None)
    with disable_auditlog():
        y = Instansi(kode="y-baru", nama="Y", nama_daerah="Y")
        simpan_baru(y, actor=actor)
    assert Instansi.objects.filter(pk=y.pk).exists() and not LogEntry.objects.get_for_object(y).exists()
    with pytest.raises(ValueError):
        simpan_baru(x, actor=actor)  # new rows only


def test_simpan_baru_with_a_given_key_is_one_statement_on_postgresql(org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.core.audit import simpan_baru

    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("SELECT nextval(pg_get_serial_sequence('core_instansi', 'id'))")
        else:
            c.execute("SELECT COALESCE(MAX(id), 0) + 100 FROM core_instansi")
        pk = c.fetchone()[0]
    actor = fresh(org.admin.user)
    x = Instansi(pk=pk, kode="berkunci", nama="X", nama_daerah="X")
    with CaptureQueriesContext(connection) as q:
        simpan_baru(x, actor=actor)
    inserts = [s["sql"] for s in q.captured_queries if "INSERT" in s["sql"]]
    assert len(inserts) == (1 if connection.vendor == "postgresql" else 2)
    entry = LogEntry.objects.get_for_object(x).get()
    assert Instansi.objects.filter(pk=pk, kode="berkunci").exists() and x.pk == pk and not x._state.adding
    assert (entry.object_id, entry.actor_id, entry.changes["id"]) == (pk, actor.pk, ["None", str(pk)])
