"""Load the curated demo data set in ``demo/data/`` into the database.

Idempotent: every record is found by its natural key (slug, ISO code, or the
fields that identify an exchange, participation or activity) and saved only
when a value differs, so a second run writes nothing and django-simple-history
records no new rows. Every record goes through ``full_clean()`` before it is
saved, so a mistake in the demo data fails loudly instead of reaching the site.

An initiative's status is recorded as the demo's editors knew it; the loader keeps it true on the day it runs
(``status_on``): a planned initiative whose start date has passed is active, an active one past its end date
completed. So a re-run on the same day writes nothing, and a later run moves what time has moved.

Reference data (countries, prefectures and states, policy areas) belongs to
``directory/migrations/0002_reference_data.py``: it is looked up, never written.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from directory.models import Country, Locality, Organization, PolicyArea
from initiatives.models import Framework, Initiative, InitiativeStatus, Participation
from partnerships.models import Activity, SubnationalPartnership
from people.models import Exchange, Researcher, ResearchField
from people.validators import orcid_checksum

from .data import (
    exchanges,
    fields,
    frameworks,
    initiatives_development,
    initiatives_diplomacy,
    initiatives_research,
    initiatives_society,
    organizations,
    partnerships_programmes,
    partnerships_sister,
    places,
    researchers_abroad,
    researchers_japan,
)
from .data.summaries_ja import SUMMARIES_JA

INITIATIVE_MODULES = (initiatives_diplomacy, initiatives_research, initiatives_development, initiatives_society)
PARTNERSHIP_MODULES = (partnerships_sister, partnerships_programmes)
RESEARCHER_MODULES = (researchers_japan, researchers_abroad)


class Reference(dict):
    """Records by natural key; a missing key says what is missing and where to look, not a bare KeyError."""

    def __init__(self, what, records=(), hint="check the spelling in demo/data/"):
        super().__init__(records)
        self.what = what
        self.hint = hint

    def __missing__(self, key):
        raise LookupError(f"No {self.what} {key!r}: {self.hint}.")


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def demo_orcid(slug):
    """A stable, checksum-valid ORCID iD in the range ORCID issues (0000-0002-...), derived from the slug."""
    digits = "00000002" + str(int(hashlib.sha256(slug.encode()).hexdigest(), 16))[:7]
    digits += orcid_checksum(digits)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def status_on(status, start, end, today):
    """The status an initiative recorded as ``status`` has on ``today``: planned until its start date, active
    until its end date, then completed. Proposed initiatives (which may never start) and completed ones, and
    any without a start date, keep the status recorded."""
    if status not in (InitiativeStatus.PLANNED, InitiativeStatus.ACTIVE) or start is None:
        return status
    if end is not None and end < today:
        return InitiativeStatus.COMPLETED
    return InitiativeStatus.ACTIVE if start <= today else InitiativeStatus.PLANNED


def _differs(obj, name, value):
    field = obj._meta.get_field(name)
    if field.many_to_one:
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, name) != value


class Loader:
    def __init__(self, today=None):
        self.tally = defaultdict(Tally)
        self.today = today or timezone.localdate()

    def _count(self, model, outcome):
        tally = self.tally[model._meta.verbose_name_plural]
        setattr(tally, outcome, getattr(tally, outcome) + 1)

    def sync(self, model, lookup, values, m2m=None):
        """Create or update the record found by ``lookup``; save (and so add history) only on a change."""
        obj = model.objects.filter(**lookup).first()
        created = obj is None
        if created:
            obj = model(**lookup, **values)
            changed = True
        else:
            changed = False
            for name, value in values.items():
                if _differs(obj, name, value):
                    setattr(obj, name, value)
                    changed = True
        if changed:
            obj.full_clean()
            obj.save()
        for name, targets in (m2m or {}).items():
            manager = getattr(obj, name)
            if set(manager.values_list("pk", flat=True)) != {t.pk for t in targets}:
                manager.set(targets)
                changed = True
        self._count(model, "created" if created else "updated" if changed else "unchanged")
        return obj

    # Reference data and places

    def load_places(self):
        hint = "not in the reference data (run `manage.py migrate`), or misspelt in demo/data/"
        self.countries = Reference("country", Country.objects.in_bulk(field_name="iso2"), hint)
        subdivisions = Locality.objects.exclude(iso_code="")
        self.localities = Reference("locality", {locality.iso_code: locality for locality in subdivisions}, hint)
        self.areas = Reference("policy area", PolicyArea.objects.in_bulk(field_name="slug"), hint)
        for key, (name, name_ja, parent, level) in places.CITIES.items():
            parent_obj = self.localities[parent] if "-" in parent else None
            country = parent_obj.country if parent_obj else self.countries[parent]
            lookup = {"country": country, "parent": parent_obj, "name": name}
            latitude, longitude = places.COORDINATES.get(key, (None, None))
            values = {"name_ja": name_ja, "level": level, "latitude": latitude, "longitude": longitude}
            values["geonames_id"] = places.GEONAMES.get(key)
            self.localities[key] = self.sync(Locality, lookup, values)

    def load_directory(self):
        self.orgs = Reference("organization")
        for row in organizations.ORGANIZATIONS:
            slug, name, name_ja, acronym, kind, sector, iso2, website = row
            values = {
                "name": name,
                "name_ja": name_ja,
                "acronym": acronym,
                "kind": kind,
                "sector": sector,
                "country": self.countries[iso2],
                "website": website,
            }
            self.orgs[slug] = self.sync(Organization, {"slug": slug}, values)
        self.frameworks = Reference("framework")
        for slug, name, name_ja, description in frameworks.FRAMEWORKS:
            values = {"name": name, "name_ja": name_ja, "description": description}
            self.frameworks[slug] = self.sync(Framework, {"slug": slug}, values)
        self.fields = Reference("research field")
        for slug, name, name_ja in fields.RESEARCH_FIELDS:
            self.fields[slug] = self.sync(ResearchField, {"slug": slug}, {"name": name, "name_ja": name_ja})

    # Registers

    def load_researchers(self):
        self.researchers = Reference("researcher")
        for row in (row for module in RESEARCHER_MODULES for row in module.RESEARCHERS):
            row = dict(row)
            slug = row.pop("slug")
            field_slugs = row.pop("fields")
            with_orcid = row.pop("orcid", True)
            affiliation = self.orgs[row["affiliation"]]
            values = {
                **row,
                "affiliation": affiliation,
                "country": self.countries[row["country"]] if "country" in row else affiliation.country,
                "orcid": demo_orcid(slug) if with_orcid else "",
            }
            m2m = {"fields": [self.fields[f] for f in field_slugs]}
            self.researchers[slug] = self.sync(Researcher, {"slug": slug}, values, m2m)
        for slug, host, iso2, programme, direction, start, end in exchanges.EXCHANGES:
            lookup = {"researcher": self.researchers[slug], "country": self.countries[iso2], "start_date": start}
            values = {
                "host_organization": self.orgs[host] if host else None,
                "programme": programme,
                "direction": direction,
                "end_date": end,
            }
            self.sync(Exchange, lookup, values)

    def load_initiatives(self):
        for module in INITIATIVE_MODULES:
            for row in module.INITIATIVES:
                row = dict(row)
                slug = row.pop("slug")
                m2m = {
                    "policy_areas": [self.areas[s] for s in row.pop("areas")],
                    "countries": [self.countries[c] for c in row.pop("countries")],
                    "partner_organizations": [self.orgs[s] for s in row.pop("partners", [])],
                    "frameworks": [self.frameworks[s] for s in row.pop("frameworks", [])],
                }
                participants = row.pop("participants", [])
                values = {**row, "lead_organization": self.orgs[row["lead_organization"]]}
                values["status"] = status_on(row["status"], row.get("start_date"), row.get("end_date"), self.today)
                values["sources"] = "\n".join(row.get("sources", []))
                values.setdefault("summary_ja", SUMMARIES_JA.get(slug, ""))
                initiative = self.sync(Initiative, {"slug": slug}, values, m2m)
                for researcher_slug, role in participants:
                    lookup = {"researcher": self.researchers[researcher_slug], "initiative": initiative}
                    self.sync(Participation, lookup, {"role": role})

    def load_partnerships(self):
        for row in (row for module in PARTNERSHIP_MODULES for row in module.PARTNERSHIPS):
            row = dict(row)
            slug = row.pop("slug")
            m2m = {"focus_areas": [self.areas[s] for s in row.pop("areas")]}
            activities = row.pop("activities", [])
            values = {
                **row,
                "japanese_locality": self.localities[row["japanese_locality"]],
                "foreign_locality": self.localities[row["foreign_locality"]],
                "sources": "\n".join(row.get("sources", [])),
            }
            partnership = self.sync(SubnationalPartnership, {"slug": slug}, values, m2m)
            for date, title, kind, participants in activities:
                lookup = {"partnership": partnership, "date": date, "title": title}
                self.sync(Activity, lookup, {"kind": kind, "participants": participants})

    def run(self):
        self.load_places()
        self.load_directory()
        self.load_researchers()
        self.load_initiatives()
        self.load_partnerships()
        return dict(self.tally)


def seed_demo(today=None):
    """Load the demo data set (statuses as of ``today``, by default the server's date); returns
    {model verbose name plural: Tally}. Call inside a transaction."""
    return Loader(today).run()
