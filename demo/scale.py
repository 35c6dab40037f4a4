"""Scale data: tens of thousands of realistic records, for the benchmark (``seed_scale``).

Deterministic (one seeded ``random.Random``), skewed like a real register (a few
big countries, policy areas, organizations and family names; a long tail of
small ones) and fast: everything goes in with ``bulk_create`` in batches, the
many-to-many rows straight into the through tables. Bulk inserts skip
``save()`` and signals, so scale records have no edit history; that is fine
for a benchmark and is why ``clear()`` deletes with plain SQL too.

Every record this module creates has a slug starting with ``scale-`` (the
through-table rows, participations, exchanges and activities hang off those),
so ``clear()`` removes exactly the scale data and nothing an editor wrote.
Reference data (countries, prefectures, policy areas) comes from the
``directory`` migrations and is only read.
"""

import datetime
import itertools
import random
import time
from bisect import bisect_left

from django.db import connection, transaction
from django.utils.text import slugify

from directory.models import Country, Locality, LocalityLevel, Organization, PolicyArea
from editorial import duplicates
from editorial.models import EditorialState
from initiatives.models import Framework, Initiative, InitiativeStatus, Participation
from partnerships.models import Activity, ActivityKind, SubnationalPartnership
from people.models import EnglishLevel, Exchange, ExchangeDirection, Researcher, ResearchField
from people.validators import orcid_checksum
from search import bitmaps, registry
from search import text as text_search

from . import scale_vocabulary as words
from .scale_vocabulary import (
    CAREER_STAGES,
    FOREIGN_ENGLISH,
    INITIATIVE_KINDS,
    INITIATIVE_STATUSES,
    JAPANESE_ENGLISH,
    ORGANIZATION_KINDS,
    PARTNERSHIP_KINDS,
    PARTNERSHIP_STATUSES,
    ROLES,
)

PREFIX = "scale-"
BATCH = 2000
# A fixed "today", so the same seed gives the same data whatever the date.
TODAY = datetime.date(2025, 6, 30)
# The big partners come first in the skewed draw; everything else follows in a seeded shuffle.
BIG_PARTNERS = ["US", "CN", "KR", "DE", "GB", "FR", "AU", "IN", "TH", "VN", "ID", "PH", "KE", "BR", "CA"]
BIG_AREAS = ["climate-change", "disaster-risk-reduction", "science-and-technology-capacity", "energy-transition"]

# Initiative many-to-many links drawn per record, by field name.
INITIATIVE_LINKS = ("policy_areas", "countries", "frameworks", "partner_organizations")


class ReferenceDataMissing(RuntimeError):
    pass


class Picker:
    """Draws from ``items`` with Zipf-like weights (rank r weighs 1/r**s): a few favourites, a long tail."""

    def __init__(self, rng, items, s=1.0):
        self.rng, self.items = rng, list(items)
        self.cum = list(itertools.accumulate(1 / rank**s for rank in range(1, len(self.items) + 1)))

    def index(self):
        return bisect_left(self.cum, self.rng.random() * self.cum[-1])

    def one(self):
        return self.items[self.index()]

    def some(self, low, high):
        """Between ``low`` and ``high`` distinct items, in draw order (fewer only if there are fewer items)."""
        wanted = min(self.rng.randint(low, high), len(self.items))
        chosen = {}
        while len(chosen) < wanted:
            chosen.setdefault(self.index(), None)
        return [self.items[i] for i in chosen]


PUBLISHED_FROM = datetime.datetime(2014, 1, 1, tzinfo=datetime.UTC)


def weighted(rng, table):
    """One key of ``{value: weight}``."""
    return rng.choices(list(table), weights=list(table.values()))[0]


def bulk(model, objs, batch_size=BATCH):
    return model.objects.bulk_create(objs, batch_size=batch_size)


def published_at(n):
    """An hour apart, in creation order, so feeds of the scale data have an order of their own (the trigger
    would give a whole bulk load one time). Drafts' dates are dropped by the trigger. Draws no random number:
    the rest of the data stays as it was."""
    return PUBLISHED_FROM + datetime.timedelta(hours=n)


def chunks(total, size=BATCH):
    for start in range(0, total, size):
        yield range(start, min(start + size, total))


