"""The rate limits' counters: one row per kind of request, client and minute (fairuse/counters.py).

UNLOGGED: counters are written at every counted request and worth nothing after a crash (PostgreSQL empties an
unlogged table then), so they skip the write-ahead log. Not a Django model: only ``counters.py`` reads or writes
it, in one statement per request.
"""

from django.db import migrations

CREATE = """
CREATE UNLOGGED TABLE fairuse_counter (
    kind text NOT NULL,
    client text NOT NULL,
    window_end timestamptz NOT NULL,
    hits integer NOT NULL,
    PRIMARY KEY (kind, client, window_end)
);
CREATE INDEX fairuse_counter_window_end ON fairuse_counter (window_end);
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunSQL(CREATE, reverse_sql="DROP TABLE fairuse_counter;")]
