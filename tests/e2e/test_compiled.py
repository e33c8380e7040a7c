"""Compiled reads against strawberry: the same request through the fast path (ORGGRAPH_COMPILED on)
and through strawberry alone (off) gives the same JSON, data and errors, for ORG_ADMIN, VIEWER and
anonymous callers; the queries the compiler covers are answered on the fast path (its counter moves).

The cases are the comparison's queries, variants of them (aliases, fragments, other field order),
every root field the compiler covers, pages in both directions with cursors, and requests the fast
path must hand to strawberry (bad arguments, not found). `test_generated_queries_agree` adds
hypothesis-graphql queries over the covered root fields (ORGGRAPH_FUZZ_EXAMPLES for more)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import from_schema, nodes
from neo4j import AsyncDriver

from orggraph.telemetry import metrics
from tests.conftest import make_test_settings, scalar, token
from tests.support.app import served

SDL = (Path(__file__).resolve().parents[2] / "schema" / "orggraph.graphql").read_text(encoding="utf-8")
ROLES = {
    "ORG_ADMIN": {"authorization": f"Bearer {token('ORG_ADMIN', subject='diff-admin')}"},
    "VIEWER": {"authorization": f"Bearer {token('VIEWER', subject='diff-viewer')}"},
    "anonymous": {},
}
COVERED = ["cityStats", "community", "communities", "street", "streets", "unit", "units", "leader", "leaders",
           "committee", "network", "needs", "need", "resources", "resource"]  # fmt: skip


def fast_count() -> float:
    return metrics.COMPILED_REQUESTS.labels("fast")._value.get()


class Pair:
    """The same app twice: with the fast path and without."""

    def __init__(self, fast: httpx.AsyncClient, slow: httpx.AsyncClient) -> None:
        self.fast, self.slow = fast, slow

    async def both(
        self, query: str, variables: dict[str, Any] | None = None, role: str = "ORG_ADMIN"
    ) -> tuple[Any, Any, bool]:
        body = {"query": query, "variables": variables or {}}
        before = fast_count()
        a = await self.fast.post("/graphql", json=body, headers=ROLES[role])
        hit = fast_count() > before
        b = await self.slow.post("/graphql", json=body, headers=ROLES[role])
        assert a.status_code == b.status_code, (query, a.text[:300], b.text[:300])
        return a.json(), b.json(), hit

    async def same(self, query: str, variables: dict[str, Any] | None = None, *, fast: bool = True) -> Any:
        """Identical answers for every role; on the fast path when `fast` (else handed to strawberry)."""
        out = None
        for role in ROLES:
            a, b, hit = await self.both(query, variables, role)
            assert a == b, (role, query, variables)
            assert hit is fast, (role, query, a)
            out = out or a
        return out


@pytest.fixture
async def pair(demo: AsyncDriver) -> AsyncIterator[Pair]:
    async with (
        served(make_test_settings(compiled=True), timeout=30) as fast,
        served(make_test_settings(compiled=False), timeout=30) as slow,
    ):
        yield Pair(fast, slow)


async def ids(driver: AsyncDriver) -> dict[str, Any]:
    db = make_test_settings().neo4j_database
    q = "MATCH (x:{}) WHERE {} RETURN x.id ORDER BY x.id LIMIT 1"
    return {
        "community": await scalar(driver, db, q.format("Community", "EXISTS { (x)<-[:CONTACTS]-() }")),
        "street": await scalar(driver, db, q.format("Street", "true")),
        "unit": await scalar(driver, db, q.format("Unit", "COUNT { (x)-[:MEMBER_OF]->() } > 1")),
        "leader": await scalar(driver, db, q.format("Leader", "EXISTS { (x)-[:CONTACTS]->() }")),
        "committee": await scalar(driver, db, q.format("CommunityCommittee", "true")),
        "need": await scalar(driver, db, q.format("Need", "true")),
        "resource": await scalar(driver, db, q.format("Resource", "true")),
    }


COMMUNITY = """query ($id: ID!) { community(id: $id) { id name households street { name }
  committee { name secretary { name } firstSecretary { name title } members { seat since unit { id name kind } } }
  contactLeaders { name } } }"""
COMMUNITY_VARIANT = """query Detail($id: ID!) { c: community(id: $id) { ...Head  leaders: contactLeaders { who: name }
  committee { secretary { name } ... on CommunityCommittee { title: name } members { unit { ...U } since seat } firstSecretary { name title } }
  street { name __typename } } }
