"""The query set of the comparison: for each query, what orggraph, the peer (@neo4j/graphql) and the
limit (hand-written Cypher) are asked, and how each answer is brought to one canonical form, so that
the three can be checked to return the same content before they are timed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from uuid import uuid4

from benchmarks.compare.measure import unalias
from orggraph.vocabulary import indexed

# --- the limit: the Cypher a developer would write by hand, one statement per request --------------

LIMIT_CYPHER = {
    "community": """
MATCH (c:Community {id: $id})
RETURN c.id AS id, c.name AS name, c.households AS households,
  [(c)-[:PART_OF]->(s:Street) | s.name][0] AS street,
  [(c)-[:HAS_COMMITTEE]->(k:CommunityCommittee) | {
     name: k.name,
     secretary: [(k)<-[:SECRETARY_OF]-(p:Person) | p.name][0],
     firstSecretary: [(k)<-[:FIRST_SECRETARY_OF]-(l:Leader) | [l.name, l.title]][0],
     members: [(k)<-[m:MEMBER_OF]-(u:Unit) | [u.id, u.name, u.kind, m.seat, toString(m.since)]]}][0] AS committee,
  [(c)<-[:CONTACTS]-(l:Leader) | l.name] AS contactLeaders
""",
    "street": """
MATCH (s:Street {id: $street})
CALL (s) {
  MATCH (s)<-[:PART_OF]-(c:Community)
  WITH c ORDER BY c.name, c.id LIMIT 100
  RETURN collect({id: c.id, name: c.name,
    members: [(c)-[:HAS_COMMITTEE]->(:CommunityCommittee)<-[m:MEMBER_OF]-(u:Unit) | [m.seat, u.name]],
    firstSecretary: [(c)-[:HAS_COMMITTEE]->(:CommunityCommittee)<-[:FIRST_SECRETARY_OF]-(l:Leader) | l.name][0],
    contactLeaders: [(c)<-[:CONTACTS]-(l:Leader) | l.name]}) AS communities
}
RETURN COUNT { (s)<-[:PART_OF]-(:Community) } AS total, communities
""",
    "unit": """
MATCH (u:Unit {id: $unit})
RETURN u.name AS name, u.kind AS kind,
  [(u)-[m:MEMBER_OF]->(k:CommunityCommittee) |
     [m.seat, k.name, [(k)<-[:HAS_COMMITTEE]-(c:Community) | c.name][0]]] AS memberships,
  [(u)-[:OFFERS]->(r:Resource) | [r.title, r.capacity]] AS resources
""",
    "network": """
MATCH (c:Community {id: $id})
CALL (c) {
  MATCH p = (c)-[:PART_OF|HAS_COMMITTEE|MEMBER_OF|PART_TIME_MEMBER_OF|SECRETARY_OF|FIRST_SECRETARY_OF|CONTACTS|WORKS_AT*1..2]-()
  WHERE NONE(x IN nodes(p) WHERE x:City)
  UNWIND relationships(p) AS r
  WITH DISTINCT r
  RETURN collect([startNode(r).id, labels(startNode(r))[0], endNode(r).id, labels(endNode(r))[0], type(r)]) AS edges
}
RETURN c.id AS id, labels(c)[0] AS label, edges
""",
    "needs": """
CALL () {
  MATCH (n:Need) WHERE n.status = $status AND n.domain = $domain
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Need) WHERE n.status = $status AND n.domain = $domain
  WITH n ORDER BY n.neededBy, n.id LIMIT 50
  RETURN collect([n.id, n.title, [(n)<-[:RAISED]-(c:Community) | c.name][0]]) AS items
}
RETURN total, items
""",
    # what orggraph's createNeed stores and checks (graph/library_writes.CREATE_NEEDS for one row, and
    # graph/audit.AUDIT_RECORD): the idempotency key looked up, the need with its words (`terms`), its city
    # and province, its first lifecycle event, its links to the concepts of its text, and the audit record
    # numbered from the audit sequence (whose lock it holds to its commit, as orggraph's does)
    "create": """
