"""Never stale: every committed change is what the next visitor sees, in every process, at once.

The site runs in a gunicorn of its own (``site``: another process, with production's persistent
connections); this test process writes through its own database connections and commits (the ORM, the
admin through Django's test client, an import, raw SQL on a psycopg connection of its own). Each test
reads a page first (whatever a process might keep, it would keep now), changes the data, and reads again:
result rows, totals, facet counts, "show all" lists, the home page, related lists, country and
organization pages, the API and the exports must show the change at once. No cache is cleared anywhere:
there is none to clear.
"""

import csv
import io
import re

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from accounts.roles import ANALYSTS, REVIEWERS
from directory.models import Country, Locality, Organization, PolicyArea
from editorial.models import EditorialState
from initiatives.models import Initiative
from initiatives.resources import InitiativeResource
from people.models import Researcher

from . import factories as f
from .site_process import SiteProcess, database_url_of_tests

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DRAFT, PUBLISHED = EditorialState.DRAFT, EditorialState.PUBLISHED


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        url = database_url_of_tests()
    process = SiteProcess(url)
    yield process
    process.stop()


def api(site, register, query=""):
    response = site.get(f"/api/{register}/?{query}")
    assert response.status == 200, response.text
    return response.json()


def counts(site, register, facet, query=""):
    """``{value: count}`` of one facet, as the API shows it."""
    return {v["value"]: v["count"] for v in api(site, register, query)["facets"][facet]}


def labels(site, register, facet, query=""):
    return {v["value"]: v["label"] for v in api(site, register, query)["facets"][facet]}


def slugs(site, register, query=""):
    return {r["slug"] for r in api(site, register, query)["results"]}


def page(site, path, session=None):
    response = site.get(path, session)
    assert response.status == 200, (path, response.status)
    return response.text


def figure(html, label):
    match = re.search(rf'figure__count">([\d,]+)</span> <span class="figure__label">{label}<', html)
    return int(match.group(1).replace(",", ""))


def show_all(html, facet):
    """The values behind a facet's "show all" on a search page."""
    start = html.index(f'name="{facet}"')
    fieldset = html[start : html.index("</fieldset>", start)]
    more = fieldset.partition('<details class="facet__more">')[2]
    return set(re.findall(rf'name="{facet}" value="([^"]+)"', more))


def session_of(user):
    """A session cookie for ``user`` (the session row is committed: the site process can read it)."""
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def export(site, register, session, query=""):
    response = site.get(f"/{register}/export.csv?{query}", session)
    assert response.status == 200
    return {row["slug"] for row in csv.DictReader(io.StringIO(response.text.lstrip("\ufeff")))}


@pytest.fixture
def analyst_session():
    user = get_user_model().objects.create_user("analyst-fresh")
    user.groups.add(Group.objects.get(name=ANALYSTS))
    return session_of(user)


@pytest.fixture
def reviewer_client():
    """Publishing and returning to draft are the reviewers' (tests/test_review.py)."""
    user = get_user_model().objects.create_user("reviewer-fresh", is_staff=True)
    user.groups.add(Group.objects.get(name=REVIEWERS))
    client = Client()
    client.force_login(user)
    return client


def test_a_save_reaches_rows_totals_facet_counts_and_the_api_at_once(site):
    initiative = f.InitiativeFactory(title="Tidal lattice study", status="active")
    assert counts(site, "initiatives", "status") == {"active": 1}
    assert "1 initiative" in page(site, "/initiatives/?status=active")
    initiative.status = "proposed"
    initiative.save()
    assert counts(site, "initiatives", "status") == {"proposed": 1}
    assert api(site, "initiatives", "status=active")["count"] == 0
    html = page(site, "/initiatives/?status=proposed")
    assert "1 initiative" in html and "Tidal lattice study" in html


def test_a_delete_leaves_rows_totals_the_detail_page_and_the_export_at_once(site, analyst_session):
    kept, gone = f.InitiativeFactory(slug="kept"), f.InitiativeFactory(slug="gone")
    assert api(site, "initiatives")["count"] == 2
    assert export(site, "initiatives", analyst_session) == {"kept", "gone"}
    assert site.get(gone.get_absolute_url()).status == 200
    gone.delete()
    assert api(site, "initiatives")["count"] == 1
    assert slugs(site, "initiatives") == {"kept"}
    assert export(site, "initiatives", analyst_session) == {"kept"}
    assert site.get(gone.get_absolute_url()).status == 404
    assert kept.get_absolute_url() in page(site, "/initiatives/")


