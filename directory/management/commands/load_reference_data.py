from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from directory.reference import load


class Command(BaseCommand):
    help = (
        "Create or update countries, first-level subdivisions and policy areas from pycountry and "
        "directory/reference.py (after a pycountry upgrade, say). Safe to run again: it changes only what differs."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            summary = load(apps)
        for what, (created, updated) in summary.items():
            self.stdout.write(f"{what}: {created} created, {updated} updated")
