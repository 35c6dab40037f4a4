"""The curation page: what needs attention (each a link to its filtered list), likely duplicates and their merge."""

import datetime

import pytest
from django.utils import timezone

from directory.models import Locality, LocalityLevel, Organization
from editorial.curation import months_before
from editorial.models import EditorialState
from initiatives.models import Initiative
from people.models import Researcher
from tests.factories import (
    ActivityFactory,
    InitiativeFactory,
    LocalityFactory,
    OrganizationFactory,
    ParticipationFactory,
    PartnershipFactory,
    ResearcherFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db

CURATION_URL = "/admin/curation/"
MERGE_URL = "/admin/curation/merge/"


@pytest.fixture
def editor(client):
    user = UserFactory(groups=["Editors"], is_staff=True)
    client.force_login(user)
    return user


def today():
    return timezone.localdate()


def lines(response):
    return {(line.kind, line.url.split("?")[1]): line.count for line in response.context["lines"]}


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(datetime.date(2026, 12, 1), 12) == datetime.date(2025, 12, 1)
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 36) == datetime.date(2023, 1, 15)


def test_each_list_counts_what_its_rule_says(client, editor, settings):
    settings.CURATION_REVIEW_AFTER_MONTHS = 12
    InitiativeFactory(title="Never reviewed", last_reviewed=None, sources="https://a.example/")
    InitiativeFactory(title="Reviewed long ago", last_reviewed=today() - datetime.timedelta(days=400), sources="")
    InitiativeFactory(
        title="Fresh", title_ja="新しい", summary_ja="要約", last_reviewed=today(), sources="https://b.example/"
    )
    InitiativeFactory(title="Draft without Japanese", editorial_state=EditorialState.DRAFT, last_reviewed=today())
    quiet = PartnershipFactory(last_reviewed=today())
    ActivityFactory(partnership=quiet, date=today() - datetime.timedelta(days=4 * 365))
    ActivityFactory(partnership=PartnershipFactory(last_reviewed=today()), date=today())
    response = client.get(CURATION_URL)
    assert response.status_code == 200
    counted = lines(response)
    assert counted[("initiatives", "curation=review_due")] == 2
    assert counted[("initiatives", "curation=unsourced")] == 2  # "Reviewed long ago" and the draft
    # Published without title_ja or summary_ja: all published but "Fresh"; the draft does not count.
    assert counted[("initiatives", "curation=untranslated")] == 2
    assert counted[("subnational partnerships", "curation=quiet")] == 1


def test_each_line_links_to_the_changelist_filtered_to_the_same_records(client, editor):
    stale = InitiativeFactory(title="Stale", last_reviewed=today() - datetime.timedelta(days=800))
    InitiativeFactory(title="Reviewed", last_reviewed=today())
    found = client.get(CURATION_URL).context["lines"]
    [line] = [line for line in found if line.kind == "initiatives" and line.url.endswith("review_due")]
    listed = client.get(line.url).context["cl"].result_list
    assert [initiative.pk for initiative in listed] == [stale.pk]
    assert line.count == 1


def test_quiet_partnerships_filter_lists_only_active_ones_without_recent_activity(client, editor):
    quiet = PartnershipFactory()
    ActivityFactory(partnership=PartnershipFactory(), date=today())
    PartnershipFactory(status="dormant")
    listed = client.get("/admin/partnerships/subnationalpartnership/?curation=quiet").context["cl"].result_list
    assert [p.pk for p in listed] == [quiet.pk]


def test_the_admin_index_shows_the_counts(client, editor):
    InitiativeFactory(title="Never reviewed", last_reviewed=None)
    page = client.get("/admin/").content.decode()
    assert 'id="curation-summary"' in page
    assert "/admin/initiatives/initiative/?curation=review_due" in page
    assert "/admin/curation/#duplicates" in page


def test_the_pages_are_in_japanese_too(client, editor):
    page = client.get("/ja" + CURATION_URL).content.decode()
    assert "重複の可能性" in page
    assert "要対応" in client.get("/ja/admin/").content.decode()


def test_the_page_is_for_staff_only(client):
    assert client.get(CURATION_URL).status_code == 302  # to the sign-in page
    client.force_login(UserFactory())
    assert client.get(CURATION_URL).status_code == 302


