"""The partnerships' facet bitmaps (see ``techdiplo_search/0001_facet_bitmaps``): pairs, triggers, first build.

``partnerships_facet_pairs`` must say what ``partnerships.filters.PartnershipFilterSet``
declares, over published partnerships:

- ``prefecture``: the id of the Japanese side's own locality if it is a prefecture or
  has no parent, else of its parent (``japanese_prefecture_code()``), and only if that
  locality is one of the facet's choices (a Japanese prefecture with an ISO code, the
  ``PREFECTURES`` where-clause). ISO codes are unique, so the search's code -> id is
  the same selection as the grouped query's code.
- ``country``: the foreign side's country id; ``region``: that country's region.
- ``kind``, ``status``: the stored value; ``area``: the focus area's id.
- ``established``: the year as text, what the ``since_from``/``since_to`` range reads.
The unnamed bitmap ('', '') holds every published partnership.
``tests/test_facet_bitmaps_registers.py`` compares every count with the grouped SQL count.

What can change a partnership's values: its own row (only the columns above), its focus
areas' link rows, a locality's level, parent, country or ISO code (as either side, or
as the parent of the Japanese side) and a country's region or code.
"""

from django.db import migrations

from techdiplo.search import bitmap_migrations

FORWARD = r"""
CREATE FUNCTION partnerships_facet_pairs(ids bigint[]) RETURNS TABLE (facet text, value text, id bigint)
LANGUAGE sql STABLE AS $$
    WITH p AS (
        SELECT id, kind, status, established, japanese_locality_id, foreign_locality_id
        FROM partnerships_subnationalpartnership
        WHERE id = ANY(ids) AND editorial_state = 'published'
    )
    SELECT '', '', p.id FROM p
    UNION ALL SELECT 'prefecture', pref.id::text, p.id
        FROM p JOIN directory_locality AS j ON j.id = p.japanese_locality_id
        JOIN directory_locality AS pref
            ON pref.id = CASE WHEN j.level = 'prefecture' OR j.parent_id IS NULL THEN j.id ELSE j.parent_id END
        JOIN directory_country AS c ON c.id = pref.country_id
        WHERE c.iso2 = 'JP' AND pref.level = 'prefecture' AND pref.iso_code <> ''
    UNION ALL SELECT 'country', f.country_id::text, p.id
        FROM p JOIN directory_locality AS f ON f.id = p.foreign_locality_id
    UNION ALL SELECT 'region', c.region, p.id
        FROM p JOIN directory_locality AS f ON f.id = p.foreign_locality_id
        JOIN directory_country AS c ON c.id = f.country_id
        WHERE c.region <> ''
    UNION ALL SELECT 'kind', p.kind, p.id FROM p WHERE p.kind <> ''
    UNION ALL SELECT 'status', p.status, p.id FROM p WHERE p.status <> ''
    UNION ALL SELECT 'area', l.policyarea_id::text, p.id
        FROM p JOIN partnerships_subnationalpartnership_focus_areas AS l ON l.subnationalpartnership_id = p.id
    UNION ALL SELECT 'established', p.established::text, p.id FROM p WHERE p.established IS NOT NULL
$$;

-- Rows of partnerships_subnationalpartnership: only a change of what a facet reads refreshes.
CREATE FUNCTION partnerships_facet_partnership_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM search_bitmap_changed('partnerships', ARRAY(SELECT id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM search_bitmap_changed('partnerships', ARRAY(SELECT id FROM old_rows));
    ELSE
        PERFORM search_bitmap_changed('partnerships', ARRAY(
            SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
            WHERE (n.editorial_state, n.kind, n.status, n.established, n.japanese_locality_id,
                   n.foreign_locality_id)
                IS DISTINCT FROM (o.editorial_state, o.kind, o.status, o.established, o.japanese_locality_id,
                                  o.foreign_locality_id)
        ));
    END IF;
    RETURN NULL;
END
$$;

-- Rows of the focus areas' link table: their partnerships.
CREATE FUNCTION partnerships_facet_link_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM search_bitmap_changed('partnerships', ARRAY(SELECT subnationalpartnership_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM search_bitmap_changed('partnerships', ARRAY(SELECT subnationalpartnership_id FROM old_rows));
    ELSE
        PERFORM search_bitmap_changed('partnerships', ARRAY(
            SELECT subnationalpartnership_id FROM new_rows UNION SELECT subnationalpartnership_id FROM old_rows
        ));
    END IF;
    RETURN NULL;
END
$$;

-- A locality's level, parent, country or ISO code: the partnerships on either side of it, and those of
-- its children on the Japanese side (whose prefecture it may be).
CREATE FUNCTION partnerships_facet_locality_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_bitmap_changed('partnerships', ARRAY(
        WITH changed AS (
            SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
            WHERE (n.level, n.parent_id, n.country_id, n.iso_code)
                IS DISTINCT FROM (o.level, o.parent_id, o.country_id, o.iso_code)
        ), places AS (
            SELECT id FROM changed
            UNION SELECT l.id FROM directory_locality AS l WHERE l.parent_id IN (SELECT id FROM changed)
        )
        SELECT s.id FROM partnerships_subnationalpartnership AS s
        WHERE s.japanese_locality_id IN (SELECT id FROM places)
        UNION SELECT s.id FROM partnerships_subnationalpartnership AS s
        WHERE s.foreign_locality_id IN (SELECT id FROM changed)
    ));
    RETURN NULL;
END
$$;

-- A country's region (the foreign side's region) or code (whether the Japanese side's prefecture is in
-- Japan): the partnerships with a locality, or a locality's parent, in that country.
CREATE FUNCTION partnerships_facet_country_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_bitmap_changed('partnerships', ARRAY(
        WITH changed AS (
            SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
            WHERE (n.region, n.iso2) IS DISTINCT FROM (o.region, o.iso2)
        ), places AS (
            SELECT l.id FROM directory_locality AS l WHERE l.country_id IN (SELECT id FROM changed)
            UNION SELECT l.id FROM directory_locality AS l JOIN directory_locality AS up ON up.id = l.parent_id
            WHERE up.country_id IN (SELECT id FROM changed)
        )
        SELECT s.id FROM partnerships_subnationalpartnership AS s
        WHERE s.japanese_locality_id IN (SELECT id FROM places)
        UNION SELECT s.id FROM partnerships_subnationalpartnership AS s
        WHERE s.foreign_locality_id IN (SELECT id FROM places)
    ));
    RETURN NULL;
END
$$;
"""

TABLE_TRIGGERS = [
    ("partnerships_subnationalpartnership", "partnerships_facet_partnership_changed"),
    ("partnerships_subnationalpartnership_focus_areas", "partnerships_facet_link_changed"),
]
UPDATE_TRIGGERS = [
    ("directory_locality", "partnerships_facet_locality_changed"),
    ("directory_country", "partnerships_facet_country_changed"),
]
FUNCTIONS = [
    "partnerships_facet_country_changed()",
    "partnerships_facet_locality_changed()",
    "partnerships_facet_link_changed()",
    "partnerships_facet_partnership_changed()",
    "partnerships_facet_pairs(bigint[])",
]


TRIGGERS = bitmap_migrations.triggers(
    "partnerships", "partnerships_subnationalpartnership", "partnership", TABLE_TRIGGERS, UPDATE_TRIGGERS
)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0004_i18n"),
        ("directory", "0002_reference_data"),
        ("techdiplo_search", "0001_facet_bitmaps"),
    ]

    operations = [
        migrations.RunPython(
            *bitmap_migrations.operations(
                "partnerships", "partnerships_subnationalpartnership", FORWARD, TRIGGERS, FUNCTIONS
            )
        )
    ]
