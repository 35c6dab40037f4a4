"""The initiatives register's facet bitmaps, as initiatives/search.py declares them.

Written by ``manage.py facet_bitmaps initiatives`` (``search/sql.py``): the SQL is frozen here, so a later change of
the declaration gets a migration of its own. Reverse: the state before.

This first one replaces the register's own trigger functions of ``0006_facet_bitmaps`` by the search app's generic
ones (``techdiplo_search/0003_generic_triggers``); its reverse puts them back, from that migration's frozen SQL.
"""

import importlib

from django.db import migrations

LEGACY = importlib.import_module("initiatives.migrations.0006_facet_bitmaps")

REGISTER = "initiatives"
SQL = r"""
CREATE OR REPLACE FUNCTION initiatives_facet_pairs(ids bigint[]) RETURNS TABLE (facet text, value text, id bigint)
LANGUAGE sql STABLE AS $$
    SELECT facet, value, id FROM (
    SELECT '' AS "value1", ('')::text AS "facet_value", "initiatives_initiative"."id" AS "pk" FROM "initiatives_initiative" WHERE ("initiatives_initiative"."editorial_state" = 'published' AND "initiatives_initiative"."id" = ANY(ids))
    UNION ALL SELECT 'area' AS "value1", ("initiatives_initiative_policy_areas"."policyarea_id")::text AS "facet_value", "initiatives_initiative"."id" AS "pk" FROM "initiatives_initiative" LEFT OUTER JOIN "initiatives_initiative_policy_areas" ON ("initiatives_initiative"."id" = "initiatives_initiative_policy_areas"."initiative_id") WHERE ("initiatives_initiative"."editorial_state" = 'published' AND "initiatives_initiative"."id" = ANY(ids))
    UNION ALL SELECT 'country' AS "value1", ("initiatives_initiative_countries"."country_id")::text AS "facet_value", "initiatives_initiative"."id" AS "pk" FROM "initiatives_initiative" LEFT OUTER JOIN "initiatives_initiative_countries" ON ("initiatives_initiative"."id" = "initiatives_initiative_countries"."initiative_id") WHERE ("initiatives_initiative"."editorial_state" = 'published' AND "initiatives_initiative"."id" = ANY(ids))
    UNION ALL SELECT 'region' AS "value1", ("directory_country"."region")::text AS "facet_value", "initiatives_initiative"."id" AS "pk" FROM "initiatives_initiative" LEFT OUTER JOIN "initiatives_initiative_countries" ON ("initiatives_initiative"."id" = "initiatives_initiative_countries"."initiative_id") LEFT OUTER JOIN "directory_country" ON ("initiatives_initiative_countries"."country_id" = "directory_country"."id") WHERE ("initiatives_initiative"."editorial_state" = 'published' AND "initiatives_initiative"."id" = ANY(ids))
    UNION ALL SELECT 'kind' AS "value1", ("initiatives_initiative"."kind")::text AS "facet_value", "initiatives_initiative"."id" AS "pk" FROM "initiatives_initiative" WHERE ("initiatives_initiative"."editorial_state" = 'published' AND "initiatives_initiative"."id" = ANY(ids))
    UNION ALL SELECT 'status' AS "value1", ("initiatives_initiative"."status")::text AS "facet_value", "initiatives_initiative"."id" AS "pk" FROM "initiatives_initiative" WHERE ("initiatives_initiative"."editorial_state" = 'published' AND "initiatives_initiative"."id" = ANY(ids))
    UNION ALL SELECT 'sector' AS "value1", ("directory_organization"."sector")::text AS "facet_value", "initiatives_initiative"."id" AS "pk" FROM "initiatives_initiative" LEFT OUTER JOIN "directory_organization" ON ("initiatives_initiative"."lead_organization_id" = "directory_organization"."id") WHERE ("initiatives_initiative"."editorial_state" = 'published' AND "initiatives_initiative"."id" = ANY(ids))
    UNION ALL SELECT 'framework' AS "value1", ("initiatives_initiative_frameworks"."framework_id")::text AS "facet_value", "initiatives_initiative"."id" AS "pk" FROM "initiatives_initiative" LEFT OUTER JOIN "initiatives_initiative_frameworks" ON ("initiatives_initiative"."id" = "initiatives_initiative_frameworks"."initiative_id") WHERE ("initiatives_initiative"."editorial_state" = 'published' AND "initiatives_initiative"."id" = ANY(ids))
    UNION ALL SELECT 'start_date__year' AS "value1", (EXTRACT(YEAR FROM "initiatives_initiative"."start_date"))::text AS "facet_value", "initiatives_initiative"."id" AS "pk" FROM "initiatives_initiative" WHERE ("initiatives_initiative"."editorial_state" = 'published' AND "initiatives_initiative"."id" = ANY(ids))
    ) AS pairs (facet, value, id)
    WHERE value <> '' OR facet = ''
$$;
SELECT search_bitmap_drop_triggers('initiatives');
CREATE TRIGGER facets_initiatives_insert AFTER INSERT ON initiatives_initiative REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('initiatives', 'id');
CREATE TRIGGER facets_initiatives_update AFTER UPDATE ON initiatives_initiative REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('initiatives', 'id', 'editorial_state,kind,lead_organization_id,start_date,status');
CREATE TRIGGER facets_initiatives_delete AFTER DELETE ON initiatives_initiative REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('initiatives', 'id');
CREATE TRIGGER facets_initiatives_truncate AFTER TRUNCATE ON initiatives_initiative FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_truncated('initiatives', 'initiatives_initiative');
CREATE TRIGGER facets_initiatives_update AFTER UPDATE ON directory_country REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_related_changed('initiatives', 'region', 'SELECT "initiatives_initiative"."id" AS "pk" FROM "initiatives_initiative" LEFT OUTER JOIN "initiatives_initiative_countries" ON ("initiatives_initiative"."id" = "initiatives_initiative_countries"."initiative_id") WHERE "initiatives_initiative_countries"."country_id" = ANY($1)');
CREATE TRIGGER facets_initiatives_update AFTER UPDATE ON directory_organization REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_related_changed('initiatives', 'sector', 'SELECT "initiatives_initiative"."id" AS "pk" FROM "initiatives_initiative" WHERE "initiatives_initiative"."lead_organization_id" = ANY($1)');
CREATE TRIGGER facets_initiatives_insert AFTER INSERT ON initiatives_initiative_countries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('initiatives', 'initiative_id');
CREATE TRIGGER facets_initiatives_update AFTER UPDATE ON initiatives_initiative_countries REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('initiatives', 'initiative_id', 'country_id,initiative_id');
CREATE TRIGGER facets_initiatives_delete AFTER DELETE ON initiatives_initiative_countries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('initiatives', 'initiative_id');
CREATE TRIGGER facets_initiatives_truncate AFTER TRUNCATE ON initiatives_initiative_countries FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_truncated('initiatives', 'initiatives_initiative');
CREATE TRIGGER facets_initiatives_insert AFTER INSERT ON initiatives_initiative_frameworks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('initiatives', 'initiative_id');
CREATE TRIGGER facets_initiatives_update AFTER UPDATE ON initiatives_initiative_frameworks REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('initiatives', 'initiative_id', 'framework_id,initiative_id');
CREATE TRIGGER facets_initiatives_delete AFTER DELETE ON initiatives_initiative_frameworks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('initiatives', 'initiative_id');
CREATE TRIGGER facets_initiatives_truncate AFTER TRUNCATE ON initiatives_initiative_frameworks FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_truncated('initiatives', 'initiatives_initiative');
CREATE TRIGGER facets_initiatives_insert AFTER INSERT ON initiatives_initiative_policy_areas REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('initiatives', 'initiative_id');
CREATE TRIGGER facets_initiatives_update AFTER UPDATE ON initiatives_initiative_policy_areas REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('initiatives', 'initiative_id', 'initiative_id,policyarea_id');
CREATE TRIGGER facets_initiatives_delete AFTER DELETE ON initiatives_initiative_policy_areas REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('initiatives', 'initiative_id');
CREATE TRIGGER facets_initiatives_truncate AFTER TRUNCATE ON initiatives_initiative_policy_areas FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_truncated('initiatives', 'initiatives_initiative');
SELECT search_bitmap_rebuild('initiatives', ARRAY(SELECT id FROM initiatives_initiative));
"""
PREVIOUS_SQL = r"""
SELECT search_bitmap_drop_triggers('initiatives');
DROP FUNCTION IF EXISTS initiatives_facet_pairs(bigint[]);
DELETE FROM search_facet_bitmap WHERE register = 'initiatives';
"""


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0006_facet_bitmaps"), ("techdiplo_search", "0003_generic_triggers")]

    operations = [
        migrations.RunSQL(LEGACY.BACKWARD, [LEGACY.FORWARD, *LEGACY.TRIGGERS, LEGACY.REBUILD]),
        migrations.RunSQL([SQL], [PREVIOUS_SQL]),  # one execute() each, not split at every semicolon
    ]
