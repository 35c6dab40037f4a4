"""A page with one of each map renderer, in the site's layout (for the browser test and for looking at them).

Served by ``tests/maps_urls.py``; the language comes from the URL as on every page of the site.
"""

from django.http import HttpResponse
from django.template import engines
from django.utils.translation import get_language

from maps import japan_choropleth, partnership_lines, world_choropleth, year_histogram

from . import maps_samples as samples

PAGE = engines["django"].from_string(
    """{% extends "base.html" %}{% load static %}
{% block head %}<link rel="stylesheet" href="{% static 'maps/maps.css' %}">{% endblock %}
{% block content %}<h1>Maps</h1>
{% for heading, figure in figures %}<section><h2>{{ heading }}</h2>{{ figure }}</section>{% endfor %}
{% endblock %}"""
)


def maps_page(request):
    language = get_language()
    world = samples.world_counts()
    japan = samples.japan_counts()
    years = samples.year_counts()
    context = {
        "world": world_choropleth(world, links=samples.links(world, "country"), names=samples.country_names(language)),
        "japan": japan_choropleth(
            japan, links=samples.links(japan, "prefecture"), names=samples.prefecture_names(language)
        ),
        "lines": partnership_lines(samples.ties(language=language)),
        "years": year_histogram(
            years, links={year: f"/initiatives/?year_from={year}&year_to={year}" for year in years}, active=(1990, 2005)
        ),
    }
    only = request.GET.get("only")
    figures = [(name.title(), figure) for name, figure in context.items() if only in (None, name)]
    return HttpResponse(PAGE.render({"figures": figures}, request))
