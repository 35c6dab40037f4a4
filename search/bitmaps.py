"""Facet counts and filters from the PostgreSQL facet bitmaps (``techdiplo_search/0001_facet_bitmaps``).

Each register's bitmaps are kept by the generic triggers from its ``<register>_facet_pairs`` (generated from
its declaration, ``search.sql``), and its search reads them: one bitmap per facet value, bit n set when
record n has the value. The records a search matches are the bitmap

    everything & (OR of facet A's selected values) & (OR of facet B's ...) & years & text

and a facet's count for a value is ``bit_count(value & that bitmap without the facet's
own selection)``: the disjunctive rule (docs/architecture.md), for every value in one query.
The text query, which no bitmap holds, becomes a bitmap of the matching ids.
The page's rows are then read in order with :class:`InBitmap`.

Nothing here is cached: the bitmaps are kept by triggers in the same transaction as
the data, like an index, so a count is current as soon as a change is committed.
"""

from contextlib import contextmanager

from django.db import connection
from django.db.models import BooleanField, F, Func, IntegerField, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber

from . import text as text_search
from .registry import registry

RANGE_OPERATORS = {"gte": ">=", "lte": "<=", "exact": "="}
TEXT_MATCHES = "text_matches"  # the CTE of the text's matches
# A bitmap as hexadecimal (its width is a multiple of 8): varbit_send's bytes after the 4 of the length.
HEX = "encode(substring(varbit_send(bits) from 5), 'hex')"
LEVEL = "__level__"  # in most_shared's SQL, where a level's number goes
SPARSE_LEVEL = 256  # most_shared reads a level of at most this many records by id rather than walking the index
WIDTH = "SELECT length(bits) FROM search_facet_bitmap WHERE register = %s AND facet = '' AND value = ''"


def _value_keys(search, name, values):
    """Bitmaps are named by the linked row's id for a table-backed facet, by the value itself otherwise."""
    ids = search.ids.get(name)
    return [str(ids[v]) for v in values] if ids is not None else list(values)


def _clauses(search, with_text, with_ranges=True):
    """``[(facet name or None, SQL of one bitmap, params)]``: one per active selection, range and the text."""
    register = search.register.name
    clauses = []
    for name, values in search.selected.items():
        if values:
            sql = "SELECT bit_or(bits) FROM search_facet_bitmap WHERE register = %s AND facet = %s AND value = ANY(%s)"
            clauses.append((name, sql, [register, name, _value_keys(search, name, values)]))
    for name, value in search.ranges.items() if with_ranges else ():
        bound = search.register.range(name)
        operator = RANGE_OPERATORS[bound.lookup]
        sql = "SELECT bit_or(bits) FROM search_facet_bitmap WHERE register = %s AND facet = %s AND value::integer "
        sql += f"{operator} %s"  # one of RANGE_OPERATORS
        clauses.append((None, sql, [register, bound.field, value]))
    # The text's matches and the records updated since a date: bitmaps computed once each (see count()).
    for name in _matched(search) if with_text else {}:
        clauses.append((None, f"SELECT bits FROM {name}", []))  # noqa: S608 (a name of _matched's)
    return clauses


def _matched(search):
    """``{CTE name: queryset}`` of the conditions no stored bitmap holds: the text query (ids from the GIN
    index) and ``since`` (the API's ``updated_since``, ids from the ``updated_at`` index)."""
    records = search.register.model._default_manager.order_by()
    matched = {}
    if search.text:
        matched[TEXT_MATCHES] = text_search.apply_text(records, search.register.text, search.text)
    if search.since is not None:
        matched["updated_since"] = records.filter(updated_at__gte=search.since)
    return matched


def _matches(search, name, matching):
    """The CTE ``name``: the bitmap of the records of ``matching``. The text's matches come from the words' bitmaps
    (``search_text_bits``, techdiplo_search 0011) or from the text indexes alone (``search_text_bitmap``, 0008),
    whatever share of the records they are."""
    register = search.register
    if name == TEXT_MATCHES:
        query = connection.ops.compose_sql(*matching.values("pk").query.sql_with_params())
        words = text_search.word_bitmap_arguments(search.text)
        if words is None:
            return f"{name} AS MATERIALIZED (SELECT search_text_bitmap(%s, ({WIDTH})) AS bits)", [query, register.name]
        # A query of plain words: from the words' bitmaps (techdiplo_search 0011), the ids query if need be.
        table = register.model._meta.db_table
        sql = f"SELECT search_text_bits(%s, %s, %s, %s, %s, %s, %s, ({WIDTH}))"
        return f"{name} AS MATERIALIZED ({sql} AS bits)", [register.name, table, *words, query, register.name]
    sql, params = _bitmap_of(register, matching)
    return f"{name} AS MATERIALIZED ({sql} AS bits)", params


