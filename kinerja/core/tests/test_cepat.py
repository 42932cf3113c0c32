"""Fixed-SQL reads (core/cepat.py) build the same instances the ORM does: converted values, deferred columns."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from kinerja.core import cepat
from kinerja.core.models import ApiToken, User
from kinerja.core.services import _token_dengan_user, api_token_create

pytestmark = pytest.mark.django_db


def _values(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_token_and_account_equal_what_the_orm_reads(org):
    user = org.staff_1.user
    User.objects.filter(pk=user.pk).update(last_login=timezone.now() - dt.timedelta(hours=3))
    token, key = api_token_create(user=user)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    fast = _token_dengan_user(token.key_hash)
    orm = ApiToken.objects.select_related("user").get(pk=token.pk)
    assert _values(fast) == _values(orm) and _values(fast.user) == _values(orm.user)
    assert fast.user.last_login.tzinfo is not None and fast.is_active
    assert not fast._state.adding and _token_dengan_user("tidak-ada") is None


def test_unlisted_columns_are_deferred_and_load_on_use(org, django_assert_num_queries):
    k = cepat.kolom(User, "u", ("id", "username"))
    row = cepat.baris(f"SELECT {k.sql} FROM core_user u WHERE u.id = %s", [org.staff_1.user.pk])[0]  # noqa: S608
    user = k.buat(row)
    assert user.username == org.staff_1.user.username and "email" in user.get_deferred_fields()
    with django_assert_num_queries(1):
        assert user.email == org.staff_1.user.email


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_fixed_statements_are_prepared_once_per_connection_and_orm_queries_are_not(org):
    from django.test.utils import CaptureQueriesContext

    sql = "SELECT u.id FROM core_user u WHERE u.id = %s"
    with CaptureQueriesContext(connection) as q:
        assert cepat.baris(sql, [org.staff_1.user.pk]) == [(org.staff_1.user.pk,)]
        assert cepat.baris(sql, [0]) == []
    assert [x["sql"] for x in q.captured_queries] == [sql % org.staff_1.user.pk, sql % 0]  # the log reads them
    User.objects.filter(pk=org.staff_1.user.pk).exists()
    with connection.cursor() as c:
        c.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [r[0] for r in c.fetchall()]
    assert "SELECT u.id FROM core_user u WHERE u.id = $1" in prepared
    assert not any("core_user" in p and "$1" not in p for p in prepared)  # the ORM's queries are not prepared


def test_sisip_inserts_what_save_inserts(org):
    a = User(username="lewat-orm", first_name="A", email="a@contoh.go.id")
    a.save()
    b = User(username="lewat-sisip", first_name="A", email="a@contoh.go.id")
    cepat.sisip(b)
    assert b.pk and not b._state.adding
    skip = {"id", "username", "date_joined"}
    assert {k: v for k, v in _values(User.objects.get(pk=b.pk)).items() if k not in skip} == {
        k: v for k, v in _values(User.objects.get(pk=a.pk)).items() if k not in skip}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_preparing_can_be_turned_off_for_poolers(org, settings):
    settings.KINERJA_PG_PREPARE = False
    assert cepat.baris("SELECT u.id FROM core_user u WHERE u.id = %s AND 2 = 2", [org.staff_1.user.pk])
    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%2 = 2%"])
        assert c.fetchone()[0] == 0


def test_statements_sent_together_answer_as_one_by_one(org):
    a, b = org.staff_1.user, org.kadis.user
    perintah = [("SELECT u.username FROM core_user u WHERE u.id = %s", [a.pk]),
                ("SELECT u.id, u.email FROM core_user u WHERE u.id IN (%s, %s) ORDER BY u.id", [a.pk, b.pk]),
                ("SELECT u.id FROM core_user u WHERE u.id = %s", [0])]
    assert cepat.baris_berurutan(*perintah) == [cepat.baris(sql, p) for sql, p in perintah] == [
        [(a.username,)], sorted([(a.pk, a.email), (b.pk, b.email)]), []]