fragment Head on Community { households name id }
fragment U on Unit { kind id name }"""
STREET = """query ($street: ID) { communities(streetId: $street, first: 100) { totalCount edges { node { id name
  committee { members { seat unit { name } } firstSecretary { name } } contactLeaders { name } } } } }"""
UNIT = """query ($unit: ID!) { unit(id: $unit) { name kind memberships { seat committee { name community { name } } }
  resources { title capacity } } }"""
NETWORK = """query ($id: ID!) { network(centerId: $id, depth: 2) { truncated nodes { id label name kind }
  edges { source target type } } }"""
NEEDS = """query ($status: NeedStatus!, $domain: Domain!) { needs(filter: {status: [$status], domain: $domain},
  first: 50) { totalCount edges { node { id title community { name } } } } }"""


async def test_the_comparisons_queries_and_variants_agree_on_the_fast_path(
    pair: Pair, demo: AsyncDriver
) -> None:
    x = await ids(demo)
    a = await pair.same(COMMUNITY, {"id": x["community"]})
    assert a["data"]["community"]["contactLeaders"], "a community with contact leaders"
    b = await pair.same(COMMUNITY_VARIANT, {"id": x["community"]})
    assert b["data"]["c"]["name"] == a["data"]["community"]["name"]
    assert list(b["data"]["c"]) == ["households", "name", "id", "leaders", "committee", "street"]
    await pair.same(STREET, {"street": x["street"]})
    await pair.same(UNIT, {"unit": x["unit"]})
    net = await pair.same(NETWORK, {"id": x["community"]})
    assert len(net["data"]["network"]["nodes"]) > 5
    needs = await pair.same(NEEDS, {"status": "COLLECTED", "domain": "ELDER"})
    assert needs["data"]["needs"]["totalCount"] >= len(needs["data"]["needs"]["edges"])


async def test_people_are_masked_in_cypher_for_viewers_and_anonymous(pair: Pair, demo: AsyncDriver) -> None:
    x = await ids(demo)
    for role in ("VIEWER", "anonymous"):
        a, b, hit = await pair.both(COMMUNITY, {"id": x["community"]}, role)
        assert hit and a == b
        assert {lead["name"] for lead in a["data"]["community"]["contactLeaders"]} == {"***"}
    a, _, _ = await pair.both(COMMUNITY, {"id": x["community"]}, "ORG_ADMIN")
    assert "***" not in {lead["name"] for lead in a["data"]["community"]["contactLeaders"]}


async def test_every_covered_root_field_agrees(pair: Pair, demo: AsyncDriver) -> None:
    x = await ids(demo)
    await pair.same(
        "{ streets { id name source communities { id name grids { name households gridWorkers } } workingCommittee { name members { name kindLabel partyMembers } street { id } } } }"
    )
    await pair.same(
        "query ($id: ID!) { community(id: $id) { grids { compounds { name kind households hasPartyBranch source } } } }",
        {"id": x["community"]},
    )
    await pair.same(
        "{ leaders { id name title unit { name } contacts { name } firstSecretaryOf { name community { id } } } }"
    )
    await pair.same(
        "query ($id: ID!) { leader(id: $id) { name contacts { id needs(status: COLLECTED) { id status } } } }",
        {"id": x["leader"]},
    )
    await pair.same(
        "query ($id: ID!) { committee(id: $id) { id name community { name } meetings { id heldOn topic committee { id } } members(seat: N) { seat unit { name } committee { name } } } }",
        {"id": x["committee"]},
    )
    await pair.same("query ($id: ID!) { street(id: $id) { name communities { name } } }", {"id": x["street"]})
    await pair.same(
        "query ($id: ID!) { unit(id: $id) { id name kind kindLabel partyMembers source workingCommittees { name } memberships { since seat unit { id } committee { name } } } }",
        {"id": x["unit"]},
    )
    need = await pair.same(
        "query ($id: ID!) { need(id: $id) { id title description supportTypes domain populations quantity quantityUnit neededBy urgency status statusLabel overdue nextSteps community { name } history { at from to toLabel by note } } }",
        {"id": x["need"]},
    )
    assert need["data"]["need"]["title"]
    await pair.same(
        "query ($id: ID!) { resource(id: $id) { id title description supportType domains populations capacity capacityUnit availableFrom availableUntil serviceArea status unit { name } } }",
        {"id": x["resource"]},
    )
    await pair.same('{ community(id: "no-such") { id } unit(id: "no-such") { id } }')
    await pair.same("{ a: streets { __typename id } b: streets { name } }")
    await pair.same("{ communities(first: 2) { a: pageInfo { hasNextPage } b: pageInfo { endCursor __typename } "
                    "edges { c: cursor __typename node { id } d: cursor } } }")  # fmt: skip
    await pair.same(
        "{ cityStats { streets communities grids gridWorkers compounds compoundPartyOrganizations communityCommittees streetWorkingCommittees memberUnits contactPoints resources jointMeetings problemsSolved membersBySeat { key label count } unitsByKind { key label } needsByStatus { __typename key label count } } }"
    )
    # a few figures: only their subqueries run (the dashboard's poll), the same answer
    await pair.same("{ cityStats { communities grids needsByStatus { key count } } }")
    await pair.same(
        "{ c: cityStats { ...F problemsSolved } } fragment F on CityStats { gridWorkers unitsByKind { label } }"
    )
    await pair.same("{ cityStats { __typename } }")
    await pair.same("{ streets { id @include(if: false) name @skip(if: false) } }")


async def test_pages_agree_in_both_directions_with_cursors(pair: Pair) -> None:
    page = "query ($f: Int, $a: String, $l: Int, $b: String) { %s(first: $f, after: $a, last: $l, before: $b%s) { %s edges { cursor node { id %s } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"
    for field, filt, extra in (
        ("needs", ", filter: {status: [COLLECTED, CLAIMED]}", "title neededBy"),
        ("needs", ", filter: {overdue: true}", "overdue"),
        ("resources", ", filter: {domain: ELDER}", "title unit { name }"),
        ("communities", "", "name"),
        ("units", ", kind: PRIVATE_ENTERPRISE", "name"),
    ):
        for total in ("totalCount", ""):
            q = page % (field, filt, total, extra)
            first = await pair.same(q, {"f": 3})
            info = first["data"][field]["pageInfo"]
            if info["endCursor"]:
                second = await pair.same(q, {"f": 3, "a": info["endCursor"]})
                end = second["data"][field]["pageInfo"]["startCursor"]
                if end:
                    await pair.same(q, {"l": 2, "b": end})


async def test_what_the_resolvers_refuse_goes_to_strawberry(pair: Pair, demo: AsyncDriver) -> None:
    x = await ids(demo)
    await pair.same("{ needs(first: 5, last: 5) { totalCount } }", fast=False)
    await pair.same('{ needs(after: "not-a-cursor") { totalCount } }', fast=False)
    await pair.same("{ needs(first: 100000) { totalCount } }", fast=False)
    await pair.same('{ network(centerId: "no-such") { truncated } }', fast=False)
    await pair.same(
        "query ($id: ID!) { network(centerId: $id, depth: 9) { truncated } }",
        {"id": x["community"]},
        fast=False,
    )
    await pair.same(
        "query ($s: NeedStatus!) { needs(filter: {status: [$s]}) { totalCount } }", {"s": "NOPE"}, fast=False
    )
    # not covered: a mutation, another root field, introspection, @skip on a variable
    await pair.same("{ tasks { id } }", fast=False)
    await pair.same("{ __typename }", fast=False)
    # a meeting's problemsSolved is counted from its decisions: strawberry answers it
    await pair.same(
        "query ($id: ID!) { committee(id: $id) { meetings { id problemsSolved } } }",
        {"id": x["committee"]},
        fast=False,
    )
    await pair.same("query ($s: Boolean!) { streets { id @skip(if: $s) } }", {"s": True}, fast=False)


SCALARS = {
    "Date": st.dates().map(lambda d: nodes.String(d.isoformat())),
    "DateTime": st.datetimes().map(lambda d: nodes.String(d.isoformat())),
}
EXAMPLES = int(os.environ.get("ORGGRAPH_FUZZ_EXAMPLES", "25"))


@settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip
@given(data=st.data())
async def test_generated_queries_agree(pair: Pair, data: st.DataObject) -> None:
    query = data.draw(from_schema(SDL, custom_scalars=SCALARS, allow_x00=False, fields=COVERED))
    role = data.draw(st.sampled_from(list(ROLES)))
    a, b, _ = await pair.both(query, None, role)
    assert a == b, (role, query)


SPARSE = """
MATCH (s:Street) WITH s ORDER BY s.id LIMIT 1
CREATE (c:Community {id: 'zz-c', name: '稀疏社区'})-[:PART_OF]->(s)
CREATE (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee {id: 'zz-k', name: '稀疏社区大党委'})
CREATE (u:Unit {id: 'zz-u', name: '稀疏单位', kind: 'AGENCY'})-[:MEMBER_OF {seat: 'X'}]->(k)
CREATE (:Person {id: 'zz-p', name: '示例书记'})-[:SECRETARY_OF]->(k)
CREATE (:Leader {id: 'zz-l', name: '示例领导'})-[:CONTACTS]->(c)
CREATE (c)-[:RAISED]->(:Need {id: 'zz-n', title: '稀疏需求', domain: 'ELDER', quantity: 1.0,
                              neededBy: date('2027-01-01'), status: 'COLLECTED'})
