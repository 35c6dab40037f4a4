"""Keep the PostgreSQL search vectors of dependent records current when a name they hold changes.

The triggers (see the registers' search migrations) read an organization's or a
locality's name when a researcher or partnership row is written; renaming the
organization or locality rewrites its dependants' rows so the triggers run again.
"""

from django.db import connection


def refresh_dependants(sender, instance, created=False, raw=False, **kwargs):
    if created or raw or connection.vendor != "postgresql":
        return
    from directory.models import Locality, Organization
    from partnerships.models import SubnationalPartnership
    from people.models import Researcher

    if isinstance(instance, Organization):
        Researcher.objects.filter(affiliation=instance).update(search_vector=None)
    elif isinstance(instance, Locality):
        localities = [instance.pk, *instance.children.values_list("pk", flat=True)]
        SubnationalPartnership.objects.filter(japanese_locality__in=localities).update(search_vector=None)
        SubnationalPartnership.objects.filter(foreign_locality__in=localities).update(search_vector=None)