def _bitmap_of(register, records):
    """``SELECT`` of the bitmap of ``records`` (a queryset of ``register``'s model), as SQL and parameters."""
    ids_sql, ids_params = records.values("pk").query.sql_with_params()
    return f"SELECT search_bitmap_of(ARRAY({ids_sql}), ({WIDTH}))", [*ids_params, register.name]


def matching_text(bits_hex):
    """A boolean expression: the record is in the text's matches (``count`` returns them, as hexadecimal), read
    from the bitmap rather than from each record's text."""
    bits = RawSQL("('x' || %s)::varbit", [bits_hex])
    return InBitmap(F("pk"), bits)


def _bits(register, clauses):
    """SQL of the bitmap ``everything & clause & ...``; a clause that names no stored bitmap matches nothing."""
    sql = "e.bits"
    params = []
    for _facet, clause_sql, clause_params in clauses:
        # `x # x` (x XOR x) is a bitmap of zeros as wide as x: what a clause naming no stored bitmap ANDs in.
        sql += f" & coalesce(({clause_sql}), e.bits # e.bits)"
        params += clause_params
    # The bitmap of facet '' and value '' holds every published record: each search starts from it.
    sql = f"(SELECT {sql} FROM search_facet_bitmap AS e WHERE e.register = %s AND e.facet = '' AND e.value = '')"  # noqa: S608
    return sql, [*params, register]


def filter_expression(search):
    """A boolean expression "the record is in the search's facets and ranges" (the text is filtered apart),
    or None when nothing is selected."""
    clauses = _clauses(search, with_text=False)
    if not clauses:
        return None
    sql, params = _bits(search.register.name, clauses)
    return InBitmap(F("pk"), RawSQL(sql, params))  # noqa: S611 (our SQL; every value is a parameter)


def _in_bits(id_sql, bits_sql):
    """SQL of "record ``id_sql`` is in bitmap ``bits_sql``", written out: an SQL function doing it is not inlined
    when its argument is a subquery (a function call per row), while here the subquery is computed once. A record
    past the bitmap's end (inserted while the triggers were deferred) is in none; CASE keeps ``get_bit`` from
    being asked for it. Each argument appears twice, in this order: id, bits, bits, id."""
    return f"CASE WHEN {id_sql} < length({bits_sql}) THEN get_bit({bits_sql}, {id_sql}::integer) = 1 ELSE false END"


