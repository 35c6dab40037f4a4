"""What changed in the registers, and when: conditional requests and incremental harvesting.

``last_modified(registers)``: the newest change to any of the registers, from two indexed maxima per
register: its records' ``updated_at`` (every save, bulk loads included) and, where the model keeps a history
(django-simple-history), its newest history record's date, which is also when its last deletion happened.

``departed(register, since)``: the slugs of the records that left the public register since ``since``, from
the model's history: the slugs a record changed since then had while it was public (its model's ``public_rule``
applied to its history, so never the slug of a draft that was never public) and that no public record has now:
unpublished, consent withdrawn, deleted, or renamed (its old slug). A register without a history has none.
"""

from django.db.models import Max


def _history(model):
    history = getattr(model, "history", None)
    return getattr(history, "model", None)


def last_modified(registers):
    """The newest ``updated_at`` or history date of the records of ``registers``, or None when they are empty.
    One query (a sum of index lookups)."""
    maxima = []
    for register in registers:
        model = register.model
        maxima.append(model._default_manager.order_by().values(newest=Max("updated_at")))
        history = _history(model)
        if history is not None:
            maxima.append(history._default_manager.order_by().values(newest=Max("history_date")))
    if not maxima:
        return None
    first, *rest = maxima
    dates = [row["newest"] for row in first.union(*rest, all=True)] if rest else [row["newest"] for row in first]
    dates = [date for date in dates if date is not None]
    return max(dates) if dates else None


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
