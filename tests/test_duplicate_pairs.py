"""Likely duplicates kept by triggers: every record of each kind, current as soon as an edit commits."""

import hashlib

import pytest
from django.db import transaction

from directory.models import Organization
from editorial import duplicates
from editorial.models import DuplicatePair
from initiatives.models import Initiative
from people.models import Researcher
from tests.factories import InitiativeFactory, OrganizationFactory, ResearcherFactory, UserFactory, country

pytestmark = pytest.mark.django_db

CURATION_URL = "/admin/curation/"


@pytest.fixture
def editor(client):
    user = UserFactory(groups=["Editors"], is_staff=True)
    client.force_login(user)
    return user


def unrelated(n):
    """A name like no other (hex digits share few trigrams): filler that pairs with nothing."""
    return hashlib.sha256(str(n).encode()).hexdigest()[:24]


def pair_ids(model):
    return set(DuplicatePair.objects.filter(kind=duplicates.kind(model)).values_list("first_id", "second_id"))


def listed(response, kind):
    [section] = [s for s in response.context["duplicates"] if s.kind == kind]
    return {(pair.first.pk, pair.second.pk) for pair in section.pairs}


def test_two_old_records_are_listed_however_many_came_after(client, editor, settings):
    settings.CURATION_DUPLICATES_SHOWN = 10
    first = OrganizationFactory(name="Tohoku University")
    second = OrganizationFactory(name="Tohoku Universty")  # a typo
    japan = country("JP")
    Organization.objects.bulk_create(
        Organization(slug=f"filler-{n}", name=unrelated(n), kind="university", sector="academia", country=japan)
        for n in range(300)
    )
    assert listed(client.get(CURATION_URL), "organizations") == {(first.pk, second.pk)}


def test_renaming_a_record_away_drops_its_pair_in_the_same_transaction():
    first = ResearcherFactory(family_name="Yamamoto", given_name="Haruka", name_ja="")
    second = ResearcherFactory(family_name="Yamamoto", given_name="Haruko", name_ja="")
    assert (first.pk, second.pk) in pair_ids(Researcher)
    with transaction.atomic():
        second.family_name, second.given_name = "Okonkwo", "Chidi"
        second.save()
        assert pair_ids(Researcher) == set()  # within the transaction of the edit
    # A statement that bypasses save() (a bulk update) is seen too: the triggers keep the pairs.
    Researcher.objects.filter(pk=second.pk).update(family_name="Yamamoto", given_name="Haruku")
    assert pair_ids(Researcher) == {(first.pk, second.pk)}


def test_an_edit_rolled_back_leaves_the_pairs_as_they_were():
    first = OrganizationFactory(name="Tohoku University")
    second = OrganizationFactory(name="Tohoku Universty")
    with pytest.raises(RuntimeError), transaction.atomic():
        Organization.objects.filter(pk=second.pk).update(name=unrelated(1))
        raise RuntimeError("the editor's save failed")
    assert pair_ids(Organization) == {(first.pk, second.pk)}


def test_japanese_names_pair_records_whose_latin_names_differ(client, editor):
    first = ResearcherFactory(family_name="Yamamoto", given_name="Haruka", name_ja="山本 春香")
    second = ResearcherFactory(family_name="Jamamoto", given_name="Harka", name_ja="山本 春香")
    other = ResearcherFactory(family_name="Okonkwo", given_name="Chidi", name_ja="")
    dialogue = InitiativeFactory(title="US-Japan energy security dialogue", title_ja="日米エネルギー安全保障対話")
    renamed = InitiativeFactory(title="Bilateral talks on fuel supply", title_ja="日米エネルギー安全保障の対話")
    response = client.get(CURATION_URL)
    assert (first.pk, second.pk) in listed(response, "researchers")
    assert not any(other.pk in pair for pair in listed(response, "researchers"))
    assert listed(response, "initiatives") == {(dialogue.pk, renamed.pk)}