class InBitmap(Func):
    """``InBitmap(F("pk"), bits)``: the record is in the bitmap (see ``_in_bits``)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        bits_sql, bits_params = compiler.compile(self.source_expressions[1])
        return _in_bits(pk_sql, bits_sql), (*pk_params, *bits_params, *bits_params, *pk_params)


def in_results(search, field):
    """A boolean expression: the record whose id ``field`` holds (``"pk"``, or a link table's column of this
    register's ids) is among ``search``'s results: its facets, ranges, text (the matches its counts' query found,
    which it makes if it was not made yet) and ``since``, in the published records. A link table is filtered by it
    without a join to the records. The bitmap is computed once per query."""
    clauses = _clauses(search, with_text=False)
    if search.text:
        clauses.append((None, "SELECT ('x' || %s)::varbit", [search._text_matches]))
    since = _matched(search).get("updated_since")
    if since is not None:
        clauses.append((None, *_bitmap_of(search.register, since)))
    sql, params = _bits(search.register.name, clauses)
    # `|| B''` makes the bitmap a value of its own: without a clause it is the stored one, which get_bit would read
    # again from its TOAST table for every row tested.
    return InBitmap(F(field), RawSQL(f"(SELECT {sql} || B'')", params))  # noqa: S611 (our SQL; every value is a parameter)


def count(search):
    """``(total, {facet: {value: count}}, {range field: {year: count}}, text)`` in one query: the number of
    matching records, when ``search.count_facets`` each facet's disjunctive counts (values with no record left
    out), when ``search.count_years`` the records per year of each range field (``start_date__year``) under
    everything but the ranges, so a timeline shows the years around the active range too, and the text's
    matches (a bitmap as hexadecimal, for ``matching_text``; None without a text query)."""
    register = search.register.name
    clauses = _clauses(search, with_text=True)
    bases, params = [], []
    for name, matching in _matched(search).items():
        sql, matches_params = _matches(search, name, matching)
        bases.append(sql)
        params += matches_params
    # Each selected facet's own base (everything but its selection) serves only its disjunctive counts.
    selected = [facet for facet, _sql, _params in clauses if facet is not None] if search.count_facets else []
    unconditioned = set()  # the bases with no condition: every published record
    for index, skip in enumerate([None, *selected]):
        kept = [c for c in clauses if skip is None or c[0] != skip]
        sql, base_params = _bits(register, kept)
        bases.append(f"base{index} AS MATERIALIZED (SELECT {sql} AS bits)")
        params += base_params
        if not kept:
            unconditioned.add(f"base{index}")
    year_fields = search.register.year_fields() if search.count_years else []
    years_base = "base0"
    if year_fields and search.ranges:  # the years are counted without the ranges' own bounds
        kept = _clauses(search, with_text=True, with_ranges=False)
        sql, base_params = _bits(register, kept)
        bases.append(f"years_base AS MATERIALIZED (SELECT {sql} AS bits)")
        params += base_params
        years_base = "years_base"
        if not kept:
            unconditioned.add(years_base)
    parts = ["SELECT 'f' AS kind, '' AS facet, '' AS value, bit_count(bits) AS n FROM base0"]
    unselected = [name for name in search.selected if name not in selected] if search.count_facets else []
    groups = [(0, unselected)] + [(index + 1, [name]) for index, name in enumerate(selected)]
    for index, names in groups:
        if names:
            parts.append(_value_counts("'f'", f"base{index}", f"base{index}" in unconditioned))
            params += [register, names]
    if year_fields:
        parts.append(_value_counts("'y'", years_base, years_base in unconditioned))
        params += [register, year_fields]
    if search.text:  # the text's matches, for the page's query (Search.filtered)
        parts.append(f"SELECT 't', '', {HEX}, 0 FROM {TEXT_MATCHES}")  # noqa: S608 (our SQL)
    query = f"WITH {', '.join(bases)} {' UNION ALL '.join(parts)}"
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    return _read_counts(search, rows, year_fields)


def _value_counts(kind, base, unconditioned):
    """SQL of ``(kind, facet, value, count)`` for the values of the facets ``%s`` of register ``%s`` under the
    bitmap ``base``. Under no condition a value's count is the one its bitmap stores (techdiplo_search 0009),
    and the bitmaps themselves are not read."""
    if unconditioned:
        where = "b.register = %s AND b.facet = ANY(%s)"
        return f"SELECT {kind}, b.facet, b.value, b.records FROM search_facet_bitmap AS b WHERE {where}"  # noqa: S608
    return (
        f"SELECT {kind}, b.facet, b.value, bit_count(b.bits & {base}.bits) "  # noqa: S608 (our names)
        f"FROM search_facet_bitmap AS b, {base} WHERE b.register = %s AND b.facet = ANY(%s)"
    )


def _read_counts(search, rows, year_fields):
    total, text = 0, None
    counts = {name: {} for name in search.selected}
    years = {name: {} for name in year_fields}
    # Without facet counts there is no value to name, and the facets' choices (a query) are not needed.
    ids = search.ids.items() if search.count_facets else ()
    value_of = {name: {str(pk): v for v, pk in by_value.items()} for name, by_value in ids}
    for kind, facet, value, n in rows:
        if kind == "t":
            text = value
        elif kind == "y":
            if n:
                years[facet][int(value)] = n
        elif facet == "":
            total = n or 0
        elif n and facet in counts:
            value = value_of[facet].get(value) if facet in value_of else value
            if value is not None:
                counts[facet][value] = n
    return total, counts, years, text


def unfiltered_counts(facets):
    """``{(register, facet): {value key: count}}`` over every published record, for each ``(register, facet)`` of
    ``facets`` (facet ``""``: the register's total, under value ``""``); values without a record left out.
    Value keys are the bitmaps' own (a linked row's id for a table-backed facet). One query, which reads the
    counts the named facets' bitmaps store (techdiplo_search 0009), not the bitmaps.
    """
    pairs = ", ".join(["(%s, %s)"] * len(facets))
    sql = f"SELECT register, facet, value, records FROM search_facet_bitmap WHERE (register, facet) IN ({pairs})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [part for pair in facets for part in pair])
        rows = cursor.fetchall()
    counts = {pair: {} for pair in facets}
    for register, facet, value, n in rows:
        if n:
            counts[(register, facet)][value] = n
    return counts


def rebuild(register):
    """Build ``register``'s bitmaps from scratch (after a bulk load that deferred the triggers)."""
    table = register.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT search_bitmap_rebuild(%s, ARRAY(SELECT id FROM {table}))", [register.name])  # noqa: S608


