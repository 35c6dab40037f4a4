"""Bad input never makes a 5xx: junk parameters on every search page and API, junk URLs everywhere."""

from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import factories as f

pytestmark = pytest.mark.django_db

SEARCH_URLS = [
    "/initiatives/",
    "/researchers/",
    "/partnerships/",
    "/api/initiatives/",
    "/api/researchers/",
    "/api/partnerships/",
    "/search/",
]

JUNK = [
    "area=no-such-area&country=zz&region=mars&prefecture=JP-99&field=&org=%00",
    "year_from=abc&year_to=20x0&since_from=-5&since_to=99999999999999999999",
    "year_from=0&year_to=10000&since_from=1e3",
    "q=%00%00nul%00",
    "q=" + "x" * 10_000,
    "q=" + "東京" * 3000,
    "q=%22&q=-&q=OR&q=%27",
    'q="unbalanced phrase',
    "q=-&sort=relevance",
    "q=!!!&sort=bogus",
    "q=the&sort=relevance",  # only a stop word: an empty tsquery on PostgreSQL
    "status=&status=&kind=&q=",
    "status=active&status=active&status=active",
    "page=abc",
    "page=-1",
    "page=0",
    "page=999999",
    "page=99999999999999999999999999",
    "page=1&page=2",
    "sort=bogus&sort=title",
    "exchange=maybe&english=Z9",
    "%ff%fe=%ff",
]


@pytest.fixture
def records():
    f.InitiativeFactory(title="Ocean observation", title_ja="海洋観測", policy_areas=[f.PolicyAreaFactory()])
    f.ResearcherFactory(name_ja="田中")
    f.PartnershipFactory()


@pytest.mark.parametrize("url", SEARCH_URLS)
@pytest.mark.parametrize("params", JUNK)
def test_junk_parameters_answer_200_or_404_never_5xx(client, records, url, params):
    response = client.get(f"{url}?{params}")
    assert response.status_code in (200, 404), (url, params, response.status_code)


def test_a_page_past_the_end_is_404_and_a_junk_page_is_200(client, records):
    assert client.get("/initiatives/?page=999999").status_code == 404
    assert client.get("/initiatives/?page=abc").status_code == 200


@pytest.fixture
def public_urls():
    """Every public URL pattern, detail pages included (with a real slug and a junk one)."""
    initiative = f.InitiativeFactory()
    researcher = f.ResearcherFactory()
    partnership = f.PartnershipFactory()
    organization = initiative.lead_organization
    return [
        "/",
        reverse("healthz"),
        *SEARCH_URLS,
        "/api/",
        initiative.get_absolute_url(),
        researcher.get_absolute_url(),
        partnership.get_absolute_url(),
        organization.get_absolute_url(),
        "/countries/jp/",
        "/initiatives/no-such-thing/",
        "/countries/zz/",
    ]


junk_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
junk_params = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "q",
                "page",
                "sort",
                "area",
                "country",
                "region",
                "kind",
                "status",
                "year_from",
                "since_to",
                "prefecture",
                "english",
                "exchange",
                "org",
                "field",
                "x",
            ]
        ),
        junk_text,
    ),
    max_size=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=junk_params, raw=junk_text)
def test_generated_junk_never_makes_a_server_error(client, records, public_urls, params, raw):
    for url in public_urls:
        query = urlencode(params) + "&" + quote(raw, safe="=&")
        response = client.get(f"{url}?{query}")
        assert response.status_code < 500, (url, query)
