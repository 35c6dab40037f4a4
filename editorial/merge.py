"""Merging a duplicate into the record kept: every link moves, the duplicate goes, the history says so.

Written once for any model: the links are found through Django's model metadata (foreign keys and
many-to-many fields pointing at the duplicate, and the duplicate's own many-to-many fields), never by
naming a register. The kept record's own fields, editorial state and consent stay as they are, so a
merge never makes public what was not: the duplicate's text, e-mail or consent is not copied over.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from simple_history.models import HistoricalChanges


class MergeRefused(Exception):
    """The two records cannot be merged; the message says why, in plain words."""


def merge(kept, duplicate):
    """Move every link of ``duplicate`` to ``kept`` and delete ``duplicate``, in one transaction.

    Both records get a history entry whose reason names the other. Queries: a few per relation.
    """
    if type(kept) is not type(duplicate) or kept.pk == duplicate.pk:
        raise MergeRefused(gettext("Choose two different records of the same kind."))
    if any(getattr(kept, field) != getattr(duplicate, field) for field in getattr(kept, "duplicate_same", ())):
        raise MergeRefused(gettext("These two are different places (another country or level): not merged."))
    try:
        with transaction.atomic():
            moved = move_links(kept, duplicate)
            kept.refresh_from_db()  # a self-relation (a locality's parent) may have moved on it too
            kept._change_reason = truncate(gettext("merged %(kept)s (#%(pk)s) into this record") % reason(duplicate))
            duplicate._change_reason = truncate(gettext("merged into %(kept)s (#%(pk)s)") % reason(kept))
            duplicate.delete()
            kept.save()
    except IntegrityError as error:
        raise MergeRefused(
            gettext("The two records could not be merged: a link of one would repeat a link of the other (%(why)s).")
            % {"why": str(error).strip().splitlines()[0]}
        ) from error
    return moved


def move_links(kept, duplicate):
    """Repoint every relation from ``duplicate`` to ``kept``; returns how many links moved."""
    moved = 0
    for relation in duplicate._meta.related_objects:
        related = relation.related_model
        if issubclass(related, HistoricalChanges):  # history rows keep naming the record they were about
            continue
        if relation.many_to_many and not relation.through._meta.auto_created:
            continue  # a through model of its own (participations): moved by its foreign key, below
        if relation.many_to_many:
            accessor = relation.get_accessor_name()
            others = list(getattr(duplicate, accessor).all())
            getattr(kept, accessor).add(*others)
            getattr(duplicate, accessor).clear()
            moved += len(others)
        else:
            moved += related._base_manager.filter(**{relation.field.name: duplicate}).update(
                **{relation.field.name: kept}
            )
    for field in duplicate._meta.many_to_many:
        if not field.remote_field.through._meta.auto_created:
            continue
        values = list(getattr(duplicate, field.name).all())
        getattr(kept, field.name).add(*values)
        moved += len(values)
    return moved


def reason(record):
    return {"kept": str(record), "pk": record.pk}


def truncate(text):
    return text[:100]  # django-simple-history's change reason column
