"""What changed in the registers, and when: conditional requests and incremental harvesting.

``last_modified(registers)``: the newest change to any of the registers, from two indexed maxima per
register: its records' ``updated_at`` (every save, bulk loads included) and, where the model keeps a history
(django-simple-history), its newest history record's date, which is also when its last deletion happened.

``departed(register, since)``: the slugs of the records that left the public register since ``since``, from
the model's history: the slugs a record changed since then had while it was public (its model's ``public_rule``
applied to its history, so never the slug of a draft that was never public) and that no public record has now:
unpublished, consent withdrawn, deleted, or renamed (its old slug). A register without a history has none.
"""

from functools import cache

from django.db import connection


@cache
def _history(model):
    """The historical model of ``model``, or None. Read once per model: django-simple-history's ``history``
    attribute builds a new manager class at every access, which every API answer would pay for each register."""
    history = getattr(model, "history", None)
    return getattr(history, "model", None)


def last_modified(registers):
    """The newest ``updated_at`` or history date of the records of ``registers``, or None when they are empty.
    One query: ``GREATEST`` of one ``max()`` per table, each read from the end of its index (an aggregate in
    ``values()`` would group by the primary key: a row per record)."""
    maxima = []
    for register in registers:
        maxima.append(_newest(register.model, "updated_at"))
        history = _history(register.model)
        if history is not None:
            maxima.append(_newest(history, "history_date"))
    if not maxima:
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT GREATEST({', '.join(maxima)})")
        return cursor.fetchone()[0]


def _newest(model, field):
    quote = connection.ops.quote_name
    column = model._meta.get_field(field).column
    return f"(SELECT max({quote(column)}) FROM {quote(model._meta.db_table)})"  # noqa: S608 (our own names)


def departed(register, since):
    """Sorted slugs of ``register``'s records that left the public register at or after ``since``. One query."""
    history = _history(register.model)
    if history is None:
        return []
    rule = register.base_queryset().public_rule
    rows = history._default_manager.order_by()
    changed = rows.filter(history_date__gte=since).values("id")  # ``id``: the record's own id, kept in its history
    public_now = register.base_queryset().order_by().values("slug")
    slugs = rows.filter(rule, id__in=changed).exclude(slug__in=public_now).values_list("slug", flat=True)
    return list(slugs.distinct().order_by("slug"))
