"""The agreements register's facet bitmaps, as tests/fourth_register/search.py declares them.

Written by ``manage.py facet_bitmaps agreements`` (``search/sql.py``): the SQL is frozen here, so a later change of
the declaration gets a migration of its own. Reverse: the state before.
"""

from django.db import migrations

REGISTER = "agreements"
SQL = r"""
CREATE OR REPLACE FUNCTION agreements_facet_pairs(ids bigint[]) RETURNS TABLE (facet text, value text, id bigint)
LANGUAGE sql STABLE AS $$
    SELECT facet, value, id FROM (
    SELECT '' AS "value1", ('')::text AS "facet_value", "fourth_register_agreement"."id" AS "pk" FROM "fourth_register_agreement" WHERE ("fourth_register_agreement"."editorial_state" = 'published' AND "fourth_register_agreement"."id" = ANY(ids))
    UNION ALL SELECT 'kind' AS "value1", ("fourth_register_agreement"."kind")::text AS "facet_value", "fourth_register_agreement"."id" AS "pk" FROM "fourth_register_agreement" WHERE ("fourth_register_agreement"."editorial_state" = 'published' AND "fourth_register_agreement"."id" = ANY(ids))
    UNION ALL SELECT 'country' AS "value1", ("fourth_register_agreement"."country_id")::text AS "facet_value", "fourth_register_agreement"."id" AS "pk" FROM "fourth_register_agreement" WHERE ("fourth_register_agreement"."editorial_state" = 'published' AND "fourth_register_agreement"."id" = ANY(ids))
    UNION ALL SELECT 'region' AS "value1", ("directory_country"."region")::text AS "facet_value", "fourth_register_agreement"."id" AS "pk" FROM "fourth_register_agreement" LEFT OUTER JOIN "directory_country" ON ("fourth_register_agreement"."country_id" = "directory_country"."id") WHERE ("fourth_register_agreement"."editorial_state" = 'published' AND "fourth_register_agreement"."id" = ANY(ids))
    UNION ALL SELECT 'signed' AS "value1", ("fourth_register_agreement"."signed")::text AS "facet_value", "fourth_register_agreement"."id" AS "pk" FROM "fourth_register_agreement" WHERE ("fourth_register_agreement"."editorial_state" = 'published' AND "fourth_register_agreement"."id" = ANY(ids))
    ) AS pairs (facet, value, id)
    WHERE value <> '' OR facet = ''
$$;
SELECT search_bitmap_drop_triggers('agreements');
CREATE TRIGGER facets_agreements_insert AFTER INSERT ON fourth_register_agreement REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('agreements', 'id');
CREATE TRIGGER facets_agreements_update AFTER UPDATE ON fourth_register_agreement REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('agreements', 'id', 'country_id,editorial_state,kind,signed');
CREATE TRIGGER facets_agreements_delete AFTER DELETE ON fourth_register_agreement REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_rows_changed('agreements', 'id');
CREATE TRIGGER facets_agreements_truncate AFTER TRUNCATE ON fourth_register_agreement FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_truncated('agreements', 'fourth_register_agreement');
CREATE TRIGGER facets_agreements_update AFTER UPDATE ON directory_country REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_bitmap_related_changed('agreements', 'region', 'SELECT "fourth_register_agreement"."id" AS "pk" FROM "fourth_register_agreement" WHERE "fourth_register_agreement"."country_id" = ANY($1)');
SELECT search_bitmap_rebuild('agreements', ARRAY(SELECT id FROM fourth_register_agreement));
"""
PREVIOUS_SQL = r"""
SELECT search_bitmap_drop_triggers('agreements');
DROP FUNCTION IF EXISTS agreements_facet_pairs(bigint[]);
DELETE FROM search_facet_bitmap WHERE register = 'agreements';
"""


class Migration(migrations.Migration):
    dependencies = [("fourth_register", "0002_search_vector"), ("techdiplo_search", "0003_generic_triggers")]

    operations = [migrations.RunSQL([SQL], [PREVIOUS_SQL])]  # one execute() each, not split at every semicolon
