"""The researchers register's facet bitmaps, as people/search.py declares them.

Written by ``manage.py facet_bitmaps researchers`` (``search/sql.py``): the SQL is frozen here, so a later change of
the declaration gets a migration of its own. Reverse: the state before.

This first one replaces the register's own trigger functions of ``0005_facet_bitmaps`` by the search app's generic
ones (``techdiplo_search/0003_generic_triggers``); its reverse puts them back, from that migration's frozen SQL.
"""

import importlib

from django.db import migrations

LEGACY = importlib.import_module("people.migrations.0005_facet_bitmaps")

REGISTER = "researchers"
SQL = r"""
CREATE OR REPLACE FUNCTION researchers_facet_pairs(ids bigint[]) RETURNS TABLE (facet text, value text, id bigint)
LANGUAGE sql STABLE AS $$
    SELECT facet, value, id FROM (
    SELECT '' AS "value1", ('')::text AS "facet_value", "people_researcher"."id" AS "pk" FROM "people_researcher" WHERE ("people_researcher"."editorial_state" = 'published' AND "people_researcher"."consent_to_publish" AND "people_researcher"."id" = ANY(ids))
    UNION ALL SELECT 'field' AS "value1", ("people_researcher_fields"."researchfield_id")::text AS "facet_value", "people_researcher"."id" AS "pk" FROM "people_researcher" LEFT OUTER JOIN "people_researcher_fields" ON ("people_researcher"."id" = "people_researcher_fields"."researcher_id") WHERE ("people_researcher"."editorial_state" = 'published' AND "people_researcher"."consent_to_publish" AND "people_researcher"."id" = ANY(ids))
    UNION ALL SELECT 'country' AS "value1", ("people_researcher"."country_id")::text AS "facet_value", "people_researcher"."id" AS "pk" FROM "people_researcher" WHERE ("people_researcher"."editorial_state" = 'published' AND "people_researcher"."consent_to_publish" AND "people_researcher"."id" = ANY(ids))
    UNION ALL SELECT 'stage' AS "value1", ("people_researcher"."career_stage")::text AS "facet_value", "people_researcher"."id" AS "pk" FROM "people_researcher" WHERE ("people_researcher"."editorial_state" = 'published' AND "people_researcher"."consent_to_publish" AND "people_researcher"."id" = ANY(ids))
    UNION ALL SELECT 'english' AS "value1", ("people_researcher"."english_level")::text AS "facet_value", "people_researcher"."id" AS "pk" FROM "people_researcher" WHERE ("people_researcher"."editorial_state" = 'published' AND "people_researcher"."consent_to_publish" AND "people_researcher"."id" = ANY(ids))
    UNION ALL SELECT 'sector' AS "value1", ("directory_organization"."sector")::text AS "facet_value", "people_researcher"."id" AS "pk" FROM "people_researcher" LEFT OUTER JOIN "directory_organization" ON ("people_researcher"."affiliation_id" = "directory_organization"."id") WHERE ("people_researcher"."editorial_state" = 'published' AND "people_researcher"."consent_to_publish" AND "people_researcher"."id" = ANY(ids))
    UNION ALL SELECT 'org' AS "value1", ("people_researcher"."affiliation_id")::text AS "facet_value", "people_researcher"."id" AS "pk" FROM "people_researcher" WHERE ("people_researcher"."editorial_state" = 'published' AND "people_researcher"."consent_to_publish" AND "people_researcher"."id" = ANY(ids))
    UNION ALL SELECT 'exchange' AS "value1", (CASE WHEN EXISTS(SELECT 1 AS "a" FROM "people_exchange" U0 WHERE U0."researcher_id" = ("people_researcher"."id") LIMIT 1) THEN 'yes' ELSE 'no' END)::text AS "facet_value", "people_researcher"."id" AS "pk" FROM "people_researcher" WHERE ("people_researcher"."editorial_state" = 'published' AND "people_researcher"."consent_to_publish" AND "people_researcher"."id" = ANY(ids))
    ) AS pairs (facet, value, id)
    WHERE value <> '' OR facet = ''
$$;
SELECT search_bitmap_drop_triggers('researchers');
CREATE TRIGGER facets_researchers_insert AFTER INSERT ON people_researcher REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('researchers', 'id');
CREATE TRIGGER facets_researchers_update AFTER UPDATE ON people_researcher REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('researchers', 'id', 'affiliation_id,career_stage,consent_to_publish,country_id,editorial_state,english_level');
CREATE TRIGGER facets_researchers_delete AFTER DELETE ON people_researcher REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('researchers', 'id');
CREATE TRIGGER facets_researchers_truncate AFTER TRUNCATE ON people_researcher FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_truncated('researchers', 'people_researcher');
CREATE TRIGGER facets_researchers_update AFTER UPDATE ON directory_organization REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_related_changed('researchers', 'sector', 'SELECT "people_researcher"."id" AS "pk" FROM "people_researcher" WHERE "people_researcher"."affiliation_id" = ANY($1)');
CREATE TRIGGER facets_researchers_insert AFTER INSERT ON people_exchange REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('researchers', 'researcher_id');
CREATE TRIGGER facets_researchers_update AFTER UPDATE ON people_exchange REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('researchers', 'researcher_id', 'researcher_id');
CREATE TRIGGER facets_researchers_delete AFTER DELETE ON people_exchange REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('researchers', 'researcher_id');
CREATE TRIGGER facets_researchers_truncate AFTER TRUNCATE ON people_exchange FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_truncated('researchers', 'people_researcher');
CREATE TRIGGER facets_researchers_insert AFTER INSERT ON people_researcher_fields REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('researchers', 'researcher_id');
CREATE TRIGGER facets_researchers_update AFTER UPDATE ON people_researcher_fields REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('researchers', 'researcher_id', 'researcher_id,researchfield_id');
CREATE TRIGGER facets_researchers_delete AFTER DELETE ON people_researcher_fields REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('researchers', 'researcher_id');
CREATE TRIGGER facets_researchers_truncate AFTER TRUNCATE ON people_researcher_fields FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_truncated('researchers', 'people_researcher');
SELECT search_bitmap_rebuild('researchers', ARRAY(SELECT id FROM people_researcher));
"""
PREVIOUS_SQL = r"""
SELECT search_bitmap_drop_triggers('researchers');
DROP FUNCTION IF EXISTS researchers_facet_pairs(bigint[]);
DELETE FROM search_facet_bitmap WHERE register = 'researchers';
"""


class Migration(migrations.Migration):
    dependencies = [("people", "0006_search_vector_renames"), ("techdiplo_search", "0003_generic_triggers")]

    operations = [
        migrations.RunSQL(LEGACY.BACKWARD, [LEGACY.FORWARD, *LEGACY.TRIGGERS, LEGACY.REBUILD]),
        migrations.RunSQL([SQL], [PREVIOUS_SQL]),  # one execute() each, not split at every semicolon
    ]
