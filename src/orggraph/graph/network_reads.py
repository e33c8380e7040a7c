"""Root reads of the network: lookups by id, paginated lists, the network around a node, city figures."""

from __future__ import annotations

from datetime import date
from typing import Any

from orggraph.domain import entities as e
from orggraph.domain.errors import BadInput, not_found
from orggraph.domain.model import Label, UnitKind
from orggraph.domain.queries import Window
from orggraph.graph import governance_reads, mapping
from orggraph.graph.hops import Nodes, by_id
from orggraph.graph.mapping import to_date
from orggraph.graph.paging import PageShape, cursor_params, fetch_page
from orggraph.graph.runner import Graph

ALL_STREETS = "MATCH (s:Street) RETURN properties(s) AS node ORDER BY s.name, s.id"
# the current leaders: a retired one (retiredOn) is read by id only
ALL_LEADERS = "MATCH (l:Leader) WHERE l.retiredOn IS NULL RETURN properties(l) AS node ORDER BY l.name, l.id"
# one city's: its streets; its current leaders (who work at its offices)
STREETS_OF_CITY = (
    "MATCH (:City {id: $cityId})<-[:PART_OF]-(s:Street) RETURN properties(s) AS node ORDER BY s.name, s.id"
)
LEADERS_OF_CITY = """
MATCH (u:Unit) WHERE u.cityId = $cityId
MATCH (u)<-[:WORKS_AT]-(l:Leader) WHERE l.retiredOn IS NULL
RETURN DISTINCT properties(l) AS node, l.name AS name, l.id AS id ORDER BY name, id
"""

_COMMUNITY_FILTERS = {"streetId": "", "search": "n.name CONTAINS $search"}  # streetId: the anchor says it
_COMMUNITY_ANCHORS = {"streetId": "MATCH (:Street {id: $streetId})<-[:PART_OF]-(n:Community)"}
_UNIT_FILTERS = {"kind": "n.kind = $kind", "search": "n.name CONTAINS $search"}
COMMUNITY_SHAPE = PageShape(
    _COMMUNITY_FILTERS, match="MATCH (n:Community)", anchors=_COMMUNITY_ANCHORS, node="n", key="n.name"
)
UNIT_SHAPE = PageShape(_UNIT_FILTERS, match="MATCH (n:Unit)", node="n", key="n.name")
# by whether the total is counted (only when the caller asks for it), then by filters given and direction
COMMUNITY_PAGE = {counted: COMMUNITY_SHAPE.variants(counted) for counted in (True, False)}
UNIT_PAGE = {counted: UNIT_SHAPE.variants(counted) for counted in (True, False)}

# The whole graph's figures: one subquery per figure (or two figures read together), by the columns it
# returns. CITY_STATS runs them all; a caller that wants only some (the compiled reads, by the fields
# selected) runs city_stats_query(columns).
# fmt: off
CITY_STATS_PARTS: dict[tuple[str, ...], str] = {
    ("streets",): "CALL () { MATCH (s:Street) RETURN count(s) AS streets }",
    ("communities",): "CALL () { MATCH (c:Community) RETURN count(c) AS communities }",
    ("grids", "gridWorkers"): """CALL () { MATCH (g:Grid) WHERE g.retiredOn IS NULL
          RETURN count(g) AS grids, coalesce(sum(g.gridWorkers), 0) AS gridWorkers }""",
    ("compounds",): "CALL () { MATCH (c:Compound) WHERE c.retiredOn IS NULL RETURN count(c) AS compounds }",
    # the core-plus-two-wings system (issue #14)
    ("compoundParty",): """CALL () { MATCH (o:PartyOrganization)-[:ORGANIZED_IN]->(c:Compound)
          WHERE c.retiredOn IS NULL RETURN count(o) AS compoundParty }""",
    ("committees",): "CALL () { MATCH (k:CommunityCommittee) RETURN count(k) AS committees }",
    ("workingCommittees",): "CALL () { MATCH (w:StreetWorkingCommittee) RETURN count(w) AS workingCommittees }",
    ("memberUnits",): """CALL () { MATCH (u:Unit) WHERE EXISTS { (u)-[:MEMBER_OF|PART_TIME_MEMBER_OF]->() }
          RETURN count(u) AS memberUnits }""",
    ("seatRows",): """CALL () { MATCH (:Unit)-[m:MEMBER_OF]->(:CommunityCommittee)
          RETURN collect({key: m.seat, count: 1}) AS seatRows }""",
    ("kinds",): """CALL () { MATCH (u:Unit) WHERE EXISTS { (u)-[:MEMBER_OF|PART_TIME_MEMBER_OF]->() }
          WITH u.kind AS key, count(*) AS count ORDER BY key RETURN collect({key: key, count: count}) AS kinds }""",
    ("contactPoints",): "CALL () { MATCH (:Leader)-[c:CONTACTS]->(:Community) RETURN count(c) AS contactPoints }",
    ("needs",): """CALL () { MATCH (n:Need) WITH n.status AS key, count(*) AS count ORDER BY key
          RETURN collect({key: key, count: count}) AS needs }""",
    ("resources",): "CALL () { MATCH (r:Resource) RETURN count(r) AS resources }",
    ("meetings",): "CALL () { MATCH (m:JointMeeting) RETURN count(m) AS meetings }",
    ("solved",): "CALL () { " + governance_reads.CITY_SOLVED_LITERAL + " }",
}
# fmt: on
# the columns CITY_STATS returns, in order (the compiled reads return them as one list)
CITY_STATS_COLUMNS = tuple(column for columns in CITY_STATS_PARTS for column in columns)


