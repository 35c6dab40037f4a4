"""factory-boy factories for every model, in one place.

Reference data (countries, Japanese prefectures, policy areas) is loaded by
migrations, so factories reuse it with get-or-create rather than inventing it.
"""

import datetime

import factory
from factory.django import DjangoModelFactory

from directory.models import Country, Locality, LocalityLevel, Organization, PolicyArea, Region, Sector
from editorial.models import EditorialState
from initiatives.models import Framework, Initiative, InitiativeKind, InitiativeStatus, Participation
from partnerships.models import Activity, ActivityKind, PartnershipKind, PartnershipStatus, SubnationalPartnership
from people.models import CareerStage, EnglishLevel, Exchange, ExchangeDirection, Researcher, ResearchField


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("iso2",)

    iso2 = "JP"
    name = factory.LazyAttribute(lambda o: o.iso2)
    region = Region.ASIA


def country(iso2):
    """A country from the reference data (created if a test database lacks it)."""
    return CountryFactory(iso2=iso2)


class LocalityFactory(DjangoModelFactory):
    class Meta:
        model = Locality

    name = factory.Sequence(lambda n: f"Town {n}")
    country = factory.LazyFunction(lambda: country("US"))
    level = LocalityLevel.CITY


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    slug = factory.Sequence(lambda n: f"organization-{n}")
    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = "university"
    sector = Sector.ACADEMIA
    country = factory.LazyFunction(lambda: country("JP"))


class PolicyAreaFactory(DjangoModelFactory):
    class Meta:
        model = PolicyArea
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"area-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class FrameworkFactory(DjangoModelFactory):
    class Meta:
        model = Framework
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"framework-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())


class ResearchFieldFactory(DjangoModelFactory):
    class Meta:
        model = ResearchField
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"field-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"initiative-{n}")
    title = factory.Sequence(lambda n: f"Initiative {n}")
    summary = "A joint effort."
    kind = InitiativeKind.RESEARCH_COLLABORATION
    status = InitiativeStatus.ACTIVE
    start_date = datetime.date(2020, 4, 1)
    editorial_state = EditorialState.PUBLISHED
    lead_organization = factory.SubFactory(OrganizationFactory)

    @factory.post_generation
    def policy_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.policy_areas.set(extracted)

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.countries.set(extracted)

    @factory.post_generation
    def frameworks(self, create, extracted, **kwargs):
        if create and extracted:
            self.frameworks.set(extracted)

    @factory.post_generation
    def partner_organizations(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_organizations.set(extracted)


class ResearcherFactory(DjangoModelFactory):
    class Meta:
        model = Researcher
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"researcher-{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    given_name = "Aiko"
    affiliation = factory.SubFactory(OrganizationFactory)
    country = factory.LazyFunction(lambda: country("JP"))
    career_stage = CareerStage.EARLY
    english_level = EnglishLevel.B2
    email = factory.Sequence(lambda n: f"researcher{n}@example.ac.jp")
    consent_to_publish = True
    editorial_state = EditorialState.PUBLISHED

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields.set(extracted)


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation

    researcher = factory.SubFactory(ResearcherFactory)
    initiative = factory.SubFactory(InitiativeFactory)


class ExchangeFactory(DjangoModelFactory):
    class Meta:
        model = Exchange

    researcher = factory.SubFactory(ResearcherFactory)
    host_organization = factory.SubFactory(OrganizationFactory, country=factory.LazyFunction(lambda: country("US")))
    country = factory.LazyFunction(lambda: country("US"))
    programme = "JSPS Overseas Research Fellowship"
    direction = ExchangeDirection.OUTBOUND
    start_date = datetime.date(2019, 9, 1)
    end_date = datetime.date(2021, 8, 31)


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = SubnationalPartnership
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"partnership-{n}")
    japanese_locality = factory.SubFactory(LocalityFactory, country=factory.LazyFunction(lambda: country("JP")))
    foreign_locality = factory.SubFactory(LocalityFactory)
    kind = PartnershipKind.SISTER_CITY
    established = 1990
    status = PartnershipStatus.ACTIVE
    editorial_state = EditorialState.PUBLISHED

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus_areas.set(extracted)


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    partnership = factory.SubFactory(PartnershipFactory)
    date = datetime.date(2023, 5, 10)
    title = "Delegation visit"
    kind = ActivityKind.DELEGATION
    participants = 12


class UserFactory(DjangoModelFactory):
    """A site user; ``UserFactory(groups=["Analysts"])`` puts them in groups the migrations created."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            from django.contrib.auth.models import Group

            self.groups.set(Group.objects.filter(name__in=extracted))
