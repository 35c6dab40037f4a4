"""``make loadtest``: the site served as in production (gunicorn, debug off, PostgreSQL with the benchmark's
data) under a realistic mix of visitors and one editor, driven by Locust over HTTP only (README.md, "Load
test")."""