def city_stats_query(columns: frozenset[str]) -> str:
    """The whole graph's figures in `columns` (and those read with them), every other column null: a
    constant text for each set of columns (the subqueries' own, never a caller's)."""
    chosen = [cols for cols in CITY_STATS_PARTS if columns.intersection(cols)]
    read = {c for cols in chosen for c in cols}
    returned = [c if c in read else f"null AS {c}" for c in CITY_STATS_COLUMNS]
    return "\n".join([*(CITY_STATS_PARTS[cols] for cols in chosen), "RETURN " + ", ".join(returned)]) + "\n"


CITY_STATS = city_stats_query(frozenset(CITY_STATS_COLUMNS))

# The same figures for one city of a province ($cityId), each read from the city down its own tree (or
# through the place stored on units, needs and resources), never from a whole label.
_SOLVED_IN_CITY = governance_reads.CITY_SOLVED_LITERAL.replace(
    "MATCH (:JointMeeting)-[:DECIDED]->",
    "MATCH (city)<-[:PART_OF]-(:Street)<-[:PART_OF]-(:Community)-[:HAS_COMMITTEE]->(:CommunityCommittee)"
    "<-[:HELD_BY]-(:JointMeeting)-[:DECIDED]->",
)
CITY_STATS_OF_CITY = (
    """
MATCH (city:City {id: $cityId})
CALL (city) { MATCH (city)<-[:PART_OF]-(s:Street) RETURN count(s) AS streets }
CALL (city) { MATCH (city)<-[:PART_OF]-(:Street)<-[:PART_OF]-(c:Community) RETURN count(c) AS communities }
CALL (city) { MATCH (city)<-[:PART_OF]-(:Street)<-[:PART_OF]-(:Community)<-[:PART_OF]-(g:Grid)
              WHERE g.retiredOn IS NULL
              RETURN count(g) AS grids, coalesce(sum(g.gridWorkers), 0) AS gridWorkers }
CALL (city) { MATCH (city)<-[:PART_OF]-(:Street)<-[:PART_OF]-(:Community)<-[:PART_OF]-(:Grid)<-[:IN_GRID]-(c:Compound)
              WHERE c.retiredOn IS NULL RETURN count(c) AS compounds }
CALL (city) { MATCH (city)<-[:PART_OF]-(:Street)<-[:PART_OF]-(:Community)<-[:PART_OF]-(:Grid)<-[:IN_GRID]-(c:Compound)
                    <-[:ORGANIZED_IN]-(o:PartyOrganization)
              WHERE c.retiredOn IS NULL RETURN count(o) AS compoundParty }
CALL (city) { MATCH (city)<-[:PART_OF]-(:Street)<-[:PART_OF]-(:Community)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
              RETURN count(k) AS committees }
CALL (city) { MATCH (city)<-[:PART_OF]-(:Street)-[:HAS_COMMITTEE]->(w:StreetWorkingCommittee)
              RETURN count(w) AS workingCommittees }
CALL (city) { MATCH (u:Unit) WHERE u.cityId = city.id AND EXISTS { (u)-[:MEMBER_OF|PART_TIME_MEMBER_OF]->() }
              RETURN count(u) AS memberUnits }
CALL (city) { MATCH (city)<-[:PART_OF]-(:Street)<-[:PART_OF]-(:Community)-[:HAS_COMMITTEE]->(:CommunityCommittee)
                    <-[m:MEMBER_OF]-(:Unit)
              RETURN collect({key: m.seat, count: 1}) AS seatRows }
CALL (city) { MATCH (u:Unit) WHERE u.cityId = city.id AND EXISTS { (u)-[:MEMBER_OF|PART_TIME_MEMBER_OF]->() }
              WITH u.kind AS key, count(*) AS count ORDER BY key RETURN collect({key: key, count: count}) AS kinds }
CALL (city) { MATCH (city)<-[:PART_OF]-(:Street)<-[:PART_OF]-(:Community)<-[c:CONTACTS]-(:Leader)
              RETURN count(c) AS contactPoints }
CALL (city) { MATCH (n:Need) WHERE n.cityId = city.id AND n.status IS NOT NULL
              WITH n.status AS key, count(*) AS count ORDER BY key
              RETURN collect({key: key, count: count}) AS needs }
CALL (city) { MATCH (r:Resource) WHERE r.cityId = city.id RETURN count(r) AS resources }
CALL (city) { MATCH (city)<-[:PART_OF]-(:Street)<-[:PART_OF]-(:Community)-[:HAS_COMMITTEE]->(:CommunityCommittee)
                    <-[:HELD_BY]-(m:JointMeeting)
              RETURN count(m) AS meetings }
CALL (city) { """
    + _SOLVED_IN_CITY
    + """ }
RETURN streets, communities, grids, gridWorkers, compounds, compoundParty, committees, workingCommittees,
       memberUnits, seatRows, kinds, contactPoints, needs, resources, meetings, solved
"""
)

