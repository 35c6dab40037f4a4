"""The models' promises: database constraints, validators, the publication rule, URLs, history.

Constraint tests save through the ORM (which does not validate) so that the
database itself must refuse; ``transaction.atomic`` keeps PostgreSQL's
transaction usable after the expected error.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from hypothesis import given
from hypothesis import strategies as st

from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import Researcher
from people.validators import validate_orcid
from techdiplo.editorial import EditorialState
from tests.factories import (
    ExchangeFactory,
    FrameworkFactory,
    InitiativeFactory,
    LocalityFactory,
    OrganizationFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    ResearchFieldFactory,
    country,
)

pytestmark = pytest.mark.django_db
NEXT_YEAR = datetime.date.today().year + 1
DRAFT = EditorialState.DRAFT


# --- database constraints -------------------------------------------------------------------


def test_initiative_ending_before_it_starts_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeFactory(start_date=datetime.date(2020, 4, 1), end_date=datetime.date(2020, 3, 31))


def test_initiative_ending_on_its_start_day_is_allowed():
    initiative = InitiativeFactory(start_date=datetime.date(2020, 4, 1), end_date=datetime.date(2020, 4, 1))
    assert initiative.pk


def test_exchange_ending_before_it_starts_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ExchangeFactory(start_date=datetime.date(2019, 9, 1), end_date=datetime.date(2019, 8, 31))


def test_partnership_established_before_1800_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnershipFactory(established=1799)


def test_partnership_established_in_1800_is_allowed():
    assert PartnershipFactory(established=1800).pk


def test_partnership_established_next_year_is_refused_by_postgresql_and_by_validation_everywhere():
    partnership = PartnershipFactory(established=1990)
    partnership.established = NEXT_YEAR

    with pytest.raises(ValidationError) as excinfo:
        partnership.full_clean()
    assert "established" in excinfo.value.message_dict

    # partnerships/migrations/0002 adds a CHECK on the database too.
    with pytest.raises(IntegrityError), transaction.atomic():
        partnership.save()


def test_duplicate_slug_is_refused_by_the_database():
    InitiativeFactory(slug="g7-ise-shima")
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeFactory(slug="g7-ise-shima")


def test_duplicate_orcid_is_refused_by_the_database():
    ResearcherFactory(orcid="0000-0002-1825-0097")
    with pytest.raises(IntegrityError), transaction.atomic():
        ResearcherFactory(orcid="0000-0002-1825-0097")


def test_many_researchers_may_have_no_orcid():
    ResearcherFactory(orcid="")
    ResearcherFactory(orcid="")
    assert Researcher.objects.filter(orcid="").count() == 2


def test_deleting_an_organization_that_leads_an_initiative_is_refused():
    initiative = InitiativeFactory()
    with pytest.raises(ProtectedError), transaction.atomic():
        initiative.lead_organization.delete()
    assert Initiative.objects.filter(pk=initiative.pk).exists()


# --- validators -------------------------------------------------------------------------------


@pytest.mark.parametrize("orcid", ["0000-0002-1825-0097", "0000-0002-9079-593X", "0000-0001-5109-3700"])
def test_orcid_validator_accepts_real_identifiers(orcid):
    validate_orcid(orcid)


@pytest.mark.parametrize(
    "orcid",
    [
        "0000-0002-1825-0098",  # wrong check digit
        "0000-0002-9079-5930",  # X expected
        "0000000218250097",  # no hyphens
        "0000-0002-1825-009",  # too short
        "0000-0002-1825-00977",
        "https://orcid.org/0000-0002-1825-0097",
        "0000-0002-1825-009x",  # only a capital X
        "abcd-0002-1825-0097",
    ],
)
def test_orcid_validator_rejects_bad_check_digits_and_formats(orcid):
    with pytest.raises(ValidationError):
        validate_orcid(orcid)


def iso7064_mod_11_2(digits):
    """ORCID's check character, from the closed form: sum of digit × 2^(15 - position), mod 11."""
    total = sum(int(digit) * 2 ** (15 - position) for position, digit in enumerate(digits))
    check = (12 - total % 11) % 11
    return "X" if check == 10 else str(check)