def test_the_page_runs_a_bounded_number_of_queries(client, editor, django_assert_max_num_queries):
    prefecture = LocalityFactory(name="Miyagi", level="prefecture", country=country("JP"))
    for n in range(12):
        InitiativeFactory(title=f"Coastal resilience programme number {n}", title_ja=f"沿岸強靱化 {n}")
        ResearcherFactory(family_name="Yamamoto", given_name=f"Haruka{n}", name_ja=f"山本 {n}")
        OrganizationFactory(name=f"Tohoku University campus {n}")
        LocalityFactory(name=f"Sendai ward {n}", level="city", country=country("JP"), parent=prefecture)
    with django_assert_max_num_queries(21):
        # the session, the user and their permissions (4); the counts: one per register and rule that
        # applies (9: initiatives 3, researchers 2, partnerships 4); the duplicates, for each of 4 kinds (8):
        # the most similar pairs with their total, and their records with what their names read.
        response = client.get(CURATION_URL)
    assert response.status_code == 200
    assert all(section.pairs for section in response.context["duplicates"])
    rendered = response.content.decode()
    assert "Sendai ward 1, Miyagi" in rendered


def pairs(response, kind):
    [section] = [s for s in response.context["duplicates"] if s.kind == kind]
    return {(pair.first.pk, pair.second.pk) for pair in section.pairs}


def test_similar_names_in_either_script_are_likely_duplicates(client, editor):
    tohoku = OrganizationFactory(name="Tohoku University", name_ja="東北大学")
    tohoku_again = OrganizationFactory(name="Tohoku Universty", name_ja="")  # a typo
    kyoto = OrganizationFactory(name="Kyoto Institute of Technology", name_ja="京都工芸繊維大学")
    kyoto_ja = OrganizationFactory(name="KIT", name_ja="京都工芸繊維大学")  # the same name, in Japanese only
    OrganizationFactory(name="Osaka Prefectural Government", name_ja="大阪府")
    response = client.get(CURATION_URL)
    found = pairs(response, "organizations")
    assert (tohoku.pk, tohoku_again.pk) in found
    assert (kyoto.pk, kyoto_ja.pk) in found
    assert not any(tohoku.pk in pair and kyoto.pk in pair for pair in found)


def test_researchers_are_compared_by_their_full_names(client, editor):
    first = ResearcherFactory(family_name="Yamamoto", given_name="Haruka", name_ja="")
    second = ResearcherFactory(family_name="Yamamoto", given_name="Haruko", name_ja="")
    assert (first.pk, second.pk) in pairs(client.get(CURATION_URL), "researchers")


def merge(client, model, keep, drop):
    return client.post(MERGE_URL, {"model": model, "keep": keep.pk, "drop": drop.pk})


def test_merging_organizations_moves_every_link_in_one_step(client, editor, django_user_model):
    editor.user_permissions.add(*delete_permissions("directory", "organization"))
    kept = OrganizationFactory(name="Tohoku University")
    duplicate = OrganizationFactory(name="Tohoku Universty")
    led = InitiativeFactory(title="Led by the duplicate", lead_organization=duplicate)
    partnered = InitiativeFactory(title="Partnered", partner_organizations=[duplicate])
    researcher = ResearcherFactory(affiliation=duplicate)
    response = merge(client, "directory.organization", kept, duplicate)
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=duplicate.pk).exists()
    led.refresh_from_db()
    researcher.refresh_from_db()
    assert led.lead_organization == kept
    assert researcher.affiliation == kept
    assert list(partnered.partner_organizations.all()) == [kept]
    assert kept.history.first().history_change_reason == f"merged Tohoku Universty (#{duplicate.pk}) into this record"
    deleted = Organization.history.filter(id=duplicate.pk).first()
    assert deleted.history_type == "-"
    assert deleted.history_change_reason == f"merged into Tohoku University (#{kept.pk})"


def test_a_merge_never_makes_public_what_was_not(client, editor):
    editor.user_permissions.add(*delete_permissions("people", "researcher"))
    kept = ResearcherFactory(family_name="Yamamoto", consent_to_publish=False, editorial_state=EditorialState.DRAFT)
    duplicate = ResearcherFactory(family_name="Yamamoto", email="public@example.org")
    ParticipationFactory(researcher=duplicate, initiative=InitiativeFactory(title="Public initiative"))
    assert merge(client, "people.researcher", kept, duplicate).status_code == 302
    kept.refresh_from_db()
    assert kept.editorial_state == EditorialState.DRAFT and not kept.consent_to_publish
    assert kept.email != "public@example.org"
    assert not Researcher.objects.published().filter(pk=kept.pk).exists()
    assert kept.participations.count() == 1


