"""An initiative as the API gives it (``/api/initiatives/``): its public fields."""


def serialize(initiative):
    """The public fields of one initiative (what ``for_search()`` loads: no extra query)."""
    lead = initiative.lead_organization
    return {
        "slug": initiative.slug,
        "title": initiative.title,
        "title_ja": initiative.title_ja,
        "summary": initiative.summary,
        "summary_ja": initiative.summary_ja,
        "kind": initiative.kind,
        "status": initiative.status,
        "start_date": initiative.start_date,
        "end_date": initiative.end_date,
        "policy_areas": [{"slug": a.slug, "name": a.name} for a in initiative.policy_areas.all()],
        "countries": [{"iso2": c.iso2, "name": c.name} for c in initiative.countries.all()],
        "lead_organization": {"slug": lead.slug, "name": lead.name, "sector": lead.sector} if lead else None,
        "funding_jpy": initiative.funding_jpy,
    }
