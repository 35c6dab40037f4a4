"""The researchers' facet bitmaps (see ``techdiplo_search/0001_facet_bitmaps``): pairs, triggers, first build.

``researchers_facet_pairs`` must say what ``people.filters.ResearcherFilterSet``
declares, over the records ``Researcher.objects.published()`` returns (published AND
consented): ``field``, ``country`` and ``org`` are named by the linked row's id (their
choices are tables), ``stage``, ``english`` and ``sector`` by the stored value (an
empty one is no value, as in the grouped count), and ``exchange`` is 'yes' when the
researcher has any exchange, else 'no'. The unnamed bitmap ('', '') holds every
published researcher. ``tests/test_facet_bitmaps_registers.py`` compares every count
with the grouped SQL count.

What can change a researcher's values: its own row (only the columns above), its
fields' link rows, its exchanges (added, removed or moved to another researcher) and
its affiliation's sector. A research field's or country's slug/code changes no bitmap
(they are named by id).
"""

from django.db import migrations

from techdiplo.search import bitmap_migrations

FORWARD = r"""
CREATE FUNCTION researchers_facet_pairs(ids bigint[]) RETURNS TABLE (facet text, value text, id bigint)
LANGUAGE sql STABLE AS $$
    WITH r AS (
        SELECT id, country_id, career_stage, english_level, affiliation_id
        FROM people_researcher
        WHERE id = ANY(ids) AND editorial_state = 'published' AND consent_to_publish
    )
    SELECT '', '', r.id FROM r
    UNION ALL SELECT 'field', l.researchfield_id::text, r.id
        FROM r JOIN people_researcher_fields AS l ON l.researcher_id = r.id
    UNION ALL SELECT 'country', r.country_id::text, r.id FROM r WHERE r.country_id IS NOT NULL
    UNION ALL SELECT 'stage', r.career_stage, r.id FROM r WHERE r.career_stage <> ''
    UNION ALL SELECT 'english', r.english_level, r.id FROM r WHERE r.english_level <> ''
    UNION ALL SELECT 'sector', o.sector, r.id
        FROM r JOIN directory_organization AS o ON o.id = r.affiliation_id WHERE o.sector <> ''
    UNION ALL SELECT 'org', r.affiliation_id::text, r.id FROM r WHERE r.affiliation_id IS NOT NULL
    UNION ALL SELECT 'exchange',
        CASE WHEN EXISTS (SELECT 1 FROM people_exchange AS e WHERE e.researcher_id = r.id) THEN 'yes' ELSE 'no' END,
        r.id
        FROM r
$$;

-- Rows of people_researcher: only a change of what a facet or published() reads refreshes (not an edited bio).
CREATE FUNCTION researchers_facet_researcher_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM search_bitmap_changed('researchers', ARRAY(SELECT id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM search_bitmap_changed('researchers', ARRAY(SELECT id FROM old_rows));
    ELSE
        PERFORM search_bitmap_changed('researchers', ARRAY(
            SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
            WHERE (n.editorial_state, n.consent_to_publish, n.country_id, n.career_stage, n.english_level,
                   n.affiliation_id)
                IS DISTINCT FROM (o.editorial_state, o.consent_to_publish, o.country_id, o.career_stage,
                                  o.english_level, o.affiliation_id)
        ));
    END IF;
    RETURN NULL;
END
$$;

-- Rows of the fields' link table and of the exchanges: their researchers (both sides of a moved row).
CREATE FUNCTION researchers_facet_link_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM search_bitmap_changed('researchers', ARRAY(SELECT researcher_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM search_bitmap_changed('researchers', ARRAY(SELECT researcher_id FROM old_rows));
    ELSIF TG_TABLE_NAME = 'people_exchange' THEN
        -- An exchange's dates or host change nothing; only moving it to another researcher does.
        PERFORM search_bitmap_changed('researchers', ARRAY(
            SELECT n.researcher_id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
            WHERE n.researcher_id IS DISTINCT FROM o.researcher_id
            UNION SELECT o.researcher_id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
            WHERE n.researcher_id IS DISTINCT FROM o.researcher_id
        ));
    ELSE
        PERFORM search_bitmap_changed('researchers', ARRAY(
            SELECT researcher_id FROM new_rows UNION SELECT researcher_id FROM old_rows
        ));
    END IF;
    RETURN NULL;
END
$$;

-- An organization's sector: the researchers it affiliates.
CREATE FUNCTION researchers_facet_organization_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_bitmap_changed('researchers', ARRAY(
        SELECT r.id FROM people_researcher AS r
        JOIN new_rows AS n ON n.id = r.affiliation_id JOIN old_rows AS o ON o.id = n.id
        WHERE n.sector IS DISTINCT FROM o.sector
    ));
    RETURN NULL;
END
$$;
"""

TABLE_TRIGGERS = [
    ("people_researcher", "researchers_facet_researcher_changed"),
    ("people_researcher_fields", "researchers_facet_link_changed"),
    ("people_exchange", "researchers_facet_link_changed"),
]
UPDATE_TRIGGERS = [
    ("directory_organization", "researchers_facet_organization_changed"),
]
FUNCTIONS = [
    "researchers_facet_organization_changed()",
    "researchers_facet_link_changed()",
    "researchers_facet_researcher_changed()",
    "researchers_facet_pairs(bigint[])",
]


TRIGGERS = bitmap_migrations.triggers("researchers", "people_researcher", "researcher", TABLE_TRIGGERS, UPDATE_TRIGGERS)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_i18n"),
        ("directory", "0002_reference_data"),
        ("techdiplo_search", "0001_facet_bitmaps"),
    ]

    operations = [
        migrations.RunPython(
            *bitmap_migrations.operations("researchers", "people_researcher", FORWARD, TRIGGERS, FUNCTIONS)
        )
    ]