CREATE (u)-[:OFFERS]->(:Resource {id: 'zz-r', title: '稀疏资源', supportType: 'FUND', capacity: 2.0,
                                  availableFrom: date('2026-01-01'), availableUntil: date('2027-12-31'),
                                  serviceArea: 'CITY'})
CREATE (g:Grid {id: 'zz-g', name: '稀疏网格'})-[:PART_OF]->(c)
CREATE (:Compound {id: 'zz-cp', name: '稀疏小区', kind: 'COMMERCIAL'})-[:IN_GRID]->(g)
CREATE (:JointMeeting {id: 'zz-m', heldOn: date('2026-03-01')})-[:HELD_BY]->(k)
"""


async def test_nodes_missing_optional_properties_agree(demo_graph: AsyncDriver) -> None:
    await demo_graph.execute_query(SPARSE, database_=make_test_settings().neo4j_database)
    async with (
        served(make_test_settings(compiled=True), timeout=30) as fast,
        served(make_test_settings(compiled=False), timeout=30) as slow,
    ):
        pair = Pair(fast, slow)
        c = await pair.same("""{ community(id: "zz-c") { id name households source street { id }
            committee { name secretary { name } meetings { heldOn topic }
              members { seat since unit { name kind kindLabel partyMembers source
                resources { title description domains populations capacity capacityUnit status unit { id } } } } }
            contactLeaders { name title unit { id } } grids { households gridWorkers compounds { households hasPartyBranch source } }
            needs { id description supportTypes populations quantityUnit urgency overdue nextSteps history { at } } } }""")
        assert c["data"]["community"]["households"] == 0
        await pair.same('{ communities(search: "稀疏") { totalCount edges { node { name households } } } }')
        await pair.same(
            '{ needs(filter: {search: "稀疏"}) { edges { node { title description populations } } } }'
        )
        await pair.same('{ resources(filter: {unitId: "zz-u"}) { edges { node { title domains } } } }')
