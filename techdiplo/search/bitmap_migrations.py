"""What the registers' facet-bitmap migrations share: their statement triggers, their install and removal.

Each register's migration writes its own SQL (``<register>_facet_pairs`` and the trigger functions) and
lists which function watches which table; this module turns that into ``CREATE TRIGGER`` statements and
the two steps of a ``RunPython``. Migrations import it, so what it generates for a given list must never
change: add, do not alter.
"""

TRANSITIONS = {
    "INSERT": "REFERENCING NEW TABLE AS new_rows",
    "UPDATE": "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows",
    "DELETE": "REFERENCING OLD TABLE AS old_rows",
}


def triggers(register, records_table, record, own_tables, watched_tables):
    """``[(name, table, CREATE TRIGGER statement)]``.

    ``own_tables``: ``[(table, function)]`` whose inserts, updates and deletes ``function`` handles, and
    whose TRUNCATE rebuilds the register from ``records_table`` (``search_bitmap_truncated``).
    ``watched_tables``: ``[(table, function)]`` of other registers' tables whose updates ``function``
    handles; their triggers are named after ``record`` ("initiative") so that two registers can watch one table.
    """
    result = []
    for table, function in own_tables:
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = f"{table}_facets_{event.lower()}"
            when = f"AFTER {event} ON {table} {TRANSITIONS[event]} FOR EACH STATEMENT"
            result.append((name, table, f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {function}()"))
        name = f"{table}_facets_truncate"
        when = f"AFTER TRUNCATE ON {table} FOR EACH STATEMENT"
        rebuild = f"search_bitmap_truncated('{register}', '{records_table}')"
        result.append((name, table, f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {rebuild}"))
    for table, function in watched_tables:
        name = f"{table}_{record}_facets"
        when = f"AFTER UPDATE ON {table} {TRANSITIONS['UPDATE']} FOR EACH STATEMENT"
        result.append((name, table, f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {function}()"))
    return result


def operations(register, records_table, functions_sql, trigger_list, functions):
    """``(forward, backward)`` for ``RunPython``: create the functions and triggers and build the register's
    bitmaps from every record of ``records_table``; or drop them (``functions``: signatures) and its bitmaps."""

    def forward(apps, schema_editor):
        schema_editor.execute(functions_sql, params=None)
        for _name, _table, statement in trigger_list:
            schema_editor.execute(statement, params=None)
        rebuild = f"SELECT search_bitmap_rebuild(%s, ARRAY(SELECT id FROM {records_table}))"  # noqa: S608
        schema_editor.execute(rebuild, params=[register])

    def backward(apps, schema_editor):
        for name, table, _statement in trigger_list:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}", params=None)
        for function in functions:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}", params=None)
        schema_editor.execute("DELETE FROM search_facet_bitmap WHERE register = %s", params=[register])

    return forward, backward
