"""The partnerships register's facet bitmaps, as partnerships/search.py declares them.

Written by ``manage.py facet_bitmaps partnerships`` (``search/sql.py``): the SQL is frozen here, so a later change of
the declaration gets a migration of its own. Reverse: the state before.

This first one replaces the register's own trigger functions of ``0005_facet_bitmaps`` by the search app's generic
ones (``techdiplo_search/0003_generic_triggers``); its reverse puts them back, from that migration's frozen SQL.
"""

import importlib

from django.db import migrations

LEGACY = importlib.import_module("partnerships.migrations.0005_facet_bitmaps")

REGISTER = "partnerships"
SQL = r"""
CREATE OR REPLACE FUNCTION partnerships_facet_pairs(ids bigint[]) RETURNS TABLE (facet text, value text, id bigint)
LANGUAGE sql STABLE AS $$
    SELECT facet, value, id FROM (
    SELECT '' AS "value1", ('')::text AS "facet_value", "partnerships_subnationalpartnership"."id" AS "pk" FROM "partnerships_subnationalpartnership" WHERE ("partnerships_subnationalpartnership"."editorial_state" = 'published' AND "partnerships_subnationalpartnership"."id" = ANY(ids))
    UNION ALL SELECT 'prefecture' AS "value1", (CASE WHEN ("directory_locality"."level" = 'prefecture' OR "directory_locality"."parent_id" IS NULL) THEN "partnerships_subnationalpartnership"."japanese_locality_id" ELSE "directory_locality"."parent_id" END)::text AS "facet_value", "partnerships_subnationalpartnership"."id" AS "pk" FROM "partnerships_subnationalpartnership" INNER JOIN "directory_locality" ON ("partnerships_subnationalpartnership"."japanese_locality_id" = "directory_locality"."id") WHERE ("partnerships_subnationalpartnership"."editorial_state" = 'published' AND "partnerships_subnationalpartnership"."id" = ANY(ids))
    UNION ALL SELECT 'country' AS "value1", ("directory_locality"."country_id")::text AS "facet_value", "partnerships_subnationalpartnership"."id" AS "pk" FROM "partnerships_subnationalpartnership" INNER JOIN "directory_locality" ON ("partnerships_subnationalpartnership"."foreign_locality_id" = "directory_locality"."id") WHERE ("partnerships_subnationalpartnership"."editorial_state" = 'published' AND "partnerships_subnationalpartnership"."id" = ANY(ids))
    UNION ALL SELECT 'region' AS "value1", ("directory_country"."region")::text AS "facet_value", "partnerships_subnationalpartnership"."id" AS "pk" FROM "partnerships_subnationalpartnership" INNER JOIN "directory_locality" ON ("partnerships_subnationalpartnership"."foreign_locality_id" = "directory_locality"."id") INNER JOIN "directory_country" ON ("directory_locality"."country_id" = "directory_country"."id") WHERE ("partnerships_subnationalpartnership"."editorial_state" = 'published' AND "partnerships_subnationalpartnership"."id" = ANY(ids))
    UNION ALL SELECT 'kind' AS "value1", ("partnerships_subnationalpartnership"."kind")::text AS "facet_value", "partnerships_subnationalpartnership"."id" AS "pk" FROM "partnerships_subnationalpartnership" WHERE ("partnerships_subnationalpartnership"."editorial_state" = 'published' AND "partnerships_subnationalpartnership"."id" = ANY(ids))
    UNION ALL SELECT 'area' AS "value1", ("partnerships_subnationalpartnership_focus_areas"."policyarea_id")::text AS "facet_value", "partnerships_subnationalpartnership"."id" AS "pk" FROM "partnerships_subnationalpartnership" LEFT OUTER JOIN "partnerships_subnationalpartnership_focus_areas" ON ("partnerships_subnationalpartnership"."id" = "partnerships_subnationalpartnership_focus_areas"."subnationalpartnership_id") WHERE ("partnerships_subnationalpartnership"."editorial_state" = 'published' AND "partnerships_subnationalpartnership"."id" = ANY(ids))
    UNION ALL SELECT 'status' AS "value1", ("partnerships_subnationalpartnership"."status")::text AS "facet_value", "partnerships_subnationalpartnership"."id" AS "pk" FROM "partnerships_subnationalpartnership" WHERE ("partnerships_subnationalpartnership"."editorial_state" = 'published' AND "partnerships_subnationalpartnership"."id" = ANY(ids))
    UNION ALL SELECT 'established' AS "value1", ("partnerships_subnationalpartnership"."established")::text AS "facet_value", "partnerships_subnationalpartnership"."id" AS "pk" FROM "partnerships_subnationalpartnership" WHERE ("partnerships_subnationalpartnership"."editorial_state" = 'published' AND "partnerships_subnationalpartnership"."id" = ANY(ids))
    ) AS pairs (facet, value, id)
    WHERE value <> '' OR facet = ''
$$;
SELECT search_bitmap_drop_triggers('partnerships');
CREATE TRIGGER facets_partnerships_insert AFTER INSERT ON partnerships_subnationalpartnership REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('partnerships', 'id');
CREATE TRIGGER facets_partnerships_update AFTER UPDATE ON partnerships_subnationalpartnership REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('partnerships', 'id', 'editorial_state,established,foreign_locality_id,japanese_locality_id,kind,status');
CREATE TRIGGER facets_partnerships_delete AFTER DELETE ON partnerships_subnationalpartnership REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('partnerships', 'id');
CREATE TRIGGER facets_partnerships_truncate AFTER TRUNCATE ON partnerships_subnationalpartnership FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_truncated('partnerships', 'partnerships_subnationalpartnership');
CREATE TRIGGER facets_partnerships_update AFTER UPDATE ON directory_country REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_related_changed('partnerships', 'region', 'SELECT "partnerships_subnationalpartnership"."id" AS "pk" FROM "partnerships_subnationalpartnership" INNER JOIN "directory_locality" ON ("partnerships_subnationalpartnership"."foreign_locality_id" = "directory_locality"."id") WHERE "directory_locality"."country_id" = ANY($1)');
CREATE TRIGGER facets_partnerships_update AFTER UPDATE ON directory_locality REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_related_changed('partnerships', 'country_id,level,parent_id', 'SELECT "partnerships_subnationalpartnership"."id" AS "pk" FROM "partnerships_subnationalpartnership" INNER JOIN "directory_locality" T3 ON ("partnerships_subnationalpartnership"."japanese_locality_id" = T3."id") WHERE ("partnerships_subnationalpartnership"."foreign_locality_id" = ANY($1) OR "partnerships_subnationalpartnership"."japanese_locality_id" = ANY($1) OR T3."parent_id" = ANY($1))');
CREATE TRIGGER facets_partnerships_insert AFTER INSERT ON partnerships_subnationalpartnership_focus_areas REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('partnerships', 'subnationalpartnership_id');
CREATE TRIGGER facets_partnerships_update AFTER UPDATE ON partnerships_subnationalpartnership_focus_areas REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('partnerships', 'subnationalpartnership_id', 'policyarea_id,subnationalpartnership_id');
CREATE TRIGGER facets_partnerships_delete AFTER DELETE ON partnerships_subnationalpartnership_focus_areas REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('partnerships', 'subnationalpartnership_id');
CREATE TRIGGER facets_partnerships_truncate AFTER TRUNCATE ON partnerships_subnationalpartnership_focus_areas FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_truncated('partnerships', 'partnerships_subnationalpartnership');
SELECT search_bitmap_rebuild('partnerships', ARRAY(SELECT id FROM partnerships_subnationalpartnership));
"""
PREVIOUS_SQL = r"""
SELECT search_bitmap_drop_triggers('partnerships');
DROP FUNCTION IF EXISTS partnerships_facet_pairs(bigint[]);
DELETE FROM search_facet_bitmap WHERE register = 'partnerships';
"""


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0006_search_vector_renames"), ("techdiplo_search", "0003_generic_triggers")]

    operations = [
        migrations.RunSQL(LEGACY.BACKWARD, [LEGACY.FORWARD, *LEGACY.TRIGGERS, LEGACY.REBUILD]),
        migrations.RunSQL([SQL], [PREVIOUS_SQL]),  # one execute() each, not split at every semicolon
    ]
