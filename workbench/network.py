"""The collaboration network of an initiatives search: organizations (lead and partners) or partner countries,
linked when they share initiatives.

PostgreSQL counts (one query for the nodes, one for the edges, both over the search's published initiatives);
networkx lays the drawn subgraph out and finds its brokers (betweenness) and communities. The drawing keeps the
``DRAWN`` nodes with the most initiatives; the downloads hold the whole network. The same data gives the same
drawing: nodes and edges are added in a fixed order and the layout is seeded.
"""

from contextlib import contextmanager
from dataclasses import dataclass

import networkx as nx
from django.db import connection, transaction
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


@dataclass(frozen=True)
class Kind:
    """What the nodes are: ``members`` is SQL of ``(initiative, node id)`` for the initiatives ``ids`` (a
    subquery's SQL)."""

    name: str
    model: type
    members: str


def _kinds():
    initiatives = Initiative._meta.db_table
    partners = Initiative.partner_organizations.through._meta.db_table
    countries = Initiative.countries.through._meta.db_table
    return {
        "organizations": Kind(
            "organizations",
            Organization,
            f"SELECT id AS initiative, lead_organization_id AS node FROM {initiatives} "  # noqa: S608 (table names)
            "WHERE id IN ({ids}) AND lead_organization_id IS NOT NULL "
            f"UNION SELECT initiative_id, organization_id FROM {partners} WHERE initiative_id IN ({{ids}})",
        ),
        "countries": Kind(
            "countries",
            Country,
            f"SELECT initiative_id AS initiative, country_id AS node FROM {countries} WHERE initiative_id IN ({{ids}})",  # noqa: S608
        ),
    }


KINDS = ("organizations", "countries")


def search_of(data):
    return Search(registry["initiatives"], data)


def counts(search, kind, top=None):
    """``(nodes, edges, totals)``: ``{node id: initiatives}``, ``{(a, b): shared initiatives}`` (a < b) and
    ``{"nodes", "links"}`` of the whole network, over the search's initiatives. With ``top``, only the ``top``
    nodes with most initiatives and the links between them are returned (totals still count all): what the page
    draws, without sending every pair of a large network to Python. Two queries (``_analytic_cursor``'s settings,
    then the counts)."""
    ids_sql, ids_params = search.filtered().values("pk").query.sql_with_params()
    template = _kinds()[kind].members
    members_sql = template.replace("{ids}", ids_sql)
    members_params = list(ids_params) * template.count("{ids}")
    # The members are read once for the nodes, the drawn links and the count of all links. A node's members are
    # distinct (initiative, node) pairs, so count(*) is its number of initiatives.
    shown = "WHERE a IN (SELECT node FROM top) AND b IN (SELECT node FROM top)" if top is not None else ""
    query = (
        f"WITH m AS MATERIALIZED ({members_sql}), "  # noqa: S608 (our SQL; every value is a parameter)
        "nodes AS MATERIALIZED (SELECT node, count(*) AS n FROM m GROUP BY node), "
        "top AS MATERIALIZED (SELECT node FROM nodes ORDER BY n DESC, node LIMIT %s), "
        "pairs AS MATERIALIZED (SELECT a.node AS a, b.node AS b, count(*) AS n FROM m AS a "
        "JOIN m AS b ON a.initiative = b.initiative AND a.node < b.node GROUP BY a.node, b.node) "
        "SELECT node, NULL, n FROM nodes "
        f"UNION ALL SELECT a, b, n FROM pairs {shown} "
        "UNION ALL SELECT NULL, NULL, count(*) FROM pairs"
    )
    with _analytic_cursor() as cursor:
        cursor.execute(query, [*members_params, top])
        rows = cursor.fetchall()
    nodes = {a: n for a, b, n in rows if a is not None and b is None}
    edges = {(a, b): n for a, b, n in rows if b is not None}
    links = next(n for a, _b, n in rows if a is None)
    every = len(nodes)
    if top is not None:
        nodes = {pk: nodes[pk] for pk in sorted(nodes, key=lambda pk: (-nodes[pk], pk))[:top]}
    return nodes, edges, {"nodes": every, "links": links}


@contextmanager
def _analytic_cursor():
    """A cursor in a transaction set for one large join: no JIT compilation, and memory to sort in. The pairs'
    self-join is estimated far above its size (the planner has no statistics for a CTE), which would make
    PostgreSQL spend seconds compiling a query that runs in a fraction of that; a whole register's country pairs
    sort in memory in 64 MB, on disk in less. One query (the two settings, for this transaction only)."""
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)")
        yield cursor


def graph(search, kind, top=None):
    """The network as a networkx Graph (``top``: only its ``top`` nodes with most initiatives): nodes carry
    ``label``, ``short`` (an acronym where there is one), ``initiatives`` and ``url``; edges ``weight`` (shared
    initiatives); ``graph.graph`` holds the whole network's ``nodes`` and ``links`` counts. Three queries (``counts``'
    two, then the nodes' names)."""
    nodes, edges, totals = counts(search, kind, top)
    model = _kinds()[kind].model
    records = model.objects.in_bulk(list(nodes))
    network = nx.Graph(**totals)
    for pk in sorted(nodes, key=lambda pk: (-nodes[pk], pk)):
        record = records[pk]
        label = _label(record)
        short = getattr(record, "acronym", "") or label
        network.add_node(pk, label=label, short=short, initiatives=nodes[pk], url=record.get_absolute_url())
    for (a, b), n in sorted(edges.items()):
        network.add_edge(a, b, weight=n)
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
    sub.add_edges_from((a, b, d) for a, b, d in sorted(network.subgraph(top).edges(data=True)))
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
    """Everything the network page shows. Queries: the facet choices, the search's count, the two of ``counts``
    (JIT off; nodes, drawn links and the count of all links) and the nodes' names (five)."""
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
