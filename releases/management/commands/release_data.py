"""``manage.py release_data`` (``make data``): write a new dated data release (a Frictionless Data Package)."""

import time

from django.core.management.base import BaseCommand

from releases import storage
from releases.writer import write_release


class Command(BaseCommand):
    help = "Write a new dated data release (a Frictionless Data Package) into DATA_RELEASES_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Write into this folder instead of settings.DATA_RELEASES_DIR.")
        parser.add_argument(
            "--if-none",
            action="store_true",
            help="Only when there is no release yet (make run: the demo's /data/ has one to show).",
        )

    def handle(self, *args, **options):
        if options["if_none"] and storage.names(options["dir"]):
            self.stdout.write(f"A data release exists already ({storage.names(options['dir'])[0]}): none written.")
            return
        started = time.perf_counter()
        folder = write_release(options["dir"])
        descriptor = storage.descriptor(folder)
        for resource in descriptor["resources"]:
            self.stdout.write(f"  {resource['path']:<38} {resource['rows']:>9,} rows {resource['bytes']:>12,} bytes")
        changes = descriptor["techdiplo:changes"]
        if changes["since"]:
            changed = {
                name: change
                for name, change in changes["resources"].items()
                if change["added"] or change["removed"] or change["changed"]
            }
            self.stdout.write(f"Changes since {changes['since']}:" + ("" if changed else " none"))
            for name, change in changed.items():
                self.stdout.write(
                    f"  {name}: {change['added']} added, {change['removed']} removed, {change['changed']} changed"
                )
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Release {folder.name} written to {folder} in {elapsed:.1f} s"))
