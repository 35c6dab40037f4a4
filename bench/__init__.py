"""``make bench``: the speed of the public search, API, detail pages and exports at scale, beside Django's admin."""