# The co-building network around a node: the organisational relationships, not the libraries.
NETWORK_RELS = (
    "PART_OF|HAS_COMMITTEE|MEMBER_OF|PART_TIME_MEMBER_OF|SECRETARY_OF|FIRST_SECRETARY_OF|CONTACTS|WORKS_AT"
)
NETWORK_CENTER_LABELS = (Label.Community, Label.Street, Label.Unit, Label.Leader, Label.CommunityCommittee,
                         Label.StreetWorkingCommittee)  # fmt: skip
MAX_NETWORK_DEPTH = 3
MAX_NETWORK_NODES = 500
_CENTER = " UNION ".join(f"MATCH (c:{lb.value} {{id: $id}}) RETURN c" for lb in NETWORK_CENTER_LABELS)
MAX_NETWORK_PATHS = 20_000


# Each node as [id, label, kind, name]: names of people (Person, Leader) only when $pii (for anonymous
# callers and VIEWER they never leave Neo4j); kind and name left null when the caller does not show them.
# Lists rather than maps: no keys for Neo4j to write and the driver to read for every relationship's
# two ends (2026-12-01: 0.27 ms of a 2-deep community network's 2.5 ms; docs/benchmarks.md).
def _endpoint(n: str, kind: bool, name: bool) -> str:
    named = (
        f"CASE WHEN $pii OR NOT labels({n})[0] IN ['Person', 'Leader'] THEN coalesce({n}.name, {n}.title) "
        "ELSE '***' END"
    )
    return f"{n}.id, labels({n})[0], {f'{n}.kind' if kind else 'null'}, {named if name else 'null'}"


def network_query(depth: int, *, kind: bool = True, name: bool = True) -> str:
    """The network within `depth` of the node with id $id (of a NETWORK_CENTER_LABELS label): `center` as
    [id, label, kind, name] and `rels` each as the two ends' four values and the type, in one list."""
    start, end = _endpoint("startNode(r)", kind, name), _endpoint("endNode(r)", kind, name)
    return f"""
CALL () {{ {_CENTER} }}
CALL (c) {{
  MATCH p = (c)-[:{NETWORK_RELS}*1..{depth}]-(n) WHERE NONE(x IN nodes(p) WHERE x:City)
  WITH p LIMIT $maxPaths
  UNWIND relationships(p) AS r
  RETURN collect(DISTINCT r) AS rels
}}
RETURN [{_endpoint("c", kind, name)}] AS center, [r IN rels | [{start}, {end}, type(r)]] AS rels
"""


# by depth, and whether each node's kind and name are read
NETWORK_VARIANTS: dict[tuple[int, bool, bool], str] = {
    (depth, kind, name): network_query(depth, kind=kind, name=name)
    for depth in range(1, MAX_NETWORK_DEPTH + 1)
    for kind in (True, False)
    for name in (True, False)
}
NETWORK: dict[int, str] = {
    depth: NETWORK_VARIANTS[depth, True, True] for depth in range(1, MAX_NETWORK_DEPTH + 1)
}


