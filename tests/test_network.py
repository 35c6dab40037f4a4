"""The collaboration network of an initiatives search: hand-counted nodes and links, drafts left out, the drawn
top nodes, brokers and communities, a stable drawing, downloads Gephi reads, permissions and queries."""

import csv
import io
import random
import re

import networkx as nx
import pytest

from editorial.models import EditorialState
from tests.factories import InitiativeFactory, OrganizationFactory, UserFactory, country
from workbench import network

pytestmark = pytest.mark.django_db

URL = "/workbench/network/"


@pytest.fixture
def organizations():
    """A, B, C share initiatives; D works with C only; a draft would link A and D."""
    a, b, c, d = (OrganizationFactory(slug=s, name=f"Org {s.upper()}") for s in ("a", "b", "c", "d"))
    us, fr, ke = country("US"), country("FR"), country("KE")
    InitiativeFactory(lead_organization=a, partner_organizations=[b, c], countries=[us, fr], status="active")
    InitiativeFactory(lead_organization=a, partner_organizations=[b], countries=[us, fr], status="completed")
    InitiativeFactory(lead_organization=d, partner_organizations=[c], countries=[ke, fr], status="active")
    InitiativeFactory(
        lead_organization=a, partner_organizations=[d], countries=[us, ke], editorial_state=EditorialState.DRAFT
    )
    return {o.slug: o for o in (a, b, c, d)}


def named(whole):
    """The graph's nodes and edges by label: ``({label: initiatives}, {(label, label): shared})``."""
    label = {pk: data["label"] for pk, data in whole.nodes(data=True)}
    nodes = {label[pk]: data["initiatives"] for pk, data in whole.nodes(data=True)}
    edges = {tuple(sorted((label[a], label[b]))): data["weight"] for a, b, data in whole.edges(data=True)}
    return nodes, edges


def test_organizations_are_linked_by_the_published_initiatives_they_share(organizations):
    nodes, edges = named(network.graph(network.search_of({}), "organizations"))

    assert nodes == {"Org A": 2, "Org B": 2, "Org C": 2, "Org D": 1}
    assert edges == {("Org A", "Org B"): 2, ("Org A", "Org C"): 1, ("Org B", "Org C"): 1, ("Org C", "Org D"): 1}


def test_countries_are_linked_by_the_initiatives_they_share(organizations):
    nodes, edges = named(network.graph(network.search_of({}), "countries"))

    assert nodes == {"United States": 2, "France": 3, "Kenya": 1}
    assert edges == {("France", "United States"): 2, ("France", "Kenya"): 1}


def test_the_network_follows_the_search(organizations):
    nodes, edges = named(network.graph(network.search_of({"status": ["completed"]}), "organizations"))

    assert nodes == {"Org A": 1, "Org B": 1}
    assert edges == {("Org A", "Org B"): 1}


def test_the_page_reads_only_the_top_nodes_and_their_links_but_counts_all(organizations):
    top = network.graph(network.search_of({}), "organizations", top=2)

    assert named(top) == ({"Org A": 2, "Org B": 2}, {("Org A", "Org B"): 2})
    assert top.graph == {"nodes": 4, "links": 4}


def test_an_organization_both_lead_and_partner_counts_its_initiative_once(organizations):
    InitiativeFactory(
        lead_organization=organizations["b"], partner_organizations=[organizations["b"], organizations["d"]]
    )

    nodes, edges = named(network.graph(network.search_of({}), "organizations"))

    assert nodes["Org B"] == 3
    assert edges[("Org B", "Org D")] == 1


def test_the_network_follows_a_text_search_and_its_facets(organizations):
    b, d = organizations["b"], organizations["d"]
    InitiativeFactory(title="Ocean sensors", lead_organization=b, partner_organizations=[d], status="completed")
    InitiativeFactory(
        title="Ocean maps", lead_organization=b, partner_organizations=[d], editorial_state=EditorialState.DRAFT
    )

    assert named(network.graph(network.search_of({"q": ["ocean"]}), "organizations")) == (
        {"Org B": 1, "Org D": 1},
        {("Org B", "Org D"): 1},
    )
    assert named(network.graph(network.search_of({"q": ["ocean"], "status": ["active"]}), "organizations")) == ({}, {})


def test_the_counts_cost_one_query(organizations, django_assert_max_num_queries):
    search = network.search_of({"q": ["initiative"], "status": ["active", "completed"]})
    search.total()  # the facet choices and the search's count (the text's matches with it), as the page reads them
    # The links of the search's initiatives to their nodes.
    with django_assert_max_num_queries(1):
        nodes, edges, totals = network.counts(search, "countries", top=2)

    assert totals == {"nodes": 3, "links": 2}
    assert sorted(nodes.values()) == [2, 3] and list(edges.values()) == [2]


