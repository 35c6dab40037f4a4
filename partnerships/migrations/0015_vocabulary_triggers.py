"""Did you mean …'s vocabulary of partnerships kept current (techdiplo_search 0007): a published partnership's
localities' names, a prefecture's or a published partnership's locality's new name, and the names of its other
facets' tables (countries, policy areas), added as they commit."""

from django.db import migrations

# search_vocabulary_watch(trigger name, table, registers, condition over {row}, SQL of the words' text over n
# (the new row), the columns that text is made from).
FORWARD = """
SELECT search_vocabulary_watch('search_words_partnerships', 'partnerships_subnationalpartnership', ARRAY['partnerships'],
  '{row}.editorial_state = ''published''',
  '(SELECT string_agg(concat_ws('' '', l.name, l.name_ja), '' '') FROM directory_locality AS l
   WHERE l.id IN (n.japanese_locality_id, n.foreign_locality_id))', 'japanese_locality_id,foreign_locality_id');
SELECT search_vocabulary_watch('search_words_partnerships', 'directory_locality', ARRAY['partnerships'],
  '{row}.level = ''prefecture'' OR EXISTS (SELECT 1 FROM partnerships_subnationalpartnership AS p
   WHERE {row}.id IN (p.japanese_locality_id, p.foreign_locality_id) AND p.editorial_state = ''published'')',
  'concat_ws('' '', n.name, n.name_ja)', 'name,name_ja');
SELECT search_vocabulary_watch('search_words_partnerships', 'directory_country', ARRAY['partnerships'],
  'true',
  'concat_ws('' '', n.name, n.name_ja)', 'name,name_ja');
SELECT search_vocabulary_watch('search_words_partnerships', 'directory_policyarea', ARRAY['partnerships'],
  'true',
  'concat_ws('' '', n.name, n.name_ja)', 'name,name_ja');
"""

BACKWARD = "SELECT search_vocabulary_unwatch('search_words_partnerships');"


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0014_text_index_name_tokens"),
        ("techdiplo_search", "0007_vocabulary_triggers"),
    ]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]  # one execute() each, not split at every semicolon
