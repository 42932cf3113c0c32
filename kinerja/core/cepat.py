"""Fixed SQL for the hottest reads (every API call's token, every report's writer): Django builds these rows exactly
as a queryset would — columns converted by the same converters, instances made by `Model.from_db`, unlisted
columns deferred — but the SELECT is composed once per process instead of compiled on every request, which cost
more than running it (bench/ingest).

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


def baris(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as c:
        c.execute(sql, params)
        return c.fetchall()