@contextmanager
def deferred(*registers):
    """Skip the bitmap triggers of this connection inside the block, then rebuild ``registers``' bitmaps:
    a bulk load refreshes once instead of once per statement."""
    with connection.cursor() as cursor:
        cursor.execute("SET techdiplo.facet_index = 'deferred'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET techdiplo.facet_index")
    for register in registers:
        rebuild(register)


def most_shared(register, shared, exclude, order_by, limit):
    """SQL and params of ``(id, overlap, place)``: the ``limit`` published records of ``register`` holding most
    of the ``shared`` values (``{facet: [value keys]}``), ``exclude`` left out, most shared first, ties in the
    order ``order_by`` (``order_by()`` arguments; ``place`` numbers them). None when no value is shared.

    Level k of ``search_bitmap_levels`` holds the records with at least k of the values, ``exclude``'s bit
    cleared first. Each level is read highest first, at most ``limit`` records, and an empty level is skipped
    without a scan. A level of more than ``SPARSE_LEVEL`` records is read in order from the index until enough
    turn up; a smaller one, whose records the walk would find only far apart, by id from its bitmap
    (``search_bitmap_ids``, techdiplo_search 0010), then sorted. Unlike a count over every record sharing any
    value (tens of thousands for a common policy area), the work follows the few records shown. Each level's rows
    come from the register's ``published()``, whose condition also lets PostgreSQL read them from a partial
    index in the order asked.
    """
    if not any(shared.values()):
        return None
    # The record's own bit cleared in each bitmap: it is in no level, so a level holding only itself is empty.
    own = "CASE WHEN %s < length(bits) THEN set_bit(bits, %s::integer, 0) ELSE bits END"
    maps = " UNION ALL ".join(
        f"SELECT {own} FROM search_facet_bitmap WHERE register = %s AND facet = %s AND value = ANY(%s)"  # noqa: S608
        for facet in shared
    )
    params = [
        p
        for facet, values in shared.items()
        for p in (exclude, exclude, register.name, facet, [str(v) for v in values])
    ]
    # One level's rows, written once by the ORM with LEVEL where the level's number goes, then repeated per level.
    # Exactly LEVEL of the values: at least LEVEL and not LEVEL + 1 (`x # x`: a bitmap of zeros as wide as x).
    exactly = f"(SELECT l[{LEVEL}] & ~coalesce(l[{LEVEL} + 1], l[{LEVEL}] # l[{LEVEL}]) FROM levels)"  # noqa: S608
    size = f"(SELECT bit_count({exactly}))"
    walked = RawSQL(f"{size} > {SPARSE_LEVEL}", [], output_field=BooleanField())  # noqa: S611
    by_id = RawSQL(f"{size} BETWEEN 1 AND {SPARSE_LEVEL}", [], output_field=BooleanField())  # noqa: S611
    ids = RawSQL(f"SELECT search_bitmap_ids({exactly})", [])  # noqa: S611
    branch = []
    for rows in (
        register.base_queryset().filter(walked, InBitmap(F("pk"), RawSQL(exactly, []))),  # noqa: S611
        register.base_queryset().filter(by_id, pk__in=ids),
    ):
        ranked = rows.annotate(
            overlap=RawSQL(LEVEL, [], output_field=IntegerField()),  # noqa: S611
            place=Window(RowNumber(), order_by=list(order_by)),
        )
        sql, branch_params = (
            ranked.order_by(*order_by).values_list("pk", "overlap", "place")[:limit].query.sql_with_params()
        )
        branch.append((f"({sql})", list(branch_params)))
    levels = range(sum(len(values) for values in shared.values()), 0, -1)
    branches = []
    for level in levels:
        for sql, branch_params in branch:
            branches.append(sql.replace(LEVEL, str(level)))
            params += branch_params
    sql = (
        f"WITH levels AS MATERIALIZED (SELECT search_bitmap_levels(ARRAY({maps})) AS l) "  # noqa: S608
        f"SELECT id, overlap, place FROM ({' UNION ALL '.join(branches)}) AS ranked (id, overlap, place) "
        "ORDER BY overlap DESC, place LIMIT %s"
    )
    return sql, [*params, limit]


def defer_until_commit():
    """Skip the bitmap triggers for the rest of this transaction (``SET LOCAL``). Whoever calls this must call
    :func:`refresh` with the records it wrote before committing: an import of many rows, whose triggers
    would otherwise refresh once per statement (most of an import's time)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL techdiplo.facet_index = 'deferred'")


def refresh(model, ids):
    """Bring the bitmaps of the registers of ``model`` up to date for the records ``ids``, in one refresh."""
    if not ids:
        return
    for register in registry.for_model(model):
        with connection.cursor() as cursor:
            cursor.execute("SELECT search_bitmap_refresh(%s, %s::bigint[])", [register.name, list(ids)])