def as_orcid(digits, check):
    body = digits + check
    return "-".join(body[i : i + 4] for i in range(0, 16, 4))


fifteen_digits = st.text(alphabet="0123456789", min_size=15, max_size=15)


@given(digits=fifteen_digits)
def test_any_fifteen_digits_with_their_check_character_are_a_valid_orcid(digits):
    validate_orcid(as_orcid(digits, iso7064_mod_11_2(digits)))


@given(digits=fifteen_digits, last=st.sampled_from("0123456789X"))
def test_any_other_last_character_is_rejected(digits, last):
    if last == iso7064_mod_11_2(digits):
        return
    with pytest.raises(ValidationError):
        validate_orcid(as_orcid(digits, last))


def test_sources_with_a_line_that_is_not_a_url_fail_validation():
    initiative = InitiativeFactory(sources="https://www.mofa.go.jp/\nsee the minister's speech")
    partnership = PartnershipFactory(sources="ftp://example.org/file")

    for record in (initiative, partnership):
        with pytest.raises(ValidationError) as excinfo:
            record.full_clean()
        assert list(excinfo.value.message_dict) == ["sources"]


def test_sources_with_one_url_per_line_pass_validation():
    initiative = InitiativeFactory(sources="https://www.mofa.go.jp/\n\nhttps://www.jsps.go.jp/english/\n")
    initiative.full_clean()


# --- the publication rule ------------------------------------------------------------------


def test_published_excludes_drafts_in_every_register():
    for factory, model in [
        (InitiativeFactory, Initiative),
        (ResearcherFactory, Researcher),
        (PartnershipFactory, SubnationalPartnership),
    ]:
        public, draft = factory(), factory(editorial_state=DRAFT)
        assert list(model.objects.published().filter(pk__in=[public.pk, draft.pk])) == [public]


def test_published_researchers_also_need_consent():
    consenting = ResearcherFactory()
    ResearcherFactory(consent_to_publish=False)

    assert list(Researcher.objects.published()) == [consenting]


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("editor", is_staff=True)


def test_staff_see_drafts_and_everyone_else_does_not(staff, django_user_model):
    public, draft = InitiativeFactory(), InitiativeFactory(editorial_state=DRAFT)
    signed_in_public = django_user_model.objects.create_user("reader")

    assert set(Initiative.objects.visible_to(staff)) == {public, draft}
    assert list(Initiative.objects.visible_to(AnonymousUser())) == [public]
    assert list(Initiative.objects.visible_to(signed_in_public)) == [public]


def test_a_deactivated_staff_account_sees_no_drafts(staff):
    InitiativeFactory(editorial_state=DRAFT)
    staff.is_active = False

    assert not Initiative.objects.visible_to(staff).exists()


# --- URLs and history -----------------------------------------------------------------------


PUBLIC_RECORDS = {
    "initiative": InitiativeFactory,
    "researcher": ResearcherFactory,
    "partnership": PartnershipFactory,
    "organization": OrganizationFactory,
    "country": lambda: country("JP"),
    "locality": LocalityFactory,
    "policy area": PolicyAreaFactory,
    "framework": FrameworkFactory,
    "research field": ResearchFieldFactory,
}


@pytest.mark.parametrize("name", PUBLIC_RECORDS)
def test_every_public_record_links_to_a_page_that_answers(client, name):
    record = PUBLIC_RECORDS[name]()

    url = record.get_absolute_url()

    assert url.startswith("/")
    assert client.get(url).status_code == 200


def test_saving_a_record_writes_its_edit_history():
    initiative = InitiativeFactory(title="Belmont Forum")
    initiative.title = "Belmont Forum collaborative research"
    initiative.save()

    history = list(initiative.history.order_by("history_date"))
    assert [entry.history_type for entry in history] == ["+", "~"]
    assert history[-1].title == "Belmont Forum collaborative research"
