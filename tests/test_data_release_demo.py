"""The data release of the demo data set: every table, typed, described and keyed, valid for Frictionless.

Apart from tests/test_data_releases.py because the demo data stays loaded for the whole module."""

import csv
import hashlib
import io

import pytest

from releases import storage
from releases.writer import write_release
from tests.test_data_releases import validate

pytestmark = pytest.mark.django_db


def test_release_of_the_demo_data_is_a_valid_data_package(demo_data, releases_dir):
    folder = write_release()
    report = validate(folder)
    descriptor = storage.descriptor(folder)

    names = [resource["name"] for resource in descriptor["resources"]]
    assert names[:3] == ["initiatives", "researchers", "partnerships"]
    for link_table in ("participations", "exchanges", "activities", "initiative_policy_areas"):
        assert link_table in names
    for reference in ("countries", "localities", "organizations", "policy_areas", "frameworks", "research_fields"):
        assert reference in names
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    assert descriptor["version"] == folder.name
    assert report.stats["tasks"] == len(names)
    for resource in descriptor["resources"]:
        data = (folder / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["bytes"] == len(data)
        assert resource["rows"] == len(list(csv.reader(io.StringIO(data.decode("utf-8"))))) - 1  # less the header
        for field in resource["schema"]["fields"]:
            assert field["type"] in {"string", "integer", "date", "datetime", "boolean", "number"}
            assert field["description"], (resource["name"], field["name"])
    initiatives = next(r for r in descriptor["resources"] if r["name"] == "initiatives")
    types = {field["name"]: field["type"] for field in initiatives["schema"]["fields"]}
    assert types["start_date"] == "date"
    assert types["funding_jpy"] == "integer"
    assert types["published_at"] == "datetime"
    assert {"fields": "lead_organization_id", "reference": {"resource": "organizations", "fields": "id"}} in (
        initiatives["schema"]["foreignKeys"]
    )
    assert initiatives["rows"] > 0
