"""``published_at``: set once, on first publication, however a record gets published (save, the admin's bulk
action, ``bulk_update()``, ``QuerySet.update()``), kept through unpublishing, and backfilled from history."""

import datetime
import importlib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.roles import EDITORS, REVIEWERS
from editorial.models import EditorialState
from tests.factories import InitiativeFactory, PartnershipFactory, ResearcherFactory

pytestmark = pytest.mark.django_db

FACTORIES = [InitiativeFactory, ResearcherFactory, PartnershipFactory]
LONG_AGO = datetime.datetime(2019, 4, 1, 9, 0, tzinfo=datetime.UTC)


def stored(obj):
    return type(obj).objects.values_list("published_at", flat=True).get(pk=obj.pk)


def transaction_now():
    with connection.cursor() as cursor:
        cursor.execute("SELECT now()")
        return cursor.fetchone()[0]


@pytest.mark.parametrize("factory", FACTORIES)
def test_a_record_saved_as_published_gets_its_date_and_a_draft_none(factory):
    before = timezone.now()
    published = factory(editorial_state=EditorialState.PUBLISHED)
    draft = factory(editorial_state=EditorialState.DRAFT)
    assert published.published_at is not None
    assert before <= published.published_at <= timezone.now()
    assert stored(published) is not None
    assert draft.published_at is None
    assert stored(draft) is None


@pytest.mark.parametrize("factory", FACTORIES)
def test_queryset_update_publishes_with_a_date(factory):
    draft = factory(editorial_state=EditorialState.DRAFT)
    type(draft).objects.filter(pk=draft.pk).update(editorial_state=EditorialState.PUBLISHED)
    assert stored(draft) == transaction_now()


@pytest.mark.parametrize("factory", FACTORIES)
def test_bulk_update_publishes_with_a_date(factory):
    drafts = factory.create_batch(2, editorial_state=EditorialState.DRAFT)
    for obj in drafts:
        obj.editorial_state = EditorialState.PUBLISHED
    type(drafts[0]).objects.bulk_update(drafts, ["editorial_state"])
    assert [stored(obj) for obj in drafts] == [transaction_now()] * 2


@pytest.mark.parametrize("factory", FACTORIES)
def test_the_first_date_survives_unpublishing_publishing_again_and_attempts_to_change_it(factory):
    record = factory(editorial_state=EditorialState.PUBLISHED, published_at=LONG_AGO)
    assert stored(record) == LONG_AGO
    records = type(record).objects.filter(pk=record.pk)
    records.update(editorial_state=EditorialState.DRAFT)
    records.update(editorial_state=EditorialState.PUBLISHED)
    records.update(published_at=None)
    records.update(published_at=timezone.now())
    assert stored(record) == LONG_AGO
    record.refresh_from_db()
    record.published_at = None
    record.save()
    assert stored(record) == LONG_AGO


@pytest.mark.parametrize("factory", FACTORIES)
def test_a_draft_cannot_claim_a_publication_date(factory):
    draft = factory(editorial_state=EditorialState.DRAFT, published_at=LONG_AGO)
    assert stored(draft) is None


@pytest.mark.parametrize("factory", FACTORIES)
def test_publish_selected_in_the_admin_dates_the_records_and_their_history(client, factory):
    # Only a reviewer publishes (the review step).
    reviewer = get_user_model().objects.create_user("reviewer-test", is_staff=True)
    reviewer.groups.add(*Group.objects.filter(name__in=[EDITORS, REVIEWERS]))
    client.force_login(reviewer)
    drafts = factory.create_batch(2, editorial_state=EditorialState.DRAFT)
    already = factory(editorial_state=EditorialState.PUBLISHED, published_at=LONG_AGO)
    opts = type(already)._meta
    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "publish", "_selected_action": [obj.pk for obj in [*drafts, already]]},
    )
    assert response.status_code == 302
    dates = [stored(obj) for obj in drafts]
    assert None not in dates
    assert stored(already) == LONG_AGO
    assert drafts[0].history.latest().published_at == dates[0]


def run_backfill(module, table):
    """The migration's backfill on today's rows, with the trigger (which would keep the first dates) off."""
    backfill = importlib.import_module(module).BACKFILL
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks: ALTER TABLE refuses them
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_published_at")
        cursor.execute(f"UPDATE {table} SET published_at = NULL")  # noqa: S608
        cursor.execute(backfill)
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_published_at")


@pytest.mark.parametrize(
    ("factory", "module", "table"),
    [
        (InitiativeFactory, "initiatives.migrations.0013_published_at", "initiatives_initiative"),
        (ResearcherFactory, "people.migrations.0013_published_at", "people_researcher"),
        (PartnershipFactory, "partnerships.migrations.0013_published_at", "partnerships_subnationalpartnership"),
    ],
)
def test_backfill_takes_the_first_published_history_record_else_created_at(factory, module, table):
    with_history = factory(editorial_state=EditorialState.DRAFT)
    with_history.editorial_state = EditorialState.PUBLISHED
    with_history.save()
    with_history.editorial_state = EditorialState.DRAFT  # unpublished since: it was published once all the same
    with_history.save()
    _created, published, _unpublished = with_history.history.order_by("history_date")
    type(with_history).history.filter(pk=published.pk).update(history_date=LONG_AGO)
    without_history = factory(editorial_state=EditorialState.PUBLISHED)
    without_history.history.all().delete()
    never = factory(editorial_state=EditorialState.DRAFT)

    run_backfill(module, table)

    assert stored(with_history) == LONG_AGO
    assert stored(without_history) == without_history.created_at
    assert stored(never) is None
