"""The initiatives' facet bitmaps (see ``techdiplo_search/0001_facet_bitmaps``): pairs, triggers, first build.

``initiatives_facet_pairs`` must say what ``initiatives.filters.InitiativeFilterSet``
declares: a facet's bitmap is named after its parameter and a value after what the
search selects by (the linked row's id for a table-backed facet, the stored value
otherwise), ``start_date__year`` holds the start years the year range reads, and
the unnamed bitmap ('', '') holds every published initiative.
``tests/test_facet_bitmaps.py`` compares every count with the grouped SQL count.

Triggers fire once per statement with the rows it changed, so a bulk insert
refreshes once.
"""

from django.db import migrations

from techdiplo.search import bitmap_migrations

FORWARD = r"""
CREATE FUNCTION initiatives_facet_pairs(ids bigint[]) RETURNS TABLE (facet text, value text, id bigint)
LANGUAGE sql STABLE AS $$
    WITH i AS (
        SELECT id, kind, status, start_date, lead_organization_id
        FROM initiatives_initiative
        WHERE id = ANY(ids) AND editorial_state = 'published'
    )
    SELECT '', '', i.id FROM i
    UNION ALL SELECT 'kind', i.kind, i.id FROM i
    UNION ALL SELECT 'status', i.status, i.id FROM i
    UNION ALL SELECT 'start_date__year', extract(year FROM i.start_date)::integer::text, i.id
        FROM i WHERE i.start_date IS NOT NULL
    UNION ALL SELECT 'sector', o.sector, i.id FROM i JOIN directory_organization AS o ON o.id = i.lead_organization_id
    UNION ALL SELECT 'area', l.policyarea_id::text, i.id
        FROM i JOIN initiatives_initiative_policy_areas AS l ON l.initiative_id = i.id
    UNION ALL SELECT 'country', l.country_id::text, i.id
        FROM i JOIN initiatives_initiative_countries AS l ON l.initiative_id = i.id
    UNION ALL SELECT DISTINCT 'region', c.region, i.id
        FROM i JOIN initiatives_initiative_countries AS l ON l.initiative_id = i.id
        JOIN directory_country AS c ON c.id = l.country_id
    UNION ALL SELECT 'framework', l.framework_id::text, i.id
        FROM i JOIN initiatives_initiative_frameworks AS l ON l.initiative_id = i.id
$$;

-- Rows of initiatives_initiative: only a change of what a facet reads refreshes (not an edited summary).
CREATE FUNCTION initiatives_facet_initiative_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM search_bitmap_changed('initiatives', ARRAY(SELECT id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM search_bitmap_changed('initiatives', ARRAY(SELECT id FROM old_rows));
    ELSE
        PERFORM search_bitmap_changed('initiatives', ARRAY(
            SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
            WHERE (n.editorial_state, n.kind, n.status, n.start_date, n.lead_organization_id)
                IS DISTINCT FROM (o.editorial_state, o.kind, o.status, o.start_date, o.lead_organization_id)
        ));
    END IF;
    RETURN NULL;
END
$$;

-- Rows of the link tables (policy areas, countries, frameworks): their initiatives.
CREATE FUNCTION initiatives_facet_link_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM search_bitmap_changed('initiatives', ARRAY(SELECT initiative_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM search_bitmap_changed('initiatives', ARRAY(SELECT initiative_id FROM old_rows));
    ELSE
        PERFORM search_bitmap_changed('initiatives', ARRAY(
            SELECT initiative_id FROM new_rows UNION SELECT initiative_id FROM old_rows
        ));
    END IF;
    RETURN NULL;
END
$$;

-- An organization's sector: the initiatives it leads.
CREATE FUNCTION initiatives_facet_organization_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_bitmap_changed('initiatives', ARRAY(
        SELECT i.id FROM initiatives_initiative AS i
        JOIN new_rows AS n ON n.id = i.lead_organization_id JOIN old_rows AS o ON o.id = n.id
        WHERE n.sector IS DISTINCT FROM o.sector
    ));
    RETURN NULL;
END
$$;

-- A country's world region: the initiatives with that partner country.
CREATE FUNCTION initiatives_facet_country_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_bitmap_changed('initiatives', ARRAY(
        SELECT l.initiative_id FROM initiatives_initiative_countries AS l
        JOIN new_rows AS n ON n.id = l.country_id JOIN old_rows AS o ON o.id = n.id
        WHERE n.region IS DISTINCT FROM o.region
    ));
    RETURN NULL;
END
$$;
"""

TABLE_TRIGGERS = [
    ("initiatives_initiative", "initiatives_facet_initiative_changed"),
    ("initiatives_initiative_policy_areas", "initiatives_facet_link_changed"),
    ("initiatives_initiative_countries", "initiatives_facet_link_changed"),
    ("initiatives_initiative_frameworks", "initiatives_facet_link_changed"),
]
UPDATE_TRIGGERS = [
    ("directory_organization", "initiatives_facet_organization_changed"),
    ("directory_country", "initiatives_facet_country_changed"),
]
FUNCTIONS = [
    "initiatives_facet_country_changed()",
    "initiatives_facet_organization_changed()",
    "initiatives_facet_link_changed()",
    "initiatives_facet_initiative_changed()",
    "initiatives_facet_pairs(bigint[])",
]


TRIGGERS = bitmap_migrations.triggers(
    "initiatives", "initiatives_initiative", "initiative", TABLE_TRIGGERS, UPDATE_TRIGGERS
)


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0005_scale_indexes"),
        ("directory", "0002_reference_data"),
        ("techdiplo_search", "0001_facet_bitmaps"),
    ]

    operations = [
        migrations.RunPython(
            *bitmap_migrations.operations("initiatives", "initiatives_initiative", FORWARD, TRIGGERS, FUNCTIONS)
        )
    ]
