"""Writing many new rows with one `COPY … FROM STDIN` per table: what `bulk_create` does,
without building INSERT statements of tens of thousands of parameters that psycopg must parse
and the server plan (the register import writes 5,000 people, their notes and their audit
entries this way).

Like `bulk_create`, no `save()` and no signal runs: the caller fills derived fields (e.g.
`Beneficiary.fill_search_fields()`) and writes audit entries itself. Fields' `pre_save` does run,
so `auto_now`/`auto_now_add` dates are set.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys from the table's own sequence, as inserts would take them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_insert(objects: Sequence[models.Model], *, with_ids: bool = True) -> None:
    """Insert unsaved instances of one model with one COPY. `with_ids`: each first gets its
    primary key from the table's sequence, so that rows referring to it can follow."""
    if not objects:
        return
    model = type(objects[0])
    if with_ids:
        for instance, pk in zip(objects, reserve_ids(model, len(objects)), strict=True):
            instance.pk = pk
    fields = [f for f in model._meta.concrete_fields if with_ids or not f.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for instance in objects:
            copy.write_row(
                [f.get_db_prep_save(f.pre_save(instance, add=True), connection) for f in fields]
            )
    for instance in objects:
        instance._state.adding = False
        instance._state.db = connection.alias
