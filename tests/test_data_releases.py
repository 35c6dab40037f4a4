"""Bulk data releases (``manage.py release_data``, ``/data/``): a valid Frictionless Data Package of the public
records only, with checksums, keys, the licence and a change summary since the previous release."""

import csv
import json
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from frictionless import Package

from editorial.models import EditorialState
from releases import storage
from releases.writer import write_release
from tests.factories import (
    ActivityFactory,
    ExchangeFactory,
    InitiativeFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    ResearchFieldFactory,
)

pytestmark = pytest.mark.django_db


def read_table(folder, name):
    with open(folder / f"{name}.csv", newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def validate(folder):
    """The Frictionless report of the release in ``folder``, asserted valid (types, keys, foreign keys, checksums)."""
    report = Package(str(folder / storage.DESCRIPTOR)).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    return report


def test_checksum_catches_a_changed_file(releases_dir):
    InitiativeFactory()
    folder = write_release()
    validate(folder)
    text = (folder / "initiatives.csv").read_text("utf-8")
    (folder / "initiatives.csv").write_text(text.replace("Initiative", "Initiativ"), "utf-8")
    report = Package(str(folder / storage.DESCRIPTOR)).validate()
    assert not report.valid
    assert {"hash-count", "byte-count"} <= {error_type for (error_type,) in report.flatten(["type"])}


def test_release_holds_nothing_private(releases_dir):
    area, field = PolicyAreaFactory(), ResearchFieldFactory()
    public = InitiativeFactory(title="Public initiative", policy_areas=[area])
    draft = InitiativeFactory(title="Zqx draft initiative", editorial_state=EditorialState.DRAFT, policy_areas=[area])
    consenting = ResearcherFactory(family_name="Consenting", fields=[field], email="open@example.org")
    withheld = ResearcherFactory(family_name="Zqxwithheld", consent_to_publish=False, fields=[field])
    unpublished = ResearcherFactory(family_name="Zqxunpublished", editorial_state=EditorialState.DRAFT)
    ParticipationFactory(researcher=consenting, initiative=public)
    ParticipationFactory(researcher=withheld, initiative=public)
    ParticipationFactory(researcher=consenting, initiative=draft)
    ExchangeFactory(researcher=consenting)
    ExchangeFactory(researcher=withheld, programme="Zqx withheld fellowship")
    ExchangeFactory(researcher=unpublished, programme="Zqx unpublished fellowship")
    shown = PartnershipFactory(description="Public partnership", focus_areas=[area])
    hidden = PartnershipFactory(description="Zqx draft partnership", editorial_state=EditorialState.DRAFT)
    ActivityFactory(partnership=shown, title="Public visit")
    ActivityFactory(partnership=hidden, title="Zqx visit")

    folder = write_release()
    validate(folder)  # every foreign key resolves: no link row points at a record left out

    everything = "".join(path.read_text("utf-8") for path in sorted(folder.iterdir()))
    for secret in ("Zqx", "@example", withheld.slug, unpublished.slug, draft.slug, hidden.slug):
        assert secret not in everything
    columns = {f["name"] for r in storage.descriptor(folder)["resources"] for f in r["schema"]["fields"]}
    assert not {"email", "consent_to_publish", "consent_recorded_on", "editorial_state"} & columns
    assert [row["slug"] for row in read_table(folder, "initiatives")] == [public.slug]
    assert [row["slug"] for row in read_table(folder, "researchers")] == [consenting.slug]
    assert [row["slug"] for row in read_table(folder, "partnerships")] == [shown.slug]
    assert [(row["researcher_id"], row["initiative_id"]) for row in read_table(folder, "participations")] == [
        (str(consenting.pk), str(public.pk))
    ]
    assert [row["researcher_id"] for row in read_table(folder, "exchanges")] == [str(consenting.pk)]
    assert [row["researcher_id"] for row in read_table(folder, "researcher_fields")] == [str(consenting.pk)]
    assert [row["initiative_id"] for row in read_table(folder, "initiative_policy_areas")] == [str(public.pk)]
    assert [row["partnership_id"] for row in read_table(folder, "partnership_focus_areas")] == [str(shown.pk)]
    assert [row["title"] for row in read_table(folder, "activities")] == ["Public visit"]


def test_second_release_summarizes_the_changes_since_the_first(releases_dir):
    kept, changed, withdrawn = InitiativeFactory(), InitiativeFactory(), InitiativeFactory()
    first = write_release(now=datetime.fromisoformat("2026-11-30T09:00:00+00:00"))
    assert storage.descriptor(first)["techdiplo:changes"] == {"since": None, "resources": {}}

    changed.title = "A new title"
    changed.save()
    withdrawn.editorial_state = EditorialState.DRAFT
    withdrawn.save()
    InitiativeFactory(), InitiativeFactory()
    second = write_release(now=datetime.fromisoformat("2026-12-01T09:00:00+00:00"))

    changes = storage.descriptor(second)["techdiplo:changes"]
    assert changes["since"] == first.name == "2026-11-30"
    assert changes["resources"]["initiatives"] == {"rows": 4, "added": 2, "removed": 1, "changed": 1}
    assert changes["resources"]["researchers"] == {"rows": 0, "added": 0, "removed": 0, "changed": 0}
    assert kept.slug in (second / "initiatives.csv").read_text("utf-8")
    validate(second)


def test_releases_of_one_day_are_numbered(releases_dir):
    now = datetime.fromisoformat("2026-12-01T01:00:00+00:00")
    names = [write_release(now=now).name for _ in range(3)]
    assert names == ["2026-12-01", "2026-12-01.2", "2026-12-01.3"]
    assert storage.names() == ["2026-12-01.3", "2026-12-01.2", "2026-12-01"]
    assert [p.name for p in releases_dir.iterdir() if p.name.startswith(".")] == []  # no partial folder left


def test_command_writes_a_release_and_says_what_it_wrote(releases_dir):
    InitiativeFactory()
    out = StringIO()
    call_command("release_data", stdout=out)
    call_command("release_data", stdout=out)
    assert "initiatives.csv" in out.getvalue()
    assert len(storage.names()) == 2
    assert f"Changes since {storage.names()[1]}" in out.getvalue()


def test_if_none_writes_the_first_release_only(releases_dir):
    InitiativeFactory()
    call_command("release_data", "--if-none", stdout=StringIO())
    first = storage.names()
    out = StringIO()
    call_command("release_data", "--if-none", stdout=out)
    assert len(first) == 1 and storage.names() == first
    assert f"A data release exists already ({first[0]})" in out.getvalue()


def test_data_page_lists_releases_and_serves_the_latest(client, releases_dir):
    initiative = InitiativeFactory()
    write_release(now=datetime.fromisoformat("2026-11-30T09:00:00+00:00"))
    InitiativeFactory()
    write_release(now=datetime.fromisoformat("2026-12-01T09:00:00+00:00"))

    page = client.get("/data/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Latest release: 2026-12-01" in html
    assert "/data/2026-12-01/initiatives.csv" in html
    assert "/data/2026-11-30/datapackage.json" in html
    assert "+1 added" in html

    latest = client.get(reverse("release_file", args=["latest", "datapackage.json"]))
    assert latest.status_code == 200
    assert latest["Content-Type"] == "application/json"
    assert latest["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    assert json.loads(b"".join(latest.streaming_content))["version"] == "2026-12-01"
    older = client.get("/data/2026-11-30/initiatives.csv")
    assert older["Content-Type"] == "text/csv; charset=utf-8"
    assert initiative.slug in b"".join(older.streaming_content).decode()


def test_data_page_in_japanese(client, releases_dir, japanese_catalogue):
    InitiativeFactory()
    write_release()
    html = client.get("/ja/data/").content.decode()
    assert "データ" in html
    assert "取組" in html or "イニシアティブ" in html


@pytest.mark.parametrize(
    "url",
    [
        "/data/latest/secrets.csv",
        "/data/latest/..%2Fsettings.py",
        "/data/2026-12-02/initiatives.csv",
        "/data/not-a-release/initiatives.csv",
        "/data/latest/initiatives.csv.tmp",
    ],
)
def test_unknown_release_files_are_not_found(client, releases_dir, url):
    InitiativeFactory()
    write_release(now=datetime.fromisoformat("2026-12-01T09:00:00+00:00"))
    assert client.get(url).status_code == 404


def test_data_page_without_any_release(client, releases_dir):
    page = client.get("/data/")
    assert page.status_code == 200
    assert "No data release has been published yet." in page.content.decode()
    assert client.get("/data/latest/datapackage.json").status_code == 404