class ScaleSeeder:
    def __init__(self, seed=2016, log=print):
        self.rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
        self.log = log

    def run(self, initiatives, researchers, partnerships):
        started = time.perf_counter()
        # The facet bitmaps and the text index are built once at the end, not refreshed by every bulk insert's
        # triggers (the text index would be computed again for each of a record's links).
        registers = list(registry.values())
        # The likely duplicates too: paired set-based once, not with a probe per inserted row.
        with (
            duplicates.deferred(then_rebuild=False),
            bitmaps.deferred(*registers),
            text_search.deferred(*registers),
            transaction.atomic(),
        ):
            self.step("reference data", self.load_reference)
            self.step("organizations, frameworks, fields", self.create_vocabulary_records, initiatives)
            self.step(f"{researchers:,} researchers", self.create_researchers, researchers)
            self.step(f"{initiatives:,} initiatives", self.create_initiatives, initiatives)
            self.step(f"{partnerships:,} partnerships", self.create_partnerships, partnerships)
        self.step("likely duplicates paired", duplicates.rebuild_all)
        # What autovacuum would do soon after (merge the full-text indexes' pending entries, gather statistics):
        # the benchmark measures a settled database, not one still digesting its inserts.
        self.step("GIN pending lists merged", merge_gin_pending_lists)
        # VACUUM (which also sets the visibility map that index-only scans need) cannot run in a transaction,
        # as under a test; ANALYZE alone can.
        settle = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        self.step(settle, lambda: connection.cursor().execute(settle))
        self.log(f"seed_scale: done in {time.perf_counter() - started:.1f} s")

    def step(self, label, func, *args):
        started = time.perf_counter()
        func(*args)
        self.log(f"  {label}: {time.perf_counter() - started:.1f} s")

    # Reference data and small vocabularies

    def load_reference(self):
        countries = {c.iso2: c for c in Country.objects.exclude(iso2="JP")}
        self.japan = Country.objects.filter(iso2="JP").first()
        areas = list(PolicyArea.objects.order_by("slug"))
        prefectures = list(Locality.objects.filter(country=self.japan, level=LocalityLevel.PREFECTURE).order_by("pk"))
        foreign = list(Locality.objects.exclude(country=self.japan).filter(parent=None).order_by("pk"))
        if not (self.japan and countries and areas and prefectures and foreign):
            raise ReferenceDataMissing("Reference data is missing: run `manage.py migrate` (directory 0002) first.")
        big = [countries[iso2] for iso2 in BIG_PARTNERS if iso2 in countries]
        rest = sorted((c for c in countries.values() if c not in big), key=lambda c: c.iso2)
        self.rng.shuffle(rest)
        self.countries = Picker(self.rng, big + rest, s=1.1)
        self.rng.shuffle(areas)
        areas.sort(key=lambda area: BIG_AREAS.index(area.slug) if area.slug in BIG_AREAS else len(BIG_AREAS))
        self.areas = Picker(self.rng, areas, s=0.9)
        self.rng.shuffle(prefectures)
        self.prefectures = Picker(self.rng, prefectures, s=1.0)
        by_country = {}
        for locality in foreign:
            by_country.setdefault(locality.country_id, []).append(locality)
        self.foreign_localities = by_country

    def create_vocabulary_records(self, initiatives):
        rng = self.rng
        orgs = []
        for n in range(max(50, initiatives // 50)):
            kind = weighted(rng, ORGANIZATION_KINDS)
            sector, patterns = words.ORGANIZATION_PATTERNS[kind]
            name = rng.choice(patterns).format(place=rng.choice(words.PLACES), field=rng.choice(words.FIELDS))
            country = self.japan if rng.random() < 0.6 else self.countries.one()
            slug = f"{PREFIX}{slugify(name)[:90]}-{n}"
            orgs.append(Organization(slug=slug, name=name, kind=kind, sector=sector, country=country))
        orgs = bulk(Organization, orgs)
        self.orgs = Picker(rng, orgs, s=0.8)
        self.academic_orgs = Picker(rng, [o for o in orgs if o.sector == "academia"], s=0.8)

        frameworks = [f"{name} {year}" for name in words.FRAMEWORKS for year in words.FRAMEWORK_YEARS]
        self.frameworks = Picker(rng, self.ensure_named(Framework, frameworks), s=1.0)
        self.fields = Picker(rng, self.ensure_named(ResearchField, words.RESEARCH_FIELDS), s=0.9)

    @staticmethod
    def ensure_named(model, names):
        """The records named ``names`` (unique names): reuse an editor's, create the rest with a scale slug."""
        existing = {obj.name: obj for obj in model.objects.filter(name__in=names)}
        missing = [model(slug=f"{PREFIX}{slugify(name)[:70]}", name=name) for name in names if name not in existing]
        bulk(model, missing)
        return [*existing.values(), *model.objects.filter(slug__in=[m.slug for m in missing])]

    # Researchers

    def create_researchers(self, total):
        rng = self.rng
        families = Picker(rng, words.FAMILY_NAMES, s=0.7)
        ids = []
        for chunk in chunks(total):
            batch = bulk(Researcher, [self.researcher(n, families) for n in chunk])
            ids.extend(r.pk for r in batch)
            through = Researcher.fields.through
            bulk(
                through,
                [through(researcher_id=r.pk, researchfield_id=f.pk) for r in batch for f in self.fields.some(1, 3)],
            )
            bulk(Exchange, [self.exchange(r) for r in batch for _ in range(weighted(rng, {0: 65, 1: 28, 2: 7}))])
        self.researcher_ids = Picker(rng, ids, s=0.5)

    def researcher(self, n, families):
        rng = self.rng
        if rng.random() < 0.85:
            (family, family_ja), (given, given_ja) = families.one(), rng.choice(words.GIVEN_NAMES)
            name_ja = f"{family_ja} {given_ja}"
            country = self.japan if rng.random() < 0.9 else self.countries.one()
            english = weighted(rng, JAPANESE_ENGLISH)
        else:
            (family, given), name_ja = rng.choice(words.FOREIGN_NAMES), ""
            country = self.countries.one()
            english = weighted(rng, FOREIGN_ENGLISH)
        consent = rng.random() < 0.92
        orcid = ""
        if rng.random() < 0.4:
            digits = f"0009{n:011d}"
            orcid = "-".join(f"{digits}{orcid_checksum(digits)}"[i : i + 4] for i in range(0, 16, 4))
        return Researcher(
            slug=f"{PREFIX}{slugify(f'{family} {given}')}-{n}",
            family_name=family,
            given_name=given,
            name_ja=name_ja,
            affiliation=self.academic_orgs.one() if rng.random() < 0.9 else None,
            country=country,
            career_stage=weighted(rng, CAREER_STAGES),
            english_level=EnglishLevel(english),
            orcid=orcid,
            email=f"{slugify(given)}.{slugify(family)}.{n}@example.ac.jp",
            bio=f"Works on {self.topic(self.areas.one())} and {self.topic(self.areas.one())}.",
            consent_to_publish=consent,
            consent_recorded_on=self.date(2018, 2025) if consent else None,
            editorial_state=EditorialState.PUBLISHED if rng.random() < 0.96 else EditorialState.DRAFT,
            published_at=published_at(n),
        )

    def exchange(self, researcher):
        rng = self.rng
        outbound = researcher.country_id == self.japan.pk
        start = self.date(2000, 2025)
        return Exchange(
            researcher_id=researcher.pk,
            host_organization=self.orgs.one() if rng.random() < 0.7 else None,
            country=self.countries.one() if outbound else self.japan,
            programme=rng.choice(words.EXCHANGE_PROGRAMMES),
            direction=ExchangeDirection.OUTBOUND if outbound else ExchangeDirection.INBOUND,
            start_date=start,
            end_date=start + datetime.timedelta(days=rng.randint(60, 1100)) if rng.random() < 0.8 else None,
        )

    # Initiatives

    def create_initiatives(self, total):
        # {field name: (through model, column of the other side)}, e.g. "policy_areas": (..., "policyarea_id").
        through = {}
        for name in INITIATIVE_LINKS:
            field = Initiative._meta.get_field(name)
            through[name] = (field.remote_field.through, field.m2m_reverse_name())
        for chunk in chunks(total):
            drawn = [self.initiative_links() for _ in chunk]
            batch = bulk(Initiative, [self.initiative(n, links) for n, links in zip(chunk, drawn, strict=True)])
            rows = {name: [] for name in INITIATIVE_LINKS}
            participations = []
            for obj, links in zip(batch, drawn, strict=True):
                for name, (model, column) in through.items():
                    rows[name] += [model(initiative_id=obj.pk, **{column: other.pk}) for other in links[name]]
                participations += self.participations(obj)
            for name, (model, _column) in through.items():
                bulk(model, rows[name], batch_size=5000)
            bulk(Participation, participations, batch_size=5000)

    def initiative_links(self):
        n_frameworks = weighted(self.rng, {0: 55, 1: 40, 2: 5})
        lead = self.orgs.one()
        return {
            "lead": lead,
            "policy_areas": self.areas.some(1, 3),
            "countries": self.countries.some(1, 5),
            "frameworks": self.frameworks.some(n_frameworks, n_frameworks),
            "partner_organizations": [org for org in self.orgs.some(0, 3) if org != lead],
        }

    def participations(self, initiative):
        rng = self.rng
        researchers = self.researcher_ids.some(0, 6) if rng.random() < 0.8 else []
        return [
            Participation(
                initiative_id=initiative.pk, researcher_id=pk, role="lead" if i == 0 else weighted(rng, ROLES)
            )
            for i, pk in enumerate(researchers)
        ]

    def initiative(self, n, links):
        rng = self.rng
        topic, topic2 = self.topic(links["policy_areas"][0]), self.topic(links["policy_areas"][-1])
        country = links["countries"][0].name
        framework = links["frameworks"][0].name if links["frameworks"] else "Science diplomacy"
        fill = {"topic": topic, "topic2": topic2, "topic_cap": topic[:1].upper() + topic[1:]}
        fill |= {"country": country, "framework": framework}
        title = rng.choice(words.TITLE_PATTERNS).format(**fill)
        title_ja = ""
        if rng.random() < 0.35:
            area, partner = links["policy_areas"][0], links["countries"][0]
            title_ja = rng.choice(words.TITLE_JA_PATTERNS).format(
                topic=area.name_ja or area.name, partner=partner.name_ja or partner.name
            )
            if rng.random() < 0.05:  # a few records entered in Japanese only
                title = title_ja
        status = weighted(rng, INITIATIVE_STATUSES)
        start, end = self.initiative_dates(status)
        summary = " ".join(s.format(**fill) for s in rng.sample(words.SUMMARY_SENTENCES, 2))
        description = " ".join(s.format(**fill) for s in rng.sample(words.DESCRIPTION_SENTENCES, rng.randint(2, 4)))
        slug = f"{PREFIX}{slugify(title)[:90]}-{n}"
        return Initiative(
            slug=slug,
            title=title,
            title_ja=title_ja,
            summary=summary,
            description=f"{summary} {description}",
            kind=weighted(rng, INITIATIVE_KINDS),
            status=status,
            start_date=start,
            end_date=end,
            lead_organization=links["lead"],
            funding_jpy=min(int(rng.lognormvariate(17, 1.5)), 10**12) if rng.random() < 0.7 else None,
            sources="\n".join(
                f"{rng.choice(words.SOURCE_SITES)}/{slug[len(PREFIX) :]}/{i}" for i in range(rng.randint(1, 2))
            ),
            last_reviewed=self.date(2022, 2025),
            editorial_state=EditorialState.PUBLISHED if rng.random() < 0.97 else EditorialState.DRAFT,
            published_at=published_at(n),
        )

    def initiative_dates(self, status):
        rng = self.rng
        if status in (InitiativeStatus.PLANNED, InitiativeStatus.PROPOSED):
            return (self.date(2025, 2028) if rng.random() < 0.6 else None), None
        # Recent years are busier: a triangular draw peaking a few years ago.
        start = datetime.date(int(rng.triangular(1990, 2025.99, 2021)), rng.randint(1, 12), rng.randint(1, 28))
        start = min(start, TODAY)
        if status == InitiativeStatus.COMPLETED:
            return start, min(start + datetime.timedelta(days=rng.randint(90, 2000)), TODAY)
        return start, (start + datetime.timedelta(days=rng.randint(365, 3650)) if rng.random() < 0.6 else None)

    # Partnerships

    def create_partnerships(self, total):
        rng = self.rng
        countries = Picker(rng, [c for c in self.countries.items if c.pk in self.foreign_localities], s=1.1)
        through = SubnationalPartnership.focus_areas.through
        for chunk in chunks(total):
            batch = bulk(SubnationalPartnership, [self.partnership(n, countries) for n in chunk])
            bulk(
                through,
                [
                    through(subnationalpartnership_id=p.pk, policyarea_id=a.pk)
                    for p in batch
                    for a in self.areas.some(1, 3)
                ],
            )
            bulk(Activity, [self.activity(p) for p in batch for _ in range(rng.randint(0, 5))])

    def partnership(self, n, countries):
        rng = self.rng
        japanese = self.prefectures.one()
        foreign = rng.choice(self.foreign_localities[countries.one().pk])
        description = " ".join(rng.sample(words.PARTNERSHIP_SENTENCES, 2))
        return SubnationalPartnership(
            slug=f"{PREFIX}{slugify(f'{japanese.name} {foreign.name}')[:90]}-{n}",
            japanese_locality=japanese,
            foreign_locality=foreign,
            kind=weighted(rng, PARTNERSHIP_KINDS),
            established=int(rng.triangular(1955, 2025, 1995)),
            status=weighted(rng, PARTNERSHIP_STATUSES),
            description=f"{japanese.name} and {foreign.name}: {description}",
            sources=f"{rng.choice(words.SOURCE_SITES)}/partnerships/{n}",
            last_reviewed=self.date(2022, 2025),
            editorial_state=EditorialState.PUBLISHED if rng.random() < 0.97 else EditorialState.DRAFT,
            published_at=published_at(n),
        )

    def activity(self, partnership):
        rng = self.rng
        return Activity(
            partnership_id=partnership.pk,
            date=self.date(max(partnership.established, 1990), 2025),
            title=rng.choice(words.ACTIVITY_TITLES),
            kind=rng.choice(ActivityKind.values),
            participants=rng.randint(3, 300) if rng.random() < 0.8 else None,
        )

    # Small helpers

    def topic(self, area):
        return self.rng.choice(words.TOPICS.get(area.slug, words.GENERIC_TOPICS))

    def date(self, first_year, last_year):
        return datetime.date(self.rng.randint(first_year, last_year), self.rng.randint(1, 12), self.rng.randint(1, 28))


def merge_gin_pending_lists():
    """Fold every GIN index's pending list into the index, as (auto)vacuum would, so searches start settled."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am am ON am.oid = c.relam WHERE am.amname = 'gin' AND c.relnamespace = 'public'::regnamespace"
        )


def seed(initiatives, researchers, partnerships, seed=2016, log=print):
    ScaleSeeder(seed=seed, log=log).run(initiatives, researchers, partnerships)


def existing_counts():
    """How many scale records of each register the database holds."""
    return {
        "initiatives": Initiative.objects.filter(slug__startswith=PREFIX).count(),
        "researchers": Researcher.objects.filter(slug__startswith=PREFIX).count(),
        "partnerships": SubnationalPartnership.objects.filter(slug__startswith=PREFIX).count(),
    }


def clear(log=print):
    """Delete every scale record with plain SQL (children first): no per-row signals or history rows."""
    started = time.perf_counter()

    def table(model):
        return connection.ops.quote_name(model._meta.db_table)

    def scale_ids(model):
        return f"SELECT id FROM {table(model)} WHERE slug LIKE %s"  # noqa: S608 (table names from models)

    statements = [
        (Participation, f"initiative_id IN ({scale_ids(Initiative)}) OR researcher_id IN ({scale_ids(Researcher)})"),
        (Initiative.policy_areas.through, f"initiative_id IN ({scale_ids(Initiative)})"),
        (Initiative.countries.through, f"initiative_id IN ({scale_ids(Initiative)})"),
        (
            Initiative.frameworks.through,
            f"initiative_id IN ({scale_ids(Initiative)}) OR framework_id IN ({scale_ids(Framework)})",
        ),
        (
            Initiative.partner_organizations.through,
            f"initiative_id IN ({scale_ids(Initiative)}) OR organization_id IN ({scale_ids(Organization)})",
        ),
        (Initiative, "slug LIKE %s"),
        (Exchange, f"researcher_id IN ({scale_ids(Researcher)})"),
        (
            Researcher.fields.through,
            f"researcher_id IN ({scale_ids(Researcher)}) OR researchfield_id IN ({scale_ids(ResearchField)})",
        ),
        (Researcher, "slug LIKE %s"),
        (Activity, f"partnership_id IN ({scale_ids(SubnationalPartnership)})"),
        (
            SubnationalPartnership.focus_areas.through,
            f"subnationalpartnership_id IN ({scale_ids(SubnationalPartnership)})",
        ),
        (SubnationalPartnership, "slug LIKE %s"),
        (Organization, "slug LIKE %s"),
        (Framework, "slug LIKE %s"),
        (ResearchField, "slug LIKE %s"),
    ]
    registers = list(registry.values())
    with (
        duplicates.deferred(),
        bitmaps.deferred(*registers),
        text_search.deferred(*registers),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        for model, where in statements:
            cursor.execute(f"DELETE FROM {table(model)} WHERE {where}", [f"{PREFIX}%"] * where.count("%s"))  # noqa: S608
    log(f"seed_scale: cleared previous scale data in {time.perf_counter() - started:.1f} s")
