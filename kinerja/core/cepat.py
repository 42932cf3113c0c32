"""Fixed SQL for the hottest paths (every API call's token, every report's writer, the report's insert): Django
builds these rows exactly as a queryset would — columns converted by the same converters, instances made by
`Model.from_db`, unlisted columns deferred; values prepared for the database by the fields themselves — but the
statement is composed once per process instead of compiled on every request, which cost more than running it, and
on PostgreSQL it is prepared once per connection (bench/ingest).

Identifiers come from the models' metadata, never from input; values are always bound parameters.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections


class Kolom:
    """The concrete columns of a model under a table alias, with their converters for this connection."""

    def __init__(self, model, alias: str, attnames: tuple[str, ...] | None = None):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if attnames is None or f.attname in attnames]
        self.attnames = [f.attname for f in self.fields]
        q = connection.ops.quote_name
        self.sql = ", ".join(f"{alias}.{q(f.column)}" for f in self.fields)
        self._convert = []
        for f in self.fields:
            col = f.get_col(alias)
            self._convert.append((col, connection.ops.get_db_converters(col) + f.get_db_converters(connection)))

    def __len__(self) -> int:
        return len(self.fields)

    def buat(self, values):
        """A model instance from this slice of a row, as the ORM would build it."""
        db, out = connections[DEFAULT_DB_ALIAS], []
        for value, (col, converters) in zip(values, self._convert, strict=True):
            for converter in converters:
                value = converter(value, col, db)
            out.append(value)
        return self.model.from_db(db.alias, self.attnames, out)


@cache
def kolom(model, alias: str, attnames: tuple[str, ...] | None = None) -> Kolom:
    """Cached per (model, alias, columns); one process talks to one kind of database."""
    return Kolom(model, alias, attnames)


_NEVER_BY_COUNT = 2**31 - 1


class _Tertulis:
    """The statement as Django's query log reads it from a psycopg cursor (`_query.query`), composed only when
    read (DEBUG, tests' query captures)."""

    __slots__ = ("params", "sql")

    def __init__(self, sql, params):
        self.sql, self.params = sql, params

    @property
    def query(self) -> bytes:
        return connections[DEFAULT_DB_ALIAS].ops.compose_sql(self.sql, self.params).encode()


# On PostgreSQL the fixed statements go through a psycopg cursor with server-side parameters and are prepared on the
# connection: parsed and planned once per connection instead of on every request (the joins of the token, the
# writer and the RHK cost more to plan than to run; bench/ingest). Django keeps its own cursors client-side and
# unprepared (the ORM's SQL is not always preparable, and poolers in transaction mode used to break prepared
# statements); only this module's fixed statements are prepared. KINERJA_PG_PREPARE=false turns it off.
def _disiapkan(db) -> bool:
    return db.vendor == "postgresql" and settings.KINERJA_PG_PREPARE


@cache
def _kelas_kursor_siap():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class Cursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            result = super().execute(query, params, prepare=True, binary=binary)
            self._query = _Tertulis(query, params)  # for Django's query log (a prepared run sets none)
            return result

    return Cursor


def _kursor_siap(db):
    """What `connection.cursor()` does (health check, thread check, debug and execute wrappers), on a preparing
    cursor."""
    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_thread_sharing()
    with db.wrap_database_errors:
        pg = db.connection
        if pg.prepare_threshold is None:
            # Django turns preparing off for the connection; its own (client-side) cursors never prepare anyway,
            # so only statements sent through this cursor are prepared
            pg.prepare_threshold = _NEVER_BY_COUNT
        raw = _kelas_kursor_siap()(pg)
    return db.make_debug_cursor(raw) if db.queries_logged else db.make_cursor(raw)


def baris(sql: str, params: list) -> list[tuple]:
    """The rows of one fixed statement (prepared per connection on PostgreSQL)."""
    db = connections[DEFAULT_DB_ALIAS]  # once: every `connection.x` is a lookup in a context-local
    with (_kursor_siap(db) if _disiapkan(db) else db.cursor()) as c:
        c.execute(sql, params)
        return c.fetchall()


def baris_berurutan(*perintah: tuple[str, list]) -> list[list[tuple]]:
    """The rows of several fixed statements, run in order, each with its own snapshot (a statement that waits for a
    row lock lets the next one see what the lock holder committed). On PostgreSQL they are sent together in one
    round trip (a psycopg pipeline; a transaction's BEGIN goes with them); elsewhere one after another."""
    db = connections[DEFAULT_DB_ALIAS]
    if not _disiapkan(db) or not _pipeline_didukung():
        return [baris(sql, params) for sql, params in perintah]
    cursors = [_kursor_siap(db) for _ in perintah]  # connects and checks before the pipeline starts
    try:
        with db.wrap_database_errors, db.connection.pipeline():
            for c, (sql, params) in zip(cursors, perintah, strict=True):
                c.execute(sql, params)
        return [c.fetchall() for c in cursors]
    finally:
        for c in cursors:
            c.close()


@cache
def _pipeline_didukung() -> bool:
    import psycopg

    return psycopg.Pipeline.is_supported()


class _Sisip:
    """A model's INSERT as `Model.save()` writes a new row (every local concrete column, the auto primary key only
    when it is already given; the values from `pre_save` and `get_db_prep_save`), returning the primary key."""

    def __init__(self, model, with_pk: bool):
        meta = model._meta
        if meta.parents or meta.auto_field is None or list(meta.db_returning_fields) != [meta.pk]:
            raise TypeError(f"{model.__name__}: only models with an auto primary key and no parents")
        self.fields = [f for f in meta.local_concrete_fields if not f.generated and (with_pk or f is not meta.pk)]
        q = connection.ops.quote_name
        self.table, self.pk_column = q(meta.db_table), q(meta.pk.column)
        self.columns = ", ".join(q(f.column) for f in self.fields)
        self.placeholders = f"({', '.join(['%s'] * len(self.fields))})"
        self.sql = (f"INSERT INTO {self.table} ({self.columns}) VALUES {self.placeholders} "  # noqa: S608
                    f"RETURNING {self.pk_column}")
        self.pk_attname = meta.pk.attname


@cache
def _sisip(model, with_pk: bool = False) -> _Sisip:
    return _Sisip(model, with_pk)


class Baris:
    """A new instance ready to insert: its `pre_save` has run (auto_now fields are set on it) and its values are
    prepared for the database."""

    def __init__(self, obj):
        if not obj._state.adding:
            raise ValueError("sisip() inserts new rows only")
        self.db = connections[DEFAULT_DB_ALIAS]
        self.obj = obj
        self.sisip = _sisip(type(obj), obj.pk is not None)
        obj._prepare_related_fields_for_save(operation_name="save")
        self.values = [f.get_db_prep_save(f.pre_save(obj, True), self.db) for f in self.sisip.fields]

    def tersimpan(self, pk=None) -> None:
        if pk is not None:
            setattr(self.obj, self.sisip.pk_attname, pk)
        self.obj._state.adding = False
        self.obj._state.db = self.db.alias


def sisip(obj) -> None:
    """INSERT a new instance with fixed SQL, as `obj.save()` would, but without the model's save signals: the
    caller answers for what they would have done (core/audit.py `simpan_baru` writes the audit entry)."""
    sisip_bersama(Baris(obj))


@cache
def _sql_bersama(parts: tuple[_Sisip, ...]) -> str:
    ctes = ", ".join(f"t{n} AS (INSERT INTO {s.table} ({s.columns}) VALUES {s.placeholders})"  # noqa: S608
                     for n, s in enumerate(parts[:-1]))
    return f"WITH {ctes} {parts[-1].sql}"


def sisip_bersama(*rows: Baris) -> None:
    """INSERT new rows. On PostgreSQL several rows whose primary keys are already given (from `nextval`; the last
    may be left to the database) go in one statement, as data-modifying CTEs: one round trip. Elsewhere, or
    without the keys, one statement each, in order. No save signals."""
    db = connections[DEFAULT_DB_ALIAS]
    if len(rows) > 1 and db.vendor == "postgresql" and all(r.obj.pk is not None for r in rows[:-1]):
        params = [v for r in rows for v in r.values]
        pk = baris(_sql_bersama(tuple(r.sisip for r in rows)), params)[0][0]
        for r in rows[:-1]:
            r.tersimpan()
        rows[-1].tersimpan(pk)
        return
    for r in rows:
        r.tersimpan(baris(r.sisip.sql, r.values)[0][0])
