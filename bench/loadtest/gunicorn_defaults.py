"""Empty on purpose: gunicorn's own defaults (one sync worker per process, 30 s timeout, 4,094-byte request
lines), as served by the deployment the README documented before gunicorn.conf.py existed,
``gunicorn techdiplo.wsgi --workers 3``. Named with ``-c`` only so that gunicorn does not read
./gunicorn.conf.py, which it loads by default when it is in the current folder."""