MATCH (c:Community {id: $communityId})
OPTIONAL MATCH (first:Need {clientId: $clientId})
WITH c WHERE first IS NULL
CREATE (c)-[:RAISED]->(n:Need)
SET n = $props, n.id = $id, n.status = 'COLLECTED', n.source = 'user', n.createdAt = datetime()
WITH c, n
CALL (c, n) {
  MATCH (c)-[:PART_OF]->(:Street)-[:PART_OF]->(city:City)
  SET n.cityId = city.id, n.provinceId = city.provinceId
}
CREATE (n)-[:HAS_EVENT]->(:NeedEvent {id: $eventId, to: 'COLLECTED', at: datetime(), by: $actor, note: '登记需求'})
WITH c, n
CALL (n) {
  UNWIND $concepts AS cid
  MATCH (k:Concept {id: cid})
  CREATE (n)-[:ABOUT {source: 'auto', at: datetime()}]->(k)
}
CALL () {
  OPTIONAL MATCH (a:AuditRecord) WHERE a.seq IS NOT NULL
  WITH a ORDER BY a.seq DESC LIMIT 1
  RETURN coalesce(a.seq, 0) AS top
}
MERGE (s:EventSequence {name: 'audit'}) ON CREATE SET s.last = top
SET s.last = s.last + 1
CREATE (:AuditRecord {id: $auditId, seq: s.last, at: datetime(), actor: $actor, role: 'ORG_ADMIN',
                      action: 'createNeed', target: $id, detail: $detail, needs: [n.id], tasks: [], meetings: []})
