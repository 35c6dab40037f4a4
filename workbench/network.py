"""The collaboration network of an initiatives search: organizations (lead and partners) or partner countries,
linked when they share initiatives.

PostgreSQL reads the links of the search's initiatives to their nodes (one query, filtered by the search's
bitmap) and numpy counts each node's initiatives and the pairs sharing them; networkx lays the drawn subgraph out
and finds its brokers (betweenness) and communities. The drawing keeps the ``DRAWN`` nodes with the most
initiatives; the downloads hold the whole network. The same data gives the same drawing: nodes and edges are added
in a fixed order and the layout is seeded.
"""

import networkx as nx
import numpy as np
from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext

from bilingual.content import localized
from directory.models import Country, Organization
from initiatives.models import Initiative
from search import Search, registry

DRAWN = 100  # nodes in the drawing, the brokers and the communities
BROKERS = 10
SEED = 15  # the layout's: a fixed seed makes the same data draw the same way
SIZE = 1000  # the SVG's width and height, in its own units
MARGIN = 60
COLOURS = 8
LABELLED = 12  # the largest nodes carry their name
ISOLATES_PER_ROW = 15
ISOLATE_ROW = 50
GROUPS_PER_ROW = 6
GROUP_CELL = 130
LABEL_CHARS = 24


KINDS = ("organizations", "countries")
MODELS = {"organizations": Organization, "countries": Country}


def search_of(data):
    return Search(registry["initiatives"], data)


def _members(search, kind):
    """The search's ``(initiative, node)`` links as a queryset of pairs: partner countries, or lead and partner
    organizations (an organization both lead and partner of an initiative appears twice)."""
    if kind == "countries":
        links = Initiative.countries.through.objects.filter(search.includes("initiative_id"))
        return links.values_list("initiative_id", "country_id")
    # Unordered: the published records' ids and leads are then read from an index alone.
    leads = Initiative.objects.published().filter(search.includes("pk"), lead_organization__isnull=False).order_by()
    partners = Initiative.partner_organizations.through.objects.filter(search.includes("initiative_id"))
    return leads.values_list("pk", "lead_organization_id").union(
        partners.values_list("initiative_id", "organization_id"), all=True
    )


def counts(search, kind, top=None):
    """``(nodes, edges, totals)``: ``{node id: initiatives}``, ``{(a, b): shared initiatives}`` (a < b) and
    ``{"nodes", "links"}`` of the whole network, over the search's initiatives. With ``top``, only the ``top``
    nodes with most initiatives and the links between them are returned (totals still count all): what the page
    draws. One query (the search's links, as two columns of 8-byte ids), then numpy counts: a whole register's
    pairs are hundreds of thousands, which PostgreSQL joins and groups at several times the cost of sorting them
    here."""
    sql, params = _members(search, kind).query.sql_with_params()
    with connection.cursor() as cursor:
        columns = "coalesce(string_agg(int8send(initiative), ''), ''), coalesce(string_agg(int8send(node), ''), '')"
        query = f"SELECT {columns} FROM ({sql}) AS m (initiative, node)"  # noqa: S608 (the ORM's SQL, parameters)
        cursor.execute(query, params)
        initiatives, members = (np.frombuffer(column, dtype=">i8").astype(np.int64) for column in cursor.fetchone())
    nodes, (firsts, seconds, shared) = _tally(initiatives, members)
    totals = {"nodes": len(nodes), "links": len(shared)}
    if top is not None:
        nodes = {pk: nodes[pk] for pk in sorted(nodes, key=lambda pk: (-nodes[pk], pk))[:top]}
        drawn = np.isin(firsts, list(nodes)) & np.isin(seconds, list(nodes))
        firsts, seconds, shared = firsts[drawn], seconds[drawn], shared[drawn]
    edges = dict(zip(zip(firsts.tolist(), seconds.tolist(), strict=True), shared.tolist(), strict=True))
    return nodes, edges, totals