def test_a_merge_removes_the_pair_and_the_kept_record_keeps_its_others(client, editor):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(*Permission.objects.filter(codename__in=["change_organization", "delete_organization"]))
    kept = OrganizationFactory(name="Tohoku University")
    duplicate = OrganizationFactory(name="Tohoku Universty")
    third = OrganizationFactory(name="Tohoku Universiti")
    assert {(kept.pk, duplicate.pk), (kept.pk, third.pk)} <= pair_ids(Organization)
    response = client.post(
        "/admin/curation/merge/", {"model": "directory.organization", "keep": kept.pk, "drop": duplicate.pk}
    )
    assert response.status_code == 302
    assert not any(duplicate.pk in pair for pair in pair_ids(Organization))
    assert pair_ids(Organization) == {(kept.pk, third.pk)}
    assert listed(client.get(CURATION_URL), "organizations") == {(kept.pk, third.pk)}


def test_a_partner_left_alone_meets_its_next_nearest_name():
    # A newcomer is paired with its three nearest names only: here three of four equal ones.
    twins = [OrganizationFactory(name="Kyoto Institute of Technology") for _ in range(4)]
    newcomer = OrganizationFactory(name="Kyoto Institute of Technolgy")
    partners = {a if b == newcomer.pk else b for a, b in pair_ids(Organization) if newcomer.pk in (a, b)}
    assert len(partners) == 3
    [left] = [twin for twin in twins if twin.pk not in partners]
    Organization.objects.filter(pk__in=partners).delete()
    # Without its partners, neither would have a pair: both were probed again and met.
    assert pair_ids(Organization) == {(left.pk, newcomer.pk)}


def test_a_bulk_load_deferred_is_paired_once_at_its_end():
    with duplicates.deferred():
        first = OrganizationFactory(name="Tohoku University")
        second = OrganizationFactory(name="Tohoku University")  # the same name
        near = OrganizationFactory(name="Tohoku Universty")
        assert pair_ids(Organization) == set()  # nothing probed while deferred
    found = pair_ids(Organization)
    assert (first.pk, second.pk) in found
    assert (first.pk, near.pk) in found  # the nearest other name, through the first record of each name


def test_the_rebuild_finds_what_the_triggers_found():
    titles = ["Coastal resilience programme", "Coastal resilience programmes", "Ocean observation network"]
    made = [InitiativeFactory(title=title, title_ja="") for title in titles]
    InitiativeFactory(title="Ocean observation networks", title_ja="海洋観測網")
    by_triggers = pair_ids(Initiative)
    duplicates.rebuild(Initiative)
    assert pair_ids(Initiative) == by_triggers
    assert (made[0].pk, made[1].pk) in by_triggers


def dismiss(client, model, first, second):
    return client.post("/admin/curation/dismiss/", {"model": model, "first": first.pk, "second": second.pk})


def test_not_a_duplicate_hides_the_pair_until_either_is_renamed(client, editor):
    hyogo = OrganizationFactory(name="Hyogo Prefectural Government")
    nagano = OrganizationFactory(name="Nagano Prefectural Government")
    assert listed(client.get(CURATION_URL), "organizations") == {(hyogo.pk, nagano.pk)}
    response = dismiss(client, "directory.organization", nagano, hyogo)  # either order
    assert response.status_code == 302
    assert listed(client.get(CURATION_URL), "organizations") == set()
    duplicates.rebuild(Organization)  # a bulk load's rebuild keeps the editor's word
    assert listed(client.get(CURATION_URL), "organizations") == set()
    Organization.objects.filter(pk=nagano.pk).update(name="Hyogo Prefectural Govt")  # a new name: judged again
    assert listed(client.get(CURATION_URL), "organizations") == {(hyogo.pk, nagano.pk)}


def test_not_a_duplicate_needs_the_change_permission_and_an_existing_pair(client):
    from django.contrib.auth.models import Permission

    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(*Permission.objects.filter(codename="view_organization"))
    client.force_login(viewer)
    first = OrganizationFactory(name="Tohoku University")
    second = OrganizationFactory(name="Tohoku Universty")
    other = OrganizationFactory(name=unrelated(1))
    [section] = [s for s in client.get(CURATION_URL).context["duplicates"] if s.kind == "organizations"]
    assert not section.can_dismiss
    assert dismiss(client, "directory.organization", first, second).status_code == 403
    assert listed(client.get(CURATION_URL), "organizations") == {(first.pk, second.pk)}
    viewer.user_permissions.add(*Permission.objects.filter(codename="change_organization"))
    assert dismiss(client, "directory.organization", first, other).status_code == 404
    assert client.post("/admin/curation/dismiss/", {"model": "auth.user", "first": 1, "second": 2}).status_code == 404
    assert client.get("/admin/curation/dismiss/").status_code == 405
