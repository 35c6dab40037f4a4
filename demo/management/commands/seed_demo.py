from django.core.management.base import BaseCommand
from django.db import transaction

from demo.seed import seed_demo
from search import vocabulary


class Command(BaseCommand):
    help = "Load the curated demo data set (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        with transaction.atomic():
            tally = seed_demo()
            vocabulary.rebuild()
        width = max(len(name) for name in tally)
        for name, counts in sorted(tally.items()):
            self.stdout.write(
                f"{name:<{width}}  {counts.created:>4} created  {counts.updated:>4} updated  "
                f"{counts.unchanged:>4} unchanged"
            )
        changed = sum(c.created + c.updated for c in tally.values())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {changed} records created or updated."))
