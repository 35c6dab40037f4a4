"""Rebuild ``maps/data/`` from the npm packages pinned in package-lock.json (``make maps``).

The shapes are projected and simplified once, here, and committed: production installs only
requirements.txt and reads the JSON files, so no map data is fetched or computed at run time.
``tests/test_maps_data.py`` rebuilds them and compares, so the committed files cannot drift from their
sources.
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("shapes.mjs")
DATA = ROOT / "maps" / "data"
FILES = ("world", "japan", "places")


def numeric_to_alpha2():
    """ISO 3166-1 numeric -> alpha-2, the key the register uses (Natural Earth's shapes carry the numeric code)."""
    return {country.numeric: country.alpha_2 for country in pycountry.countries}


def dumps(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def build():
    """{file name: JSON text} for every file of maps/data/. Needs node and `npm ci`."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node not found: the map build needs Node.js and `npm ci`")
    with tempfile.NamedTemporaryFile("w", suffix=".json") as table:
        json.dump(numeric_to_alpha2(), table)
        table.flush()
        command = [node, str(SCRIPT), table.name]
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode:
        raise RuntimeError(f"the map build failed:\n{completed.stderr}")
    output = json.loads(completed.stdout)
    return {name: dumps(output[name]) for name in FILES}


def main(argv):
    files = build()
    if "--check" in argv:
        stale = [name for name, text in files.items() if (DATA / f"{name}.json").read_text(encoding="utf-8") != text]
        if stale:
            sys.exit(f"maps/data is out of date ({', '.join(stale)}): run `make maps`")
        return
    DATA.mkdir(exist_ok=True)
    for name, text in files.items():
        (DATA / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"maps/data/{name}.json: {len(text.encode()):,} bytes")
    from maps.lines import LAND_FILE, land_svg  # the shapes just written, as the lines maps' static background

    land = ROOT / "maps" / "static" / LAND_FILE
    land.write_text(land_svg(), encoding="utf-8")
    print(f"maps/static/{LAND_FILE}: {land.stat().st_size:,} bytes")
