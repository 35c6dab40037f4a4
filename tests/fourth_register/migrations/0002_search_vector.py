"""The agreements' full text, kept by a trigger (title A), so bulk inserts and raw SQL keep it too."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION fourth_register_agreement_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := setweight(to_tsvector('english', coalesce(NEW.title, '') || ' ' || coalesce(NEW.title_ja, '')), 'A');
  RETURN NEW;
END $$;
CREATE TRIGGER fourth_register_agreement_search_vector BEFORE INSERT OR UPDATE ON fourth_register_agreement
  FOR EACH ROW EXECUTE FUNCTION fourth_register_agreement_search_vector();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS fourth_register_agreement_search_vector ON fourth_register_agreement;
DROP FUNCTION IF EXISTS fourth_register_agreement_search_vector();
"""


class Migration(migrations.Migration):
    dependencies = [("fourth_register", "0001_initial")]

    operations = [migrations.RunSQL([FORWARD], [BACKWARD])]