RETURN n.title AS title, n.status AS status, c.name AS community
""",
}

# --- orggraph's contract --------------------------------------------------------------------------

ORGGRAPH = {
    "community": """query ($id: ID!) { community(id: $id) { id name households street { name }
      committee { name secretary { name } firstSecretary { name title } members { seat since unit { id name kind } } }
      contactLeaders { name } } }""",
    "street": """query ($street: ID) { communities(streetId: $street, first: 100) { totalCount edges { node { id name
      committee { members { seat unit { name } } firstSecretary { name } } contactLeaders { name } } } } }""",
    "unit": """query ($unit: ID!) { unit(id: $unit) { name kind memberships { seat committee { name community { name } } }
      resources { title capacity } } }""",
    "network": """query ($id: ID!) { network(centerId: $id, depth: 2) { truncated nodes { id label }
      edges { source target type } } }""",
    "needs": """query ($status: NeedStatus!, $domain: Domain!) { needs(filter: {status: [$status], domain: $domain},
      first: 50) { totalCount edges { node { id title community { name } } } } }""",
    "create": """mutation ($input: CreateNeedInput!) { createNeed(input: $input) { title status community { name } } }""",
}

# The same queries as a client might write them: renamed aliases, reordered fields (and arguments), and
# fragments. The fast path must answer them as it answers the originals (no code specific to the benchmark's
# queries): the harness checks that they return the same canonical content and times them next to them.
# orggraph allows 15 aliases a document (ORGGRAPH_MAX_ALIASES): each variant stays within it.
VARIANT = {
    "community": """query CommunityCard($id: ID!) { c: community(id: $id) { ...Leaders
      k: committee { members { unit { kind name id } since seat } ...CommitteeHeads label: name }
      street { name } size: households label: name key: id } }
    fragment Leaders on Community { contacts: contactLeaders { who: name } }
    fragment CommitteeHeads on CommunityCommittee { fs: firstSecretary { title n: name } sec: secretary { name } }""",
    "street": """query StreetCommunities($street: ID) { list: communities(first: 100, streetId: $street) {
      rows: edges { item: node { ...CommunityRow } } count: totalCount } }
    fragment CommunityRow on Community { leaders: contactLeaders { n: name }
      k: committee { fs: firstSecretary { n: name } m: members { u: unit { n: name } s: seat } } label: name key: id }""",
    "unit": """query UnitCard($unit: ID!) { u: unit(id: $unit) { offers: resources { cap: capacity t: title } ...Seats
      k: kind n: name } }
    fragment Seats on Unit { seats: memberships { c: committee { where: community { n: name } n: name } s: seat } }""",
    "network": """query Around($id: ID!) { g: network(depth: 2, centerId: $id) { ...Links
      vertices: nodes { l: label i: id } cut: truncated } }
    fragment Links on Network { links: edges { kind: type to: target from: source } }""",
    "needs": """query OpenNeeds($domain: Domain!, $status: NeedStatus!) {
      open: needs(first: 50, filter: {domain: $domain, status: [$status]}) {
        rows: edges { item: node { ...NeedRow } } count: totalCount } }
    fragment NeedRow on Need { where: community { n: name } t: title key: id }""",
    "create": """mutation AddNeed($input: CreateNeedInput!) { made: createNeed(input: $input) { ...NeedHead state: status } }
    fragment NeedHead on Need { where: community { n: name } heading: title }""",
}

# --- the peer: @neo4j/graphql 7's generated API over benchmarks/peer/server.mjs's type definitions ---

PEER = {
    "community": """query ($id: ID!) { communities(where: {id: {eq: $id}}) { id name households street { name }
      committee { name secretary { name } firstSecretary { name title }
        membersConnection { edges { properties { seat since } node { id name kind } } } }
      contactLeaders { name } } }""",
    "street": """query ($street: ID!) { communitiesConnection(where: {street: {some: {id: {eq: $street}}}}, first: 100,
      sort: [{name: ASC}, {id: ASC}]) { totalCount edges { node { id name
      committee { membersConnection { edges { properties { seat } node { name } } } firstSecretary { name } }
      contactLeaders { name } } } } }""",
    "unit": """query ($unit: ID!) { units(where: {id: {eq: $unit}}) { name kind
      membershipsConnection { edges { properties { seat } node { name community { name } } } }
      resources { title capacity } } }""",
    "network": """query ($id: ID!) { communities(where: {id: {eq: $id}}) { id
      network { source sourceLabel target targetLabel type } } }""",
    "needs": """query ($status: String!, $domain: String!) { needsConnection(
      where: {status: {eq: $status}, domain: {eq: $domain}}, first: 50, sort: [{neededBy: ASC}, {id: ASC}]) {
      totalCount edges { node { id title community { name } } } } }""",
    # a @cypher mutation (benchmarks/peer/server.mjs) that stores what orggraph's createNeed and the limit's
    # statement store: the need, its first event and its audit record (the generated createNeeds stores
    # the need alone)
    "create": """mutation ($need: BenchNeedInput!) { createNeedWithEventAndAudit(need: $need) {
      title status community { name } } }""",
}

# orggraph alone (neither the limit nor the peer recommends anything): timed over HTTP too
ORGGRAPH_ONLY = {
    "matchNeed": """query ($need: ID!) { matchNeed(needId: $need, limit: 10) { score reason
      components { name value reason } resource { id title unit { name } } } }""",
    "matchResource": """query ($resource: ID!) { matchResource(resourceId: $resource, limit: 10) { score reason
      need { id title community { name } } } }""",
    "planMatches": """query ($street: ID) { planMatches(streetId: $street) { needsConsidered needsAssigned totalScore
      matches { score quantity reason need { id } resource { id } } } }""",
}

ONLY_ARG = {"matchNeed": "need", "matchResource": "resource", "planMatches": "street"}

BENCH_TITLE = "基准测试写入的需求"  # the writes' marker: removed after each contender's round


def need_fields(community_id: str) -> dict[str, Any]:
    return {
        "title": BENCH_TITLE,
        "description": "基准测试:为独居老人上门探访招募志愿者(由 benchmarks/compare 写入,测后删除)",
        "supportTypes": ["VOLUNTEER"],
        "domain": "ELDER",
        "populations": ["ELDERLY"],
        "quantity": 10.0,
        "quantityUnit": "人次",
        "neededBy": "2027-06-30",
        "urgency": "NORMAL",
    }


@cache
def need_text(title: str, description: str) -> dict[str, Any]:
    """The words and concepts orggraph's createNeed stores with a need (its tokenizer, in its process; for
    the limit and the peer the client computes them, once: their servers get them as parameters)."""
    return indexed(title, description)


def orggraph_vars(name: str, a: dict[str, str]) -> dict[str, Any]:
    if name in ONLY_ARG:
        return {ONLY_ARG[name]: a[ONLY_ARG[name]]}
    if name == "create":
        return {"input": {"communityId": a["id"], **need_fields(a["id"])}}
    if name == "needs":
        return {"status": "PUBLISHED", "domain": "ELDER"}
    return {
        k: a[k]
        for k in {"community": ["id"], "street": ["street"], "unit": ["unit"], "network": ["id"]}[name]
    }


def peer_vars(name: str, a: dict[str, str]) -> dict[str, Any]:
    if name == "create":
        return {"need": {**limit_params(name, a), "actor": "bench-peer"}}
    return orggraph_vars(name, a)


def limit_params(name: str, a: dict[str, str]) -> dict[str, Any]:
    """The limit's parameters as JSON (they travel to the FastAPI endpoint as they are)."""
    if name == "create":
        fields = need_fields(a["id"])
        text = need_text(fields["title"], fields["description"])
        return {"communityId": a["id"], "clientId": None, "props": {**fields, "terms": text["terms"]},
                "concepts": text["concepts"], "id": f"need-{uuid4().hex[:12]}", "eventId": f"event-{uuid4().hex}",
                "auditId": f"audit-{uuid4().hex}", "actor": "bench", "detail": fields["title"]}  # fmt: skip
    return orggraph_vars(name, a)