def test_publish_selected_in_the_admin_reaches_search_home_facets_and_country_pages_at_once(site, reviewer_client):
    area = f.PolicyAreaFactory(slug="ocean-lattices", name="Ocean lattices")
    draft = f.InitiativeFactory(
        title="Kelp lattice observatory", editorial_state=DRAFT, policy_areas=[area], countries=[f.country("KE")]
    )
    assert api(site, "initiatives", "q=kelp")["count"] == 0
    assert figure(page(site, "/"), "Initiatives") == 0
    assert "ocean-lattices" not in counts(site, "initiatives", "area")
    assert "Kelp lattice observatory" not in page(site, "/countries/ke/")

    response = reviewer_client.post(
        "/admin/initiatives/initiative/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    assert response.status_code == 302

    assert slugs(site, "initiatives", "q=kelp") == {draft.slug}
    home = page(site, "/")
    assert figure(home, "Initiatives") == 1 and figure(home, "Partner countries") == 1
    assert "area=ocean-lattices" in home
    assert counts(site, "initiatives", "area") == {"ocean-lattices": 1}
    assert counts(site, "initiatives", "region") == {"africa": 1}
    assert "Kelp lattice observatory" in page(site, "/countries/ke/")
    assert site.get(draft.get_absolute_url()).status == 200


def test_return_to_draft_in_the_admin_leaves_related_lists_and_organization_pages_at_once(site, reviewer_client):
    area = f.PolicyAreaFactory(slug="shared-area")
    lead = f.OrganizationFactory(slug="lead-org", name="Lead Organization")
    mine = f.InitiativeFactory(title="Mine", policy_areas=[area])
    theirs = f.InitiativeFactory(title="Related soon gone", policy_areas=[area], lead_organization=lead)
    assert theirs.get_absolute_url() in page(site, mine.get_absolute_url())
    assert "Related soon gone" in page(site, "/organizations/lead-org/")
    assert figure(page(site, "/"), "Initiatives") == 2

    response = reviewer_client.post(
        "/admin/initiatives/initiative/",
        {"action": "return_to_draft", "_selected_action": [theirs.pk], "comment": "Check the lead organization."},
    )
    assert response.status_code == 302

    assert theirs.get_absolute_url() not in page(site, mine.get_absolute_url())
    assert "Related soon gone" not in page(site, "/organizations/lead-org/")
    assert figure(page(site, "/"), "Initiatives") == 1
    assert counts(site, "initiatives", "area") == {"shared-area": 1}
    assert site.get(theirs.get_absolute_url()).status == 404


def test_an_update_without_signals_reaches_facet_counts_and_the_show_all_list_at_once(site):
    # Eleven partner countries: the country facet shows ten, the last one behind "show all".
    for iso2 in ("US", "FR", "DE", "GB", "KE", "BR", "IN", "AU", "CA", "IT"):
        f.InitiativeFactory.create_batch(2, countries=[f.country(iso2)])
    late = f.InitiativeFactory(countries=[f.country("NO")], kind="policy_dialogue", editorial_state=DRAFT)
    assert "NO" not in show_all(page(site, "/initiatives/"), "country")
    Initiative.objects.filter(pk=late.pk).update(editorial_state=PUBLISHED, kind="research_centre")
    assert "NO" in show_all(page(site, "/initiatives/"), "country")
    assert counts(site, "initiatives", "kind")["research_centre"] == 1
    Initiative.objects.filter(pk=late.pk).update(editorial_state=DRAFT)
    assert "NO" not in show_all(page(site, "/initiatives/"), "country")
    assert "research_centre" not in counts(site, "initiatives", "kind")


def test_withdrawn_consent_leaves_search_api_country_and_organization_pages_and_exports_at_once(site, analyst_session):
    org = f.OrganizationFactory(slug="ocean-institute", name="Ocean Institute")
    researcher = f.ResearcherFactory(family_name="Withdrawn", affiliation=org, country=f.country("JP"))
    assert api(site, "researchers", "q=withdrawn")["count"] == 1
    assert counts(site, "researchers", "org") == {"ocean-institute": 1}
    assert "Withdrawn" in page(site, "/organizations/ocean-institute/")
    assert "Withdrawn" in page(site, "/countries/jp/")
    assert researcher.slug in export(site, "researchers", analyst_session)

    researcher.consent_to_publish = False
    researcher.save()

    assert api(site, "researchers", "q=withdrawn")["count"] == 0
    assert counts(site, "researchers", "org") == {}
    assert "Withdrawn" not in page(site, "/organizations/ocean-institute/")
    assert "Withdrawn" not in page(site, "/countries/jp/")
    assert researcher.slug not in export(site, "researchers", analyst_session)
    assert figure(page(site, "/"), "Researchers") == 0


def test_raw_sql_committed_on_another_connection_reaches_text_search_and_facets_at_once(site):
    initiative = f.InitiativeFactory(title="Plain title", countries=[f.country("US")])
    assert api(site, "initiatives", "q=geothermal")["count"] == 0
    assert counts(site, "initiatives", "country") == {"US": 1}
    with psycopg.connect(database_url_of_tests()) as writer:  # its own connection and transaction, committed on exit
        writer.execute("UPDATE initiatives_initiative SET title = 'Geothermal frontier' WHERE id = %s", [initiative.pk])
        writer.execute(
            "INSERT INTO initiatives_initiative_countries (initiative_id, country_id) "
            "SELECT %s, id FROM directory_country WHERE iso2 = 'FR'",
            [initiative.pk],
        )
    assert slugs(site, "initiatives", "q=geothermal") == {initiative.slug}
    assert counts(site, "initiatives", "country") == {"US": 1, "FR": 1}
    assert "Geothermal frontier" in page(site, "/countries/fr/")


def test_an_import_reaches_facet_counts_and_rows_at_once(site):
    initiatives = f.InitiativeFactory.create_batch(3, status="active")
    assert counts(site, "initiatives", "status") == {"active": 3}
    exported = InitiativeResource().export(queryset=Initiative.objects.filter(pk__in=[i.pk for i in initiatives]))
    status = exported.headers.index("status")
    for number in range(len(exported)):
        row = list(exported[number])
        row[status] = "completed"
        exported[number] = row
    result = InitiativeResource().import_data(exported, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert counts(site, "initiatives", "status") == {"completed": 3}
    assert slugs(site, "initiatives", "status=completed") == {i.slug for i in initiatives}


def test_renaming_an_organization_reaches_its_researchers_search_vectors_labels_and_page_at_once(site):
    org = f.OrganizationFactory(slug="old-institute", name="Old Institute")
    researcher = f.ResearcherFactory(family_name="Mori", affiliation=org)
    assert api(site, "researchers", "q=frontier")["count"] == 0
    assert labels(site, "researchers", "org") == {"old-institute": "Old Institute"}
    Organization.objects.filter(pk=org.pk).update(name="Frontier Ocean Institute")  # no signal: a trigger
    assert slugs(site, "researchers", "q=frontier") == {researcher.slug}
    assert labels(site, "researchers", "org") == {"old-institute": "Frontier Ocean Institute"}
    assert "Frontier Ocean Institute" in page(site, "/organizations/old-institute/")


def test_renaming_a_locality_reaches_its_partnerships_search_vectors_at_once(site):
    city = f.LocalityFactory(name="Oldtown", country=f.country("US"))
    partnership = f.PartnershipFactory(foreign_locality=city)
    assert api(site, "partnerships", "q=Oldtown")["count"] == 1
    city.name = "Newport"
    city.save()
    assert slugs(site, "partnerships", "q=Newport") == {partnership.slug}
    assert api(site, "partnerships", "q=Oldtown")["count"] == 0
    assert "Newport" in page(site, partnership.get_absolute_url())


def test_renaming_a_country_reaches_partnerships_search_vectors_labels_and_its_page_at_once(site):
    partnership = f.PartnershipFactory(foreign_locality=f.LocalityFactory(country=f.country("KE")))
    f.InitiativeFactory(countries=[f.country("KE")])
    assert api(site, "partnerships", "q=Kenyaland")["count"] == 0
    Country.objects.filter(iso2="KE").update(name="Kenyaland")
    assert slugs(site, "partnerships", "q=Kenyaland") == {partnership.slug}
    assert labels(site, "initiatives", "country") == {"KE": "Kenyaland"}
    assert labels(site, "partnerships", "country") == {"KE": "Kenyaland"}
    assert "Kenyaland" in page(site, "/countries/ke/")


def test_renaming_a_policy_area_reaches_facet_labels_values_and_the_home_page_at_once(site):
    area = f.PolicyAreaFactory(slug="blue-economy", name="Blue economy")
    f.InitiativeFactory(policy_areas=[area])
    assert labels(site, "initiatives", "area") == {"blue-economy": "Blue economy"}
    assert "Blue economy" in page(site, "/")
    PolicyArea.objects.filter(pk=area.pk).update(slug="ocean-economy", name="Ocean economy")
    assert labels(site, "initiatives", "area") == {"ocean-economy": "Ocean economy"}
    assert api(site, "initiatives", "area=ocean-economy")["count"] == 1
    home = page(site, "/")
    assert "Ocean economy" in home and "area=ocean-economy" in home and "Blue economy" not in home


def test_moving_a_locality_under_another_parent_reaches_partnership_text_search_at_once(site):
    tokyo = Locality.objects.get(iso_code="JP-13")
    city = f.LocalityFactory(name="Riverside", country=f.country("JP"), parent=None)
    partnership = f.PartnershipFactory(japanese_locality=city)
    assert api(site, "partnerships", "q=Tokyo")["count"] == 0
    Locality.objects.filter(pk=city.pk).update(parent=tokyo)
    assert slugs(site, "partnerships", "q=Tokyo") == {partnership.slug}
    assert counts(site, "partnerships", "prefecture") == {"JP-13": 1}


def test_researchers_and_their_names_are_never_served_from_a_stale_process_after_a_bulk_update(site):
    f.ResearcherFactory.create_batch(3, career_stage="senior")
    assert counts(site, "researchers", "stage") == {"senior": 3}
    Researcher.objects.update(career_stage="mid_career")
    assert counts(site, "researchers", "stage") == {"mid_career": 3}
    assert figure(page(site, "/"), "Researchers") == 3
