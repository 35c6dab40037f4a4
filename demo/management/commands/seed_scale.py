from django.core.management.base import BaseCommand, CommandError

from demo import scale
from search import vocabulary


class Command(BaseCommand):
    help = (
        "Fill the database with many realistic records for the benchmark (bulk inserts, deterministic). "
        "Scale records have slugs starting with 'scale-'; --clear removes them first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=int, default=100_000)
        parser.add_argument("--researchers", type=int, default=50_000)
        parser.add_argument("--partnerships", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2016, help="Random seed: the same seed gives the same data.")
        parser.add_argument("--clear", action="store_true", help="Delete previous scale data first.")

    def handle(self, *args, **options):
        counts = {name: options[name] for name in ("initiatives", "researchers", "partnerships")}
        if any(n < 0 for n in counts.values()):
            raise CommandError("Counts cannot be negative.")
        if options["clear"]:
            scale.clear(log=self.stdout.write)
        elif any(scale.existing_counts().values()):
            raise CommandError("Scale data is already there: add --clear to replace it.")
        try:
            scale.seed(**counts, seed=options["seed"], log=self.stdout.write)
        except scale.ReferenceDataMissing as exc:
            raise CommandError(str(exc)) from exc
        vocabulary.rebuild()
        existing = scale.existing_counts()
        self.stdout.write(", ".join(f"{n:,} {name}" for name, n in existing.items()))
