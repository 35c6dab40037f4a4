"""Did you mean …'s vocabulary of initiatives kept current (techdiplo_search 0007): a published initiative's title
words, and the names of its facets' tables (policy areas, countries, frameworks), added as they commit."""

from django.db import migrations

# search_vocabulary_watch(trigger name, table, registers, condition over {row}, SQL of the words' text over n
# (the new row), the columns that text is made from).
FORWARD = """
SELECT search_vocabulary_watch('search_words_initiatives', 'initiatives_initiative', ARRAY['initiatives'],
  '{row}.editorial_state = ''published''',
  'concat_ws('' '', n.title, n.title_ja)', 'title,title_ja');
SELECT search_vocabulary_watch('search_words_initiatives', 'directory_policyarea', ARRAY['initiatives'],
  'true',
  'concat_ws('' '', n.name, n.name_ja)', 'name,name_ja');
SELECT search_vocabulary_watch('search_words_initiatives', 'directory_country', ARRAY['initiatives'],
  'true',
  'concat_ws('' '', n.name, n.name_ja)', 'name,name_ja');
SELECT search_vocabulary_watch('search_words_initiatives', 'initiatives_framework', ARRAY['initiatives'],
  'true',
  'concat_ws('' '', n.name, n.name_ja)', 'name,name_ja');
"""

BACKWARD = "SELECT search_vocabulary_unwatch('search_words_initiatives');"


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0014_text_index_name_tokens"),
        ("techdiplo_search", "0007_vocabulary_triggers"),
    ]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]  # one execute() each, not split at every semicolon