# a committee's members, secretaries, first secretaries and its community's contact leaders, past (the
# WAS_* history twins, with `until`) and present
COMMITTEE_HISTORY = """
MATCH (k:CommunityCommittee {id: $id})
OPTIONAL MATCH (c:Community)-[:HAS_COMMITTEE]->(k)
RETURN [(u:Unit)-[m:MEMBER_OF|WAS_MEMBER_OF]->(k) | [properties(u), properties(m)]] AS members,
       [(p:Person)-[r:SECRETARY_OF|WAS_SECRETARY_OF]->(k) | [properties(p), properties(r)]] AS secretaries,
       [(l:Leader)-[r:FIRST_SECRETARY_OF|WAS_FIRST_SECRETARY_OF]->(k) | [properties(l), properties(r)]] AS firsts,
       CASE WHEN c IS NULL THEN []
            ELSE [(l:Leader)-[r:CONTACTS|WAS_CONTACT_OF]->(c) | [properties(l), properties(r)]] END AS contacts
"""
COMMUNITY_CONTACT_HISTORY = """
MATCH (c:Community {id: $id})
RETURN [(l:Leader)-[r:CONTACTS|WAS_CONTACT_OF]->(c) | [properties(l), properties(r)]] AS contacts
"""


def _term_key(since: date | None, until: date | None) -> tuple[date, date]:
    return (since or date.min, until or date.max)


def _leader_terms(rows: list[Any]) -> tuple[e.LeaderTerm, ...]:
    terms = [
        e.LeaderTerm(mapping.leader(n), to_date(r.get("since")), to_date(r.get("until"))) for n, r in rows
    ]
    return tuple(sorted(terms, key=lambda t: (*_term_key(t.since, t.until), t.leader.id)))


async def committee_history(graph: Graph, committee_id: str) -> e.CommitteeHistory | None:
    """Everyone who held a place on the committee, past and present, each ordered by since then until."""
    records = await graph.read(COMMITTEE_HISTORY, id=committee_id)
    if not records:
        return None
    r = records[0]
    members = [(mapping.unit(u), mapping.membership(u["id"], committee_id, m)) for u, m in r["members"]]
    members.sort(key=lambda x: (*_term_key(x[1].since, x[1].until), x[0].name, x[0].id))
    secretaries = [
        e.PersonTerm(mapping.person(p), to_date(m.get("since")), to_date(m.get("until")))
        for p, m in r["secretaries"]
    ]
    secretaries.sort(key=lambda t: (*_term_key(t.since, t.until), t.person.id))
    return e.CommitteeHistory(
        committee_id,
        tuple(members),
        tuple(secretaries),
        _leader_terms(r["firsts"]),
        _leader_terms(r["contacts"]),
    )


async def community_contact_history(graph: Graph, community_id: str) -> tuple[e.LeaderTerm, ...]:
    """The community's contact leaders, past and present, ordered by since then until."""
    records = await graph.read(COMMUNITY_CONTACT_HISTORY, id=community_id)
    return _leader_terms(records[0]["contacts"]) if records else ()


async def committee(graph: Graph, committee_id: str) -> e.CommunityCommittee | None:
    return await by_id(graph, Nodes.COMMITTEE, committee_id)


async def community(graph: Graph, community_id: str) -> e.Community | None:
    return await by_id(graph, Nodes.COMMUNITY, community_id)


async def all_streets(graph: Graph) -> list[e.Street]:
    return [mapping.street(r["node"]) for r in await graph.read(ALL_STREETS)]


async def streets_of_city(graph: Graph, city_id: str) -> list[e.Street]:
    return [mapping.street(r["node"]) for r in await graph.read(STREETS_OF_CITY, cityId=city_id)]


async def all_leaders(graph: Graph) -> list[e.Leader]:
    return [mapping.leader(r["node"]) for r in await graph.read(ALL_LEADERS)]


async def leaders_of_city(graph: Graph, city_id: str) -> list[e.Leader]:
    return [mapping.leader(r["node"]) for r in await graph.read(LEADERS_OF_CITY, cityId=city_id)]


async def _page(
    graph: Graph,
    queries: dict[bool, dict[tuple[frozenset[str], bool], str]],
    window: Window,
    mapper: Any,
    counted: bool,
    **filters: Any,
) -> e.Page[Any]:
    given = {k: v for k, v in filters.items() if v is not None}
    query = queries[counted][frozenset(given), window.backward]
    return await fetch_page(
        graph, query, window, {**given, **cursor_params(window)}, lambda n: n["name"], mapper
    )