def _tally(initiatives, members):
    """``({node: initiatives}, (a, b, shared))`` from the links ``initiatives[i]`` - ``members[i]``: each node's
    number of initiatives and every pair a < b sharing some, as three arrays."""
    order = np.lexsort((members, initiatives))
    initiatives, members = initiatives[order], members[order]
    distinct = np.ones(len(members), dtype=bool)
    distinct[1:] = (initiatives[1:] != initiatives[:-1]) | (members[1:] != members[:-1])
    initiatives, members = initiatives[distinct], members[distinct]
    ids, per_node = np.unique(members, return_counts=True)
    # An initiative's nodes are now a sorted run: each is paired with the one `step` places on while the run lasts.
    firsts, seconds = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
    for step in range(1, len(members)):
        same = initiatives[step:] == initiatives[:-step]
        if not same.any():  # no run is longer than `step`
            break
        firsts.append(members[:-step][same])
        seconds.append(members[step:][same])
    span = int(members.max()) + 1 if len(members) else 1  # a pair as one number, a * span + b (ids < 3e9)
    pairs, shared = np.unique(np.concatenate(firsts) * span + np.concatenate(seconds), return_counts=True)
    nodes = dict(zip(ids.tolist(), per_node.tolist(), strict=True))
    return nodes, (pairs // span, pairs % span, shared)


def graph(search, kind, top=None):
    """The network as a networkx Graph (``top``: only its ``top`` nodes with most initiatives): nodes carry
    ``label``, ``short`` (an acronym where there is one), ``initiatives`` and ``url``; edges ``weight`` (shared
    initiatives); ``graph.graph`` holds the whole network's ``nodes`` and ``links`` counts. Two queries (``counts``',
    then the nodes' names)."""
    nodes, edges, totals = counts(search, kind, top)
    model = MODELS[kind]
    records = model.objects.in_bulk(list(nodes))
    network = nx.Graph(**totals)
    for pk in sorted(nodes, key=lambda pk: (-nodes[pk], pk)):
        record = records[pk]
        label = _label(record)
        short = getattr(record, "acronym", "") or label
        network.add_node(pk, label=label, short=short, initiatives=nodes[pk], url=record.get_absolute_url())
    network.add_edges_from((a, b, {"weight": n}) for (a, b), n in sorted(edges.items()))
    return network


def _label(record):
    """The name in the page's language (English where no Japanese is recorded), an acronym after it."""
    name = localized(record, "name")
    acronym = getattr(record, "acronym", "")
    return f"{name} ({acronym})" if acronym and acronym != name else name


def drawn(network):
    """The subgraph of the ``DRAWN`` nodes with the most initiatives (ties by id), in that order."""
    top = sorted(network.nodes, key=lambda pk: (-network.nodes[pk]["initiatives"], pk))[:DRAWN]
    sub = nx.Graph(**network.graph)
    sub.add_nodes_from((pk, network.nodes[pk]) for pk in top)
    # The whole network's edges filtered here, not a subgraph view's (which tests both ends of each through layers of
    # views): the same edges, each named from the end that comes first in the network.
    kept = set(top)
    sub.add_edges_from(sorted((a, b, d) for a, b, d in network.edges(data=True) if a in kept and b in kept))
    return sub


def brokers(sub):
    """The ``BROKERS`` nodes with the highest betweenness (paths measured in 1 / shared initiatives), above 0."""
    for _a, _b, data in sub.edges(data=True):
        data["distance"] = 1 / data["weight"]
    scores = nx.betweenness_centrality(_shortest_links(sub), weight="distance")
    ranked = sorted(sub.nodes, key=lambda pk: (-scores[pk], pk))
    return [(pk, scores[pk]) for pk in ranked[:BROKERS] if scores[pk] > 0]


def _shortest_links(sub):
    """``sub`` without the links that lie on no shortest path: a link longer than the shortest way between its
    ends (through other nodes) is never taken, so betweenness is the same without it, and far cheaper on a dense
    network (a Dijkstra search from every node walks every link). The shortest paths are the same, so the scores
    are, but for the order in which floating-point shares are added up."""
    order = list(sub)
    shortest = nx.floyd_warshall_numpy(sub, nodelist=order, weight="distance")
    index = {pk: i for i, pk in enumerate(order)}
    pruned = nx.Graph()
    pruned.add_nodes_from(order)
    for a in order:
        for b, data in sub.adj[a].items():
            # A relative margin far above rounding errors: a link within it of the shortest way is kept.
            if data["distance"] <= shortest[index[a], index[b]] * (1 + 1e-9):
                pruned.add_edge(a, b, distance=data["distance"])
    return pruned


def communities(sub):
    """Communities of two nodes or more (Louvain, seeded: the same graph gives the same groups), largest first."""
    if not sub.number_of_edges():
        return []
    found = nx.community.louvain_communities(sub, weight="weight", seed=SEED)
    groups = [sorted(group, key=lambda pk: (-sub.nodes[pk]["initiatives"], pk)) for group in found if len(group) > 1]
    return sorted(groups, key=lambda group: (-len(group), group[0]))


def layout(sub):
    """``{node: (x, y)}`` in the SVG's units, seeded: the same graph always gets the same positions.

    The largest connected group fills the square; smaller groups get a cell each, and nodes linked to no other
    drawn node a small one, in rows along the bottom (a spring layout alone would fling them to the edges and
    squeeze the rest into a corner).
    """
    groups = sorted(nx.connected_components(sub), key=lambda group: (-len(group), min(group)))
    if not groups:
        return {}
    main, rest = groups[0], groups[1:]
    small = [group for group in rest if len(group) > 1]
    alone = [next(iter(group)) for group in rest if len(group) == 1]
    inner = SIZE - 2 * MARGIN
    small_rows, alone_rows = -(-len(small) // GROUPS_PER_ROW), -(-len(alone) // ISOLATES_PER_ROW)
    strip = small_rows * GROUP_CELL + alone_rows * ISOLATE_ROW
    positions = _spring(sub.subgraph(main), MARGIN, MARGIN, inner, inner - strip)
    top = SIZE - MARGIN - strip
    cell = inner / GROUPS_PER_ROW
    for index, group in enumerate(small):
        row, column = divmod(index, GROUPS_PER_ROW)
        x, y = MARGIN + cell * column + 10, top + GROUP_CELL * row + 10
        positions.update(_spring(sub.subgraph(group), x, y, cell - 20, GROUP_CELL - 20))
    top += small_rows * GROUP_CELL
    step = inner / ISOLATES_PER_ROW
    for index, pk in enumerate(sorted(alone, key=list(sub.nodes).index)):
        row, column = divmod(index, ISOLATES_PER_ROW)
        positions[pk] = (round(MARGIN + step * (column + 0.5), 1), round(top + ISOLATE_ROW * (row + 0.5), 1))
    return positions


def _spring(graph, left, top, width, height):
    """A seeded spring layout of ``graph`` (connected) scaled into the box ``left, top, width, height``."""
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (round(left + width / 2, 1), round(top + height / 2, 1))}
    spread = 1.8 / graph.number_of_nodes() ** 0.5
    raw = nx.spring_layout(graph, weight="weight", seed=SEED, iterations=100, k=spread)
    xs = [x for x, _y in raw.values()]
    ys = [y for _x, y in raw.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    return {
        pk: (round(left + (x - min(xs)) / span_x * width, 1), round(top + (y - min(ys)) / span_y * height, 1))
        for pk, (x, y) in raw.items()
    }


def picture(sub, groups):
    """Plain data for the SVG template: edges (lines), then nodes (circles with a link), biggest drawn last."""
    positions = layout(sub)
    community = {pk: index for index, group in enumerate(groups) for pk in group}
    most = max((d["initiatives"] for _pk, d in sub.nodes(data=True)), default=1)
    strongest = max((d["weight"] for _a, _b, d in sub.edges(data=True)), default=1)
    edges = [
        {
            "x1": positions[a][0],
            "y1": positions[a][1],
            "x2": positions[b][0],
            "y2": positions[b][1],
            "width": round(0.5 + 5.5 * d["weight"] / strongest, 1),
        }
        for a, b, d in sub.edges(data=True)
    ]
    nodes = []
    for rank, (pk, d) in enumerate(sorted(sub.nodes(data=True), key=lambda item: item[1]["initiatives"])):
        x, y = positions[pk]
        r = round(5 + 25 * (d["initiatives"] / most) ** 0.5, 1)
        nodes.append(
            {
                **d,
                "x": x,
                "y": y,
                "r": r,
                "label_y": round(y + r + 18, 1),
                "group": _colour(community.get(pk)),
                "labelled": rank >= sub.number_of_nodes() - LABELLED,
            }
        )
    labels = [_label_box(node) for node in nodes if node["labelled"]]
    return {"size": SIZE, "edges": edges, "nodes": nodes, "labels": labels}


def _label_box(node):
    """A name under its node on a white box (readable over whatever it covers), the box's width guessed from the
    characters: Japanese ones are about twice as wide as Latin ones."""
    text = node["short"] if len(node["short"]) <= LABEL_CHARS else node["short"][: LABEL_CHARS - 1] + "…"
    width = sum(17 if ord(c) > 0x2E80 else 9.5 for c in text) + 10
    return {
        "text": text,
        "x": node["x"],
        "y": node["label_y"],
        "box_x": round(node["x"] - width / 2, 1),
        "box_y": round(node["label_y"] - 16, 1),
        "box_width": round(width, 1),
    }


def _colour(community):
    """A community's colour class: the eight largest have one each; the rest, and nodes in none, are grey."""
    return f"community-{community}" if community is not None and community < COLOURS else "community-other"


def search_query(data):
    """The query string of the initiatives search alone (``graph`` dropped)."""
    params = data.copy()
    params.pop("graph", None)
    params.pop("page", None)
    return params.urlencode()


def with_kind(data, kind):
    params = data.copy()
    params["graph"] = kind
    params.pop("page", None)
    return f"?{params.urlencode()}"


def download_url(fmt, query):
    url = reverse("workbench_network_download", args=[fmt])
    return f"{url}?{query}" if query else url


def choose_kind(data):
    """``(kind, notices)``: ``graph=organizations`` (the default) or ``graph=countries``."""
    kind = data.get("graph", "") or KINDS[0]
    if kind in KINDS:
        return kind, []
    return KINDS[0], [gettext("There is no network “%(name)s”; this is the network of organizations.") % {"name": kind}]


def page(data):
    """Everything the network page shows. Queries: the facet choices, the search's count, the search's links
    (``counts``) and the nodes' names (four)."""
    search = search_of(data)
    kind, notices = choose_kind(data)
    sub = drawn(graph(search, kind, top=DRAWN))
    groups = communities(sub)
    return {
        "search": search,
        "kind": kind,
        "notices": notices,
        "whole": {"nodes": sub.graph["nodes"], "edges": sub.graph["links"]},
        "drawn": sub.number_of_nodes(),
        "picture": picture(sub, groups),
        "brokers": [{**sub.nodes[pk], "score": score} for pk, score in brokers(sub)],
        "communities": [
            {"colour": _colour(index), "size": len(group), "members": [sub.nodes[pk] for pk in group]}
            for index, group in enumerate(groups)
        ],
    }


def edge_rows(network):
    """The CSV edge list: one row per pair sharing initiatives, strongest first."""
    edges = sorted(network.edges(data=True), key=lambda edge: (-edge[2]["weight"], edge[0], edge[1]))
    for a, b, data in edges:
        yield [a, b, network.nodes[a]["label"], network.nodes[b]["label"], data["weight"]]


EDGE_HEADERS = ["source", "target", "source_name", "target_name", "shared_initiatives"]


def xml_lines(network, fmt):
    """GEXF or GraphML lines (for Gephi): node ``label``, ``initiatives`` and ``url``, edge ``weight``."""
    lines = nx.generate_gexf(network) if fmt == "gexf" else nx.generate_graphml(network)
    return (f"{line}\n" for line in lines)
