"""The site's own production settings, with one URL more: ``/bench-trivial/`` (``trivial_urls.py``).

Served by the same gunicorn configuration, through the same middleware stack, it measures what Django and
gunicorn cost on this machine before the site does anything: the ceiling of any page.
"""

from techdiplo.settings import *  # noqa: F403

SITE_URLCONF = ROOT_URLCONF  # noqa: F405
ROOT_URLCONF = "bench.loadtest.trivial_urls"
