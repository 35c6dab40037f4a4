"""Researcher export columns, in the contract's order (README, "Exports"), then the name parts an import needs."""

from django.db.models import Func, Prefetch, TextField, Value
from django.db.models.functions import Concat

from directory.models import Country, Organization
from exports.cells import join
from exports.columns import (
    ExportSpec,
    FromRow,
    derived,
    many,
    published_keys,
    read_only,
    ref,
    related_values,
    text,
    url,
)
from exports.related import joined

from .models import Exchange, Researcher, ResearchField


def exchange_key(exchange):
    """``<start date>:<direction>:<country>``, e.g. ``2019-09-01:outbound:US``; sorts chronologically."""
    return exchange_text(exchange.start_date, exchange.direction, exchange.country.iso2)


def exchange_text(start_date, direction, country):
    return f"{start_date.isoformat()}:{direction}:{country}"


def exchange_sql(start_date, direction, country):
    """``exchange_text`` in SQL (the row reader aggregates the cell in its query)."""
    iso_date = Func(start_date, Value("YYYY-MM-DD"), function="to_char", output_field=TextField())
    return joined(Concat(iso_date, Value(":"), direction, Value(":"), country, output_field=TextField()))


def name_text(given_name, family_name):
    return f"{given_name} {family_name}"  # as ``Researcher.name``


# Through the participations: people must not import initiatives (the dependency points the other way).
initiatives, initiatives_prefetch = published_keys("initiatives", Researcher, "participations", "initiative", "slug")

RESEARCHERS = ExportSpec(
    register="researchers",
    model=Researcher,
    columns=[
        text("slug"),
        derived("name", lambda o: o.name, FromRow(paths=("given_name", "family_name"), cell=name_text)),
        text("name_ja"),
        ref("affiliation", Organization, "slug"),
        derived(
            "sector",
            lambda o: o.affiliation.sector if o.affiliation else None,
            FromRow(paths=("affiliation__sector",)),
        ),
        ref("country", Country, "iso2"),
        text("career_stage"),
        text("english_level"),
        many("fields", ResearchField, "slug"),
        derived(
            "exchanges",
            lambda o: join(exchange_key(e) for e in o.exchanges.all()),
            FromRow(
                related=related_values("exchanges__start_date", "exchanges__direction", "exchanges__country__iso2"),
                aggregate=exchange_sql,
            ),
        ),
        initiatives,  # published initiatives only
        text("orcid"),
        text("email"),  # private: only staff exports and the admin carry it
        url(),
        read_only("updated_at"),
        # After the contract's columns: the name parts, so an import can create a researcher.
        text("family_name"),
        text("given_name"),
    ],
    select_related=("affiliation", "country"),
    prefetch_related=(
        "fields",
        Prefetch("exchanges", queryset=Exchange.objects.select_related("country")),
        initiatives_prefetch,
    ),
)

# Everyone's download: e-mail is private (staff exports and the admin only).
PUBLIC_RESEARCHERS = RESEARCHERS.without("email")
