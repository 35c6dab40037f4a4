"""Likely duplicates kept by triggers: this app's records paired with their nearest names as they change.

Adds to each table a pairing function and its triggers (editorial migration 0002 says how they work) and fills
the pairs of the records already there, set-based. Frozen SQL: later changes of the models do not change it.
"""

from django.db import migrations

FORWARD = r"""
-- initiatives.initiative: one record with the three nearest names of each key (a GiST KNN probe a key), 0.5 or more alike.
CREATE OR REPLACE FUNCTION initiatives_initiative_duplicates(rec initiatives_initiative) RETURNS void LANGUAGE sql AS $$
    INSERT INTO editorial_duplicatepair (kind, first_id, second_id, similarity)
    SELECT 'initiatives.initiative', least(rec.id, n.id), greatest(rec.id, n.id), max(n.similarity)
    FROM (
        (SELECT t.id, 1 - (upper(t.title::text) <-> upper(rec.title::text)) AS similarity FROM initiatives_initiative t
         WHERE t.id <> rec.id AND upper(t.title::text) <> '' AND upper(rec.title::text) <> ''
         ORDER BY upper(t.title::text) <-> upper(rec.title::text) LIMIT 3)
        UNION ALL
        (SELECT t.id, 1 - (upper(t.title_ja::text) <-> upper(rec.title_ja::text)) AS similarity FROM initiatives_initiative t
         WHERE t.id <> rec.id AND upper(t.title_ja::text) <> '' AND upper(rec.title_ja::text) <> ''
         ORDER BY upper(t.title_ja::text) <-> upper(rec.title_ja::text) LIMIT 3)
    ) n
    WHERE n.similarity >= 0.5
    GROUP BY n.id
    ON CONFLICT (kind, first_id, second_id) DO UPDATE SET similarity = EXCLUDED.similarity
$$;
CREATE TRIGGER initiatives_initiative_duplicates AFTER INSERT OR DELETE ON initiatives_initiative
    FOR EACH ROW EXECUTE FUNCTION editorial_duplicates_changed('initiatives.initiative', 'initiatives_initiative_duplicates');
CREATE TRIGGER initiatives_initiative_duplicates_renamed AFTER UPDATE OF title, title_ja ON initiatives_initiative
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.title_ja IS DISTINCT FROM NEW.title_ja)
    EXECUTE FUNCTION editorial_duplicates_changed('initiatives.initiative', 'initiatives_initiative_duplicates');
SELECT editorial_duplicates_rebuild('initiatives.initiative', 'initiatives_initiative', ARRAY['upper(title::text)', 'upper(title_ja::text)']);
"""

REVERSE = """
DROP TRIGGER IF EXISTS initiatives_initiative_duplicates ON initiatives_initiative;
DROP TRIGGER IF EXISTS initiatives_initiative_duplicates_renamed ON initiatives_initiative;
DROP FUNCTION IF EXISTS initiatives_initiative_duplicates(initiatives_initiative);
DELETE FROM editorial_duplicatepair WHERE kind = 'initiatives.initiative';
"""


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_duplicate_pairs"),
        ("initiatives", "0021_model_names_in_both_languages"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, REVERSE),
    ]
