"""The statements PostgreSQL spent its time on during a profiled run, from ``pg_stat_statements``.

Only when the server was started with the module loaded (it cannot be loaded later):

    make loadtest BENCH_PG_OPTIONS="-c shared_buffers=1GB -c effective_cache_size=4GB -c work_mem=16MB \\
        -c shared_preload_libraries=pg_stat_statements" LOADTEST_ARGS="--configs new --shapes busy --profile 40"

``reset()`` at the start of the measured window, ``top()`` at its end; otherwise both do nothing.
"""

import psycopg

TOP = """
SELECT calls, round(total_exec_time)::bigint, round(mean_exec_time::numeric, 1), rows,
       left(regexp_replace(query, '\\s+', ' ', 'g'), 240)
FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
ORDER BY total_exec_time DESC LIMIT %s
"""


def available(connection):
    loaded = connection.execute("SHOW shared_preload_libraries").fetchone()[0]
    if "pg_stat_statements" not in loaded:
        return False
    connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    return True


def reset(database_url):
    with psycopg.connect(database_url, autocommit=True) as connection:
        if available(connection):
            connection.execute("SELECT pg_stat_statements_reset()")


def top(database_url, limit=25):
    """Lines ``calls, total ms, mean ms, rows, statement`` of the most expensive statements, or []."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        if not available(connection):
            return []
        total = connection.execute(
            "SELECT round(sum(total_exec_time))::bigint, sum(calls) FROM pg_stat_statements"
        ).fetchone()
        rows = connection.execute(TOP, [limit]).fetchall()
    lines = [f"all statements: {total[0]} ms in {total[1]} calls", "calls\ttotal ms\tmean ms\trows\tstatement"]
    return lines + ["\t".join(str(value) for value in row) for row in rows]
