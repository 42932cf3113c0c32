"""Fixed SQL for the hottest paths (every API call's token, every report's writer, the report's insert): Django
builds these rows exactly as a queryset would — columns converted by the same converters, instances made by
`Model.from_db`, unlisted columns deferred; values prepared for the database by the fields themselves — but the
statement is composed once per process instead of compiled on every request, which cost more than running it, and
on PostgreSQL it is prepared once per connection (bench/ingest).

Identifiers come from the models' metadata, never from input; values are always bound parameters.
"""

from __future__ import annotations

from functools import cache

from django.db import connection


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
        out = []
        for value, (col, converters) in zip(values, self._convert, strict=True):
            for converter in converters:
                value = converter(value, col, connection)
            out.append(value)
        return self.model.from_db(connection.alias, self.attnames, out)


@cache
def kolom(model, alias: str, attnames: tuple[str, ...] | None = None) -> Kolom:
    """Cached per (model, alias, columns); one process talks to one kind of database."""
    return Kolom(model, alias, attnames)


_NEVER_BY_COUNT = 2**31 - 1


class _Siap:
    """On PostgreSQL, a psycopg cursor with server-side parameters whose statements are prepared on the connection:
    the fixed SQL is parsed and planned once per connection instead of on every request (the joins of the token,
    the writer and the RHK cost more to plan than to run; bench/ingest). Django keeps its own cursors client-side
    and unprepared (the ORM's SQL is not always preparable, and poolers in transaction mode used to break prepared
    statements); only this module's fixed statements are prepared."""

    cls = None

    @classmethod
    def cursor(cls):
        if cls.cls is None:
            from django.db.backends.postgresql.base import ServerBindingCursor

            class Cursor(ServerBindingCursor):
                def execute(self, query, params=None, *, prepare=None, binary=None):
                    return super().execute(query, params, prepare=True, binary=binary)

            cls.cls = Cursor
        # what connection.cursor() does (health check, thread check, debug and execute wrappers), on our cursor
        connection.close_if_health_check_failed()
        connection.ensure_connection()
        connection.validate_thread_sharing()
        with connection.wrap_database_errors:
            pg = connection.connection
            if pg.prepare_threshold is None:
                # Django turns preparing off for the connection; its own (client-side) cursors never prepare
                # anyway, so only statements sent through this cursor are prepared
                pg.prepare_threshold = _NEVER_BY_COUNT
            raw = cls.cls(pg)
        return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)


def baris(sql: str, params: list) -> list[tuple]:
    """The rows of one fixed statement (prepared per connection on PostgreSQL)."""
    with (_Siap.cursor() if connection.vendor == "postgresql" else connection.cursor()) as c:
        c.execute(sql, params)
        return c.fetchall()


class _Sisip:
    """A model's INSERT as `Model.save()` writes a new row (every local concrete column but the auto primary key,
    the values from `pre_save` and `get_db_prep_save`), returning the primary key."""

    def __init__(self, model):
        meta = model._meta
        if meta.parents or meta.auto_field is None or list(meta.db_returning_fields) != [meta.pk]:
            raise TypeError(f"{model.__name__}: only models with an auto primary key and no parents")
        self.fields = [f for f in meta.local_concrete_fields if not f.generated and f is not meta.auto_field]
        q = connection.ops.quote_name
        self.sql = (f"INSERT INTO {q(meta.db_table)} ({', '.join(q(f.column) for f in self.fields)}) "  # noqa: S608
                    f"VALUES ({', '.join(['%s'] * len(self.fields))}) RETURNING {q(meta.pk.column)}")
        self.pk_attname = meta.pk.attname


@cache
def _sisip(model) -> _Sisip:
    return _Sisip(model)


def sisip(obj) -> None:
    """INSERT a new instance with fixed SQL, as `obj.save()` would, but without the model's save signals: the
    caller answers for what they would have done (core/audit.py `simpan_baru` writes the audit entry)."""
    s = _sisip(type(obj))
    if getattr(obj, s.pk_attname) is not None:
        raise ValueError("sisip() inserts new rows only")
    obj._prepare_related_fields_for_save(operation_name="save")
    values = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in s.fields]
    setattr(obj, s.pk_attname, baris(s.sql, values)[0][0])
    obj._state.adding = False
    obj._state.db = connection.alias
