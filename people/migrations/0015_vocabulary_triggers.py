"""Did you mean …'s vocabulary of researchers kept current (techdiplo_search 0007): a published, consenting
researcher's names, and the names of its facets' tables (research fields, countries, organizations with their
acronyms), added as they commit. A researcher without consent adds nothing."""

from django.db import migrations

# search_vocabulary_watch(trigger name, table, registers, condition over {row}, SQL of the words' text over n
# (the new row), the columns that text is made from).
FORWARD = """
SELECT search_vocabulary_watch('search_words_researchers', 'people_researcher', ARRAY['researchers'],
  '{row}.editorial_state = ''published'' AND {row}.consent_to_publish',
  'concat_ws('' '', n.family_name, n.given_name, n.name_ja)', 'family_name,given_name,name_ja');
SELECT search_vocabulary_watch('search_words_researchers', 'people_researchfield', ARRAY['researchers'],
  'true',
  'concat_ws('' '', n.name, n.name_ja)', 'name,name_ja');
SELECT search_vocabulary_watch('search_words_researchers', 'directory_country', ARRAY['researchers'],
  'true',
  'concat_ws('' '', n.name, n.name_ja)', 'name,name_ja');
SELECT search_vocabulary_watch('search_words_researchers', 'directory_organization', ARRAY['researchers'],
  'true',
  'concat_ws('' '', n.name, n.acronym, n.name_ja)', 'name,acronym,name_ja');
"""

BACKWARD = "SELECT search_vocabulary_unwatch('search_words_researchers');"


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0014_text_index_name_tokens"),
        ("techdiplo_search", "0007_vocabulary_triggers"),
    ]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]  # one execute() each, not split at every semicolon
