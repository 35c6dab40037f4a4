"""Likely duplicates kept by triggers: this app's records paired with their nearest names as they change.

Adds to each table a pairing function and its triggers (editorial migration 0002 says how they work) and fills
the pairs of the records already there, set-based. Frozen SQL: later changes of the models do not change it.
"""

from django.db import migrations

FORWARD = r"""
-- people.researcher: one record with the three nearest names of each key (a GiST KNN probe a key), 0.5 or more alike.
CREATE OR REPLACE FUNCTION people_researcher_duplicates(rec people_researcher) RETURNS void LANGUAGE sql AS $$
    INSERT INTO editorial_duplicatepair (kind, first_id, second_id, similarity)
    SELECT 'people.researcher', least(rec.id, n.id), greatest(rec.id, n.id), max(n.similarity)
    FROM (
        (SELECT t.id, 1 - (upper(COALESCE(t.family_name, '')::text || COALESCE(COALESCE(' ', '') || COALESCE(t.given_name, '')::text, '')) <-> upper(COALESCE(rec.family_name, '')::text || COALESCE(COALESCE(' ', '') || COALESCE(rec.given_name, '')::text, ''))) AS similarity FROM people_researcher t
         WHERE t.id <> rec.id AND upper(COALESCE(t.family_name, '')::text || COALESCE(COALESCE(' ', '') || COALESCE(t.given_name, '')::text, '')) <> '' AND upper(COALESCE(rec.family_name, '')::text || COALESCE(COALESCE(' ', '') || COALESCE(rec.given_name, '')::text, '')) <> ''
         ORDER BY upper(COALESCE(t.family_name, '')::text || COALESCE(COALESCE(' ', '') || COALESCE(t.given_name, '')::text, '')) <-> upper(COALESCE(rec.family_name, '')::text || COALESCE(COALESCE(' ', '') || COALESCE(rec.given_name, '')::text, '')) LIMIT 3)
        UNION ALL
        (SELECT t.id, 1 - (upper(t.name_ja::text) <-> upper(rec.name_ja::text)) AS similarity FROM people_researcher t
         WHERE t.id <> rec.id AND upper(t.name_ja::text) <> '' AND upper(rec.name_ja::text) <> ''
         ORDER BY upper(t.name_ja::text) <-> upper(rec.name_ja::text) LIMIT 3)
    ) n
    WHERE n.similarity >= 0.5
    GROUP BY n.id
    ON CONFLICT (kind, first_id, second_id) DO UPDATE SET similarity = EXCLUDED.similarity
$$;
CREATE TRIGGER people_researcher_duplicates AFTER INSERT OR DELETE ON people_researcher
    FOR EACH ROW EXECUTE FUNCTION editorial_duplicates_changed('people.researcher', 'people_researcher_duplicates');
CREATE TRIGGER people_researcher_duplicates_renamed AFTER UPDATE OF family_name, given_name, name_ja ON people_researcher
    FOR EACH ROW WHEN (OLD.family_name IS DISTINCT FROM NEW.family_name OR OLD.given_name IS DISTINCT FROM NEW.given_name OR OLD.name_ja IS DISTINCT FROM NEW.name_ja)
    EXECUTE FUNCTION editorial_duplicates_changed('people.researcher', 'people_researcher_duplicates');
SELECT editorial_duplicates_rebuild('people.researcher', 'people_researcher', ARRAY['upper(COALESCE(family_name, '''')::text || COALESCE(COALESCE('' '', '''') || COALESCE(given_name, '''')::text, ''''))', 'upper(name_ja::text)']);
"""

REVERSE = """
DROP TRIGGER IF EXISTS people_researcher_duplicates ON people_researcher;
DROP TRIGGER IF EXISTS people_researcher_duplicates_renamed ON people_researcher;
DROP FUNCTION IF EXISTS people_researcher_duplicates(people_researcher);
DELETE FROM editorial_duplicatepair WHERE kind = 'people.researcher';
"""


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_duplicate_pairs"),
        ("people", "0021_model_names_in_both_languages"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, REVERSE),
    ]
