"""One export, measured in a process of its own: ``python -m bench.export_probe FORMAT ROWS`` prints JSON.

A fresh process, so the memory growth it reports is the export's alone and not
the remains of the benchmark's earlier requests.
"""

import json
import os
import sys


def main():
    fmt, rows = sys.argv[1], int(sys.argv[2])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.test.utils import override_settings

    from .harness import measure_export

    with override_settings(ROOT_URLCONF="bench.urls"):
        print(json.dumps(measure_export(fmt, rows)))


if __name__ == "__main__":
    main()