def test_brokers_are_scored_on_every_drawn_link_though_links_off_all_shortest_paths_are_skipped():
    rng = random.Random(7)
    sub = nx.Graph()
    sub.add_nodes_from((pk, {"initiatives": 1}) for pk in range(40))
    pairs = [(a, b) for a in range(40) for b in range(a + 1, 40) if rng.random() < 0.5]
    sub.add_edges_from((a, b, {"weight": rng.choice([1, 1, 2, 2, 3, 4, 6])}) for a, b in pairs)  # ties: 1/2 + 1/2 = 1
    expected = nx.betweenness_centrality(sub, weight=lambda _a, _b, data: 1 / data["weight"])

    found = network.brokers(sub)

    assert network._shortest_links(sub).number_of_edges() < sub.number_of_edges() * 0.6
    assert [score for _pk, score in found] == pytest.approx(sorted(expected.values(), reverse=True)[: network.BROKERS])
    assert all(expected[pk] == pytest.approx(score) for pk, score in found)


def test_the_drawing_keeps_the_hundred_nodes_with_most_initiatives():
    whole = nx.Graph()
    for pk in range(150):
        whole.add_node(pk, initiatives=pk, label=str(pk), url="/")
    whole.add_edges_from((pk, pk + 1, {"weight": 1}) for pk in range(149))

    sub = network.drawn(whole)

    assert sorted(sub.nodes) == list(range(50, 150))
    assert sub.number_of_edges() == 99


def test_brokers_and_communities_come_from_the_drawn_graph(organizations):
    sub = network.drawn(network.graph(network.search_of({}), "organizations"))
    label = {pk: data["label"] for pk, data in sub.nodes(data=True)}

    assert label[network.brokers(sub)[0][0]] == "Org C"  # the only way from D to the others
    groups = [{label[pk] for pk in group} for group in network.communities(sub)]
    assert set().union(*groups) <= {"Org A", "Org B", "Org C", "Org D"}
    assert all(len(group) >= 2 for group in groups)


def test_the_page_draws_linked_nodes_under_the_strict_csp_and_the_same_way_twice(client, analyst, organizations):
    first = client.get(URL).content.decode()
    second = client.get(URL).content.decode()

    drawing = first[first.index("<svg") : first.index("</svg>")]
    assert drawing == second[second.index("<svg") : second.index("</svg>")]
    assert first.count("<circle") == 4
    assert 'href="/organizations/c/"' in first
    assert ' style="' not in first
    assert re.findall(r"<script(?![^>]*\ssrc=)", first) == []  # no inline script: only the site's files
    assert "Brokers" in first and "Org C" in first


def test_the_countries_network_and_an_unknown_one(client, analyst, organizations):
    countries = client.get(f"{URL}?graph=countries").content.decode()
    unknown = client.get(f"{URL}?graph=%3Cb%3Epeople")

    assert 'href="/countries/fr/"' in countries
    assert unknown.status_code == 200
    assert "There is no network “&lt;b&gt;people”" in unknown.content.decode()


def test_the_page_costs_a_fixed_number_of_queries(client, analyst, organizations, django_assert_max_num_queries):
    # Session, user, the user's own and their groups' permissions; the facet choices; the search's count; the
    # search's links to the nodes; the nodes' names.
    with django_assert_max_num_queries(8):
        assert client.get(f"{URL}?status=active&status=completed&q=initiative").status_code == 200


def test_gexf_and_graphml_downloads_open_in_networkx(client, analyst, organizations):
    for fmt, read in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        response = client.get(f"/workbench/network.{fmt}")
        assert response["Content-Disposition"].startswith('attachment; filename="network-organizations-')
        whole = read(io.BytesIO(b"".join(response.streaming_content)))
        assert whole.number_of_nodes() == 4 and whole.number_of_edges() == 4
        weights = sorted(int(float(data["weight"])) for _a, _b, data in whole.edges(data=True))
        assert weights == [1, 1, 1, 2]


def test_csv_edge_list_is_strongest_first(client, analyst, organizations):
    response = client.get("/workbench/network.csv?graph=organizations")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    assert rows[0] == network.EDGE_HEADERS
    assert rows[1][2:] == ["Org A", "Org B", "2"]
    assert len(rows) == 5


def test_anonymous_visitors_sign_in_and_editors_are_refused(client, organizations):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory(groups=["Editors"]))
    assert client.get(URL).status_code == 403
    assert client.get("/workbench/network.gexf").status_code == 403
