"""``manage.py search_words [register ...]``: rebuild the vocabulary "Did you mean …" corrects queries from
(``search.vocabulary``); every register when none is named. The demo and scale seeds run it."""

from django.core.management.base import BaseCommand, CommandError

from search import registry, vocabulary


class Command(BaseCommand):
    help = "Rebuild the registers' vocabulary for “Did you mean …” from their published records and facet names."

    def add_arguments(self, parser):
        parser.add_argument("registers", nargs="*", help="register names (default: every register)")

    def handle(self, *args, **options):
        unknown = [name for name in options["registers"] if name not in registry]
        if unknown:
            raise CommandError(f"Unknown register(s): {', '.join(unknown)}. Known: {', '.join(registry)}.")
        vocabulary.rebuild(options["registers"] or None)
        self.stdout.write(f"Vocabulary rebuilt: {vocabulary.Word.objects.count():,} words.")