def clean_search(search: str | None) -> str | None:
    if search is None:
        return None
    s = search.strip()
    if len(s) > 50:
        raise BadInput("search: 搜索词不能超过 50 个字", field="search")
    return s or None


async def community_page(
    graph: Graph, window: Window, *, street_id: str | None, search: str | None, counted: bool = True
) -> e.Page[e.Community]:
    """A page of the communities; with `counted=False` its total is None (not counted), the rest the same."""
    return await _page(
        graph,
        COMMUNITY_PAGE,
        window,
        mapping.community,
        counted,
        streetId=street_id,
        search=clean_search(search),
    )


async def unit_page(
    graph: Graph, window: Window, *, kind: UnitKind | None, search: str | None, counted: bool = True
) -> e.Page[e.Unit]:
    """A page of the units; with `counted=False` its total is None (not counted), the rest the same."""
    return await _page(
        graph,
        UNIT_PAGE,
        window,
        mapping.unit,
        counted,
        kind=kind.value if kind else None,
        search=clean_search(search),
    )


async def network(graph: Graph, center_id: str, depth: int, *, pii: bool = True) -> e.Network | None:
    """The network around a node, nearest first, at most MAX_NETWORK_NODES nodes (then `truncated`);
    without `pii`, people's names come back masked."""
    if not 1 <= depth <= MAX_NETWORK_DEPTH:
        raise BadInput(f"depth: 取值范围为 1 到 {MAX_NETWORK_DEPTH}", field="depth")
    records = await graph.read(NETWORK[depth], id=center_id, maxPaths=MAX_NETWORK_PATHS, pii=pii)
    if not records:
        return None
    return assemble(records[0]["center"], records[0]["rels"])


def assemble(center: list[Any], rels: list[list[Any]]) -> e.Network:
    """The network from the center and the relationships a network_query read (also the compiled reads')."""
    nodes: dict[str, e.NetworkNode] = {}

    def keep(node_id: str, label: str, kind: str | None, name: str | None) -> bool:
        if node_id not in nodes:
            if len(nodes) >= MAX_NETWORK_NODES:
                return False
            nodes[node_id] = e.NetworkNode(node_id, label, name or "", kind)
        return True

    keep(*center)
    # breadth first: edges touching the nodes already kept come before edges further out
    pending = list(rels)
    edges: list[e.NetworkEdge] = []
    truncated = False
    while pending:
        next_round = []
        for r in pending:
            if r[0] in nodes or r[4] in nodes:
                if keep(*r[0:4]) and keep(*r[4:8]):
                    edges.append(e.NetworkEdge(r[0], r[4], r[8]))
                else:
                    truncated = True
            else:
                next_round.append(r)
        if len(next_round) == len(pending):
            break
        pending = next_round
    return e.Network(tuple(nodes.values()), tuple(edges), truncated)


def _counts(rows: list[dict[str, Any]] | None) -> tuple[e.Count, ...]:
    """Counts by key, in key order (none when the rows were not read: city_stats_query)."""
    totals: dict[str, int] = {}
    for row in rows or ():
        totals[row["key"]] = totals.get(row["key"], 0) + int(row["count"])
    return tuple(e.Count(k, v) for k, v in sorted(totals.items()))


async def city_stats(graph: Graph, city_id: str | None = None) -> e.CityStats:
    """The whole graph's figures, or one city's (NotFound on cityId when there is no such city)."""
    if city_id is None:
        return stats_of((await graph.read(CITY_STATS))[0])
    rows = await graph.read(CITY_STATS_OF_CITY, cityId=city_id)
    if not rows:
        raise not_found("城市", city_id, "cityId")
    return stats_of(rows[0])


def stats_of(r: Any) -> e.CityStats:
    """The city's figures from CITY_STATS's row (a record, or a mapping of its columns)."""
    return e.CityStats(
        streets=r["streets"], communities=r["communities"], grids=r["grids"], grid_workers=r["gridWorkers"],
        compounds=r["compounds"], compound_party_organizations=r["compoundParty"],
        community_committees=r["committees"], street_working_committees=r["workingCommittees"],
        member_units=r["memberUnits"], members_by_seat=_counts(r["seatRows"]), units_by_kind=_counts(r["kinds"]),
        contact_points=r["contactPoints"], needs_by_status=_counts(r["needs"]), resources=r["resources"],
        joint_meetings=r["meetings"], problems_solved=r["solved"],
    )  # fmt: skip
