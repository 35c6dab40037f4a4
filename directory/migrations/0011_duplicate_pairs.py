"""Likely duplicates kept by triggers: this app's records paired with their nearest names as they change.

Adds to each table a pairing function and its triggers (editorial migration 0002 says how they work) and fills
the pairs of the records already there, set-based. Frozen SQL: later changes of the models do not change it.
"""

from django.db import migrations

FORWARD = r"""
-- directory.organization: one record with the three nearest names of each key (a GiST KNN probe a key), 0.5 or more alike.
CREATE OR REPLACE FUNCTION directory_organization_duplicates(rec directory_organization) RETURNS void LANGUAGE sql AS $$
    INSERT INTO editorial_duplicatepair (kind, first_id, second_id, similarity)
    SELECT 'directory.organization', least(rec.id, n.id), greatest(rec.id, n.id), max(n.similarity)
    FROM (
        (SELECT t.id, 1 - (upper(t.name::text) <-> upper(rec.name::text)) AS similarity FROM directory_organization t
         WHERE t.id <> rec.id AND upper(t.name::text) <> '' AND upper(rec.name::text) <> ''
         ORDER BY upper(t.name::text) <-> upper(rec.name::text) LIMIT 3)
        UNION ALL
        (SELECT t.id, 1 - (upper(t.name_ja::text) <-> upper(rec.name_ja::text)) AS similarity FROM directory_organization t
         WHERE t.id <> rec.id AND upper(t.name_ja::text) <> '' AND upper(rec.name_ja::text) <> ''
         ORDER BY upper(t.name_ja::text) <-> upper(rec.name_ja::text) LIMIT 3)
    ) n
    WHERE n.similarity >= 0.5
    GROUP BY n.id
    ON CONFLICT (kind, first_id, second_id) DO UPDATE SET similarity = EXCLUDED.similarity
$$;
CREATE TRIGGER directory_organization_duplicates AFTER INSERT OR DELETE ON directory_organization
    FOR EACH ROW EXECUTE FUNCTION editorial_duplicates_changed('directory.organization', 'directory_organization_duplicates');
CREATE TRIGGER directory_organization_duplicates_renamed AFTER UPDATE OF name, name_ja ON directory_organization
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_ja IS DISTINCT FROM NEW.name_ja)
    EXECUTE FUNCTION editorial_duplicates_changed('directory.organization', 'directory_organization_duplicates');
SELECT editorial_duplicates_rebuild('directory.organization', 'directory_organization', ARRAY['upper(name::text)', 'upper(name_ja::text)']);

-- directory.locality: one record with the three nearest names of each key (a GiST KNN probe a key), 0.5 or more alike.
CREATE OR REPLACE FUNCTION directory_locality_duplicates(rec directory_locality) RETURNS void LANGUAGE sql AS $$
    INSERT INTO editorial_duplicatepair (kind, first_id, second_id, similarity)
    SELECT 'directory.locality', least(rec.id, n.id), greatest(rec.id, n.id), max(n.similarity)
    FROM (
        (SELECT t.id, 1 - (upper(t.name::text) <-> upper(rec.name::text)) AS similarity FROM directory_locality t
         WHERE t.id <> rec.id AND upper(t.name::text) <> '' AND upper(rec.name::text) <> ''
         ORDER BY upper(t.name::text) <-> upper(rec.name::text) LIMIT 3)
        UNION ALL
        (SELECT t.id, 1 - (upper(t.name_ja::text) <-> upper(rec.name_ja::text)) AS similarity FROM directory_locality t
         WHERE t.id <> rec.id AND upper(t.name_ja::text) <> '' AND upper(rec.name_ja::text) <> ''
         ORDER BY upper(t.name_ja::text) <-> upper(rec.name_ja::text) LIMIT 3)
    ) n
    WHERE n.similarity >= 0.5
    GROUP BY n.id
    ON CONFLICT (kind, first_id, second_id) DO UPDATE SET similarity = EXCLUDED.similarity
$$;
CREATE TRIGGER directory_locality_duplicates AFTER INSERT OR DELETE ON directory_locality
    FOR EACH ROW EXECUTE FUNCTION editorial_duplicates_changed('directory.locality', 'directory_locality_duplicates');
CREATE TRIGGER directory_locality_duplicates_renamed AFTER UPDATE OF name, name_ja ON directory_locality
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.name_ja IS DISTINCT FROM NEW.name_ja)
    EXECUTE FUNCTION editorial_duplicates_changed('directory.locality', 'directory_locality_duplicates');
SELECT editorial_duplicates_rebuild('directory.locality', 'directory_locality', ARRAY['upper(name::text)', 'upper(name_ja::text)']);
"""

REVERSE = """
DROP TRIGGER IF EXISTS directory_organization_duplicates ON directory_organization;
DROP TRIGGER IF EXISTS directory_organization_duplicates_renamed ON directory_organization;
DROP FUNCTION IF EXISTS directory_organization_duplicates(directory_organization);
DELETE FROM editorial_duplicatepair WHERE kind = 'directory.organization';

DROP TRIGGER IF EXISTS directory_locality_duplicates ON directory_locality;
DROP TRIGGER IF EXISTS directory_locality_duplicates_renamed ON directory_locality;
DROP FUNCTION IF EXISTS directory_locality_duplicates(directory_locality);
DELETE FROM editorial_duplicatepair WHERE kind = 'directory.locality';
"""


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_duplicate_pairs"),
        ("directory", "0010_model_names_in_both_languages"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, REVERSE),
    ]