def cypher_params(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """JSON parameters as Cypher wants them (the need's date as a date)."""
    if name == "create":
        props = params["props"]
        return {**params, "props": {**props, "neededBy": date.fromisoformat(props["neededBy"])}}
    return params


# --- canonical forms ------------------------------------------------------------------------------


def _first(xs: list[Any] | None) -> Any:
    return xs[0] if xs else None


def canon_limit(name: str, r: dict[str, Any]) -> Any:
    if name == "community":
        k = r["committee"]
        return {"id": r["id"], "name": r["name"], "households": r["households"], "street": r["street"],
                "committee": k and {"name": k["name"], "secretary": k["secretary"], "firstSecretary": k["firstSecretary"],
                                    "members": sorted(k["members"])},
                "contactLeaders": sorted(r["contactLeaders"])}  # fmt: skip
    if name == "street":
        return {"total": r["total"], "communities": [
            {"id": c["id"], "name": c["name"], "members": sorted(c["members"]), "firstSecretary": c["firstSecretary"],
             "contactLeaders": sorted(c["contactLeaders"])} for c in r["communities"]]}  # fmt: skip
    if name == "unit":
        return {"name": r["name"], "kind": r["kind"], "memberships": sorted(r["memberships"]),
                "resources": sorted(r["resources"])}  # fmt: skip
    if name == "network":
        nodes = (
            {(r["id"], r["label"])} | {(e[0], e[1]) for e in r["edges"]} | {(e[2], e[3]) for e in r["edges"]}
        )
        return {
            "nodes": sorted(list(n) for n in nodes),
            "edges": sorted([e[0], e[2], e[4]] for e in r["edges"]),
        }
    if name == "needs":
        return {"total": r["total"], "items": [list(x) for x in r["items"]]}
    return {"title": r["title"], "status": r["status"], "community": r["community"]}


def canon_orggraph(name: str, d: dict[str, Any]) -> Any:
    if name == "community":
        c = d["community"]
        k = c["committee"]
        return {"id": c["id"], "name": c["name"], "households": c["households"], "street": c["street"]["name"],
                "committee": k and {"name": k["name"], "secretary": k["secretary"] and k["secretary"]["name"],
                                    "firstSecretary": k["firstSecretary"] and [k["firstSecretary"]["name"], k["firstSecretary"]["title"]],
                                    "members": sorted([m["unit"]["id"], m["unit"]["name"], m["unit"]["kind"], m["seat"], m["since"]]
                                                      for m in k["members"])},
                "contactLeaders": sorted(x["name"] for x in c["contactLeaders"])}  # fmt: skip
    if name == "street":
        cs = d["communities"]
        return {"total": cs["totalCount"], "communities": [
            {"id": c["id"], "name": c["name"],
             "members": sorted([m["seat"], m["unit"]["name"]] for m in (c["committee"] or {}).get("members", [])),
             "firstSecretary": c["committee"] and c["committee"]["firstSecretary"] and c["committee"]["firstSecretary"]["name"],
             "contactLeaders": sorted(x["name"] for x in c["contactLeaders"])}
            for c in (e["node"] for e in cs["edges"])]}  # fmt: skip
    if name == "unit":
        u = d["unit"]
        return {"name": u["name"], "kind": u["kind"],
                "memberships": sorted([m["seat"], m["committee"]["name"], m["committee"]["community"]["name"]]
                                      for m in u["memberships"]),
                "resources": sorted([r["title"], r["capacity"]] for r in u["resources"])}  # fmt: skip
    if name == "network":
        n = d["network"]
        assert not n["truncated"], "the network was truncated: not comparable"
        return {"nodes": sorted([x["id"], x["label"]] for x in n["nodes"]),
                "edges": sorted([e["source"], e["target"], e["type"]] for e in n["edges"])}  # fmt: skip
    if name == "needs":
        ns = d["needs"]
        return {"total": ns["totalCount"],
                "items": [[x["id"], x["title"], x["community"]["name"]] for x in (e["node"] for e in ns["edges"])]}  # fmt: skip
    n = d["createNeed"]
    return {"title": n["title"], "status": n["status"], "community": n["community"]["name"]}


def canon_peer(name: str, d: dict[str, Any]) -> Any:
    if name == "community":
        c = d["communities"][0]
        k = _first(c["committee"])
        fs = k and _first(k["firstSecretary"])
        return {"id": c["id"], "name": c["name"], "households": c["households"], "street": _first(c["street"])["name"],
                "committee": k and {"name": k["name"], "secretary": k["secretary"] and k["secretary"][0]["name"],
                                    "firstSecretary": fs and [fs["name"], fs["title"]],
                                    "members": sorted([e["node"]["id"], e["node"]["name"], e["node"]["kind"],
                                                       e["properties"]["seat"], e["properties"]["since"]]
                                                      for e in k["membersConnection"]["edges"])},
                "contactLeaders": sorted(x["name"] for x in c["contactLeaders"])}  # fmt: skip
    if name == "street":
        cs = d["communitiesConnection"]
        out = []
        for c in (e["node"] for e in cs["edges"]):
            k = _first(c["committee"])
            fs = k and _first(k["firstSecretary"])
            out.append({"id": c["id"], "name": c["name"],
                        "members": sorted([e["properties"]["seat"], e["node"]["name"]]
                                          for e in (k["membersConnection"]["edges"] if k else [])),
                        "firstSecretary": fs and fs["name"],
                        "contactLeaders": sorted(x["name"] for x in c["contactLeaders"])})  # fmt: skip
        return {"total": cs["totalCount"], "communities": out}
    if name == "unit":
        u = d["units"][0]
        return {"name": u["name"], "kind": u["kind"],
                "memberships": sorted([e["properties"]["seat"], e["node"]["name"], _first(e["node"]["community"])["name"]]
                                      for e in u["membershipsConnection"]["edges"]),
                "resources": sorted([r["title"], r["capacity"]] for r in u["resources"])}  # fmt: skip
    if name == "network":
        c = d["communities"][0]
        edges = c["network"]
        return canon_limit("network", {"id": c["id"], "label": "Community", "edges": [
            [e["source"], e["sourceLabel"], e["target"], e["targetLabel"], e["type"]] for e in edges]})  # fmt: skip
    if name == "needs":
        ns = d["needsConnection"]
        return {"total": ns["totalCount"],
                "items": [[x["id"], x["title"], _first(x["community"])["name"]] for x in (e["node"] for e in ns["edges"])]}  # fmt: skip
    n = d["createNeedWithEventAndAudit"]
    return {"title": n["title"], "status": n["status"], "community": _first(n["community"])["name"]}


@dataclass(frozen=True)
class Query:
    name: str
    label: str  # as in the tables
    write: bool = False


QUERIES = (
    Query("community", "community detail with committee and members"),
    Query("street", "the communities of a street with members and contact leaders"),
    Query("unit", "a unit with memberships and resources"),
    Query("network", "the network around a community, depth 2"),
    Query("needs", "needs by status and domain, with their community"),
    Query("create", "create a need (write)", write=True),
)


def canon_variant(name: str, d: dict[str, Any]) -> Any:
    """The variant's answer with its aliases undone and its fragments expanded, then as orggraph's. Until
    2026-12-01 the variant's timed call did this itself: its p50 included parsing the variant in the load
    generator (the 1.06-1.47x "variant / orggraph" ratios of the tables before that day)."""
    return canon_orggraph(name, unalias(VARIANT[name], d))


CANON: dict[str, Callable[[str, dict[str, Any]], Any]] = {
    "orggraph": canon_orggraph,
    "variant": canon_variant,
    "peer": canon_peer,
    "limit": canon_limit,
}