def test_a_merge_that_would_repeat_a_link_is_refused_and_changes_nothing(client, editor):
    editor.user_permissions.add(*delete_permissions("people", "researcher"))
    kept, duplicate = ResearcherFactory(editorial_state=EditorialState.DRAFT), ResearcherFactory()
    initiative = InitiativeFactory(title="Both take part")
    ParticipationFactory(researcher=kept, initiative=initiative)
    ParticipationFactory(researcher=duplicate, initiative=initiative)
    response = merge(client, "people.researcher", kept, duplicate)
    assert response.status_code == 302
    assert Researcher.objects.filter(pk=duplicate.pk).exists()
    assert duplicate.participations.count() == 1
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages[0].startswith("The two records could not be merged")


def test_merging_needs_the_change_and_delete_permissions(client):
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_organization", "change_organization"]))
    client.force_login(user)
    kept, duplicate = OrganizationFactory(), OrganizationFactory()
    [section] = [s for s in client.get(CURATION_URL).context["duplicates"] if s.kind == "organizations"]
    assert not section.can_merge
    assert merge(client, "directory.organization", kept, duplicate).status_code == 403
    assert Organization.objects.filter(pk=duplicate.pk).exists()


def test_bad_merge_requests_get_404(client, editor):
    assert client.post(MERGE_URL, {"model": "auth.user", "keep": 1, "drop": 2}).status_code == 404
    org = OrganizationFactory()
    assert client.post(MERGE_URL, {"model": "directory.organization", "keep": org.pk, "drop": "x"}).status_code == 404
    assert client.get(MERGE_URL).status_code == 405


def delete_permissions(app, model):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label=app, codename__in=[f"delete_{model}", f"change_{model}"])


def test_only_a_reviewer_merges_into_a_published_record(client, editor):
    editor.user_permissions.add(*delete_permissions("initiatives", "initiative"))
    kept = InitiativeFactory(title="G7 energy dialogue", editorial_state=EditorialState.PUBLISHED)
    duplicate = InitiativeFactory(title="G7 energy dialog", editorial_state=EditorialState.DRAFT)
    response = merge(client, "initiatives.initiative", kept, duplicate)
    assert [str(m) for m in response.wsgi_request._messages] == ["Only a reviewer can merge into a published record."]
    assert Initiative.objects.filter(pk=duplicate.pk).exists()
    reviewer = UserFactory(groups=["Reviewers"], is_staff=True)
    reviewer.user_permissions.add(*delete_permissions("initiatives", "initiative"))
    client.force_login(reviewer)
    assert merge(client, "initiatives.initiative", kept, duplicate).status_code == 302
    assert not Initiative.objects.filter(pk=duplicate.pk).exists()
    assert Initiative.objects.get(pk=kept.pk).editorial_state == EditorialState.PUBLISHED


def test_initiatives_keep_their_state_when_merged(client, editor):
    editor.user_permissions.add(*delete_permissions("initiatives", "initiative"))
    kept = InitiativeFactory(title="G7 energy dialogue", editorial_state=EditorialState.IN_REVIEW)
    duplicate = InitiativeFactory(title="G7 energy dialog")
    assert merge(client, "initiatives.initiative", kept, duplicate).status_code == 302
    assert Initiative.objects.get(pk=kept.pk).editorial_state == EditorialState.IN_REVIEW
    assert not Initiative.objects.filter(pk=duplicate.pk).exists()


def test_a_prefecture_and_its_city_of_the_same_name_are_not_duplicates(client, editor):
    editor.user_permissions.add(*delete_permissions("directory", "locality"))
    japan = country("JP")
    prefecture = LocalityFactory(name="Hoshizora", country=japan, level=LocalityLevel.PREFECTURE)
    city = LocalityFactory(name="Hoshizora", country=japan, level=LocalityLevel.CITY, parent=prefecture)
    twin = LocalityFactory(name="Hoshizora", country=japan, level=LocalityLevel.CITY)  # entered twice: a duplicate
    [section] = [s for s in client.get(CURATION_URL).context["duplicates"] if s.kind == "localities"]
    ours = {prefecture.pk, city.pk, twin.pk}
    listed = {(p.first.pk, p.second.pk) for p in section.pairs if {p.first.pk, p.second.pk} & ours}
    assert listed == {(city.pk, twin.pk)}
    response = merge(client, "directory.locality", prefecture, city)
    assert response.status_code == 302
    assert Locality.objects.filter(pk=city.pk).exists()
    [message] = client.get(CURATION_URL).context["messages"]
    assert "different places" in str(message)
