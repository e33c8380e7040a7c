"""The batch form of createNeed and createResource (what an import sends: one statement for hundreds of rows),
on the real Neo4j: each row is checked, refused and audited as the single mutation would be; a refused row
writes nothing while the others are written; all_or_nothing (the mutation's way) writes nothing at all; the
audit records of a batch are numbered in a row, in the rows' order."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import cast

from neo4j import AsyncDriver

from orggraph.domain.auth import Principal, Role
from orggraph.domain.commands import NewNeed, NewResource
from orggraph.domain.errors import BadInput, Conflict, DomainError, NotFound
from orggraph.domain.model import ServiceArea
from orggraph.domain.taxonomy import Domain, Population, SupportType
from orggraph.graph.library_writes import NeedCreated
from orggraph.graph.runner import Graph
from orggraph.services import library
from orggraph.services.caller import Caller
from orggraph.settings import Settings
from tests.conftest import graph_position, scalar

HERE, OTHER = "comm-shuguang", "comm-changtai"
LATER = date.today() + timedelta(days=60)


def need(community: str, title: str, client_id: str, **changes: object) -> NewNeed:
    fields: dict[str, object] = dict(
        community_id=community, title=title, support_types=(SupportType.VOLUNTEER,), domain=Domain.ELDER,
        populations=(Population.ELDERLY,), quantity=10, quantity_unit="人次", needed_by=LATER,
        client_id=client_id,
    )  # fmt: skip
    fields.update(changes)
    return NewNeed(**fields)  # type: ignore[arg-type]


def caller(role: Role = Role.ORG_ADMIN, scope: str | None = None) -> Caller:
    return Caller(Principal("batch-test", role, community_id=scope), date.today())


async def test_a_batch_writes_its_good_rows_refuses_the_others_by_place_and_numbers_their_records_in_order(
    demo_graph: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    graph = Graph(demo_graph, db)
    taken = await library.create_need(graph, caller(), need(OTHER, "另一个社区先登记", "batch-taken"))
    assert taken.community.id == OTHER
    top = await scalar(demo_graph, db, "MATCH (s:EventSequence {name: 'audit'}) RETURN s.last")
    cmds = [
        need(HERE, "批量:第一条", "batch-1"),
        need("comm-nowhere", "批量:没有这个社区", "batch-2"),
        need(HERE, "批量:编号已被别的社区用过", "batch-taken"),
        need(HERE, "批量:过期", "batch-4", needed_by=date.today() - timedelta(days=1)),
        need(HERE, "批量:第五条", "batch-5"),
        need(OTHER, "另一个社区先登记", "batch-taken"),  # a retry by the same community: its first need
    ]
    done = await library.create_needs(graph, caller(), cmds)
    assert len(done) == len(cmds)
    assert not isinstance(done[0], DomainError) and done[0] is not None
    assert done[0].need.title == "批量:第一条" and done[0].community.id == HERE
    assert isinstance(done[1], NotFound) and done[1].field == "communityId"
    assert isinstance(done[2], Conflict) and done[2].field == "clientId"
    assert isinstance(done[3], BadInput) and done[3].field == "neededBy"
    assert not isinstance(done[4], DomainError) and done[4] is not None
    assert not isinstance(done[5], DomainError) and done[5] is not None and done[5].need.id == taken.need.id

    titles = cast(
        list[str],
        await scalar(
            demo_graph, db, "MATCH (n:Need) WHERE n.clientId STARTS WITH 'batch-' RETURN collect(n.title)"
        ),
    )
    assert sorted(titles) == sorted(["另一个社区先登记", "批量:第一条", "批量:第五条"])
    top = cast(int, top)
    records = await scalar(
        demo_graph,
        db,
        "MATCH (a:AuditRecord {action: 'createNeed'}) WHERE a.seq > $top "
        "RETURN collect([a.seq, a.needs[0]]) AS r",
        top=top,
    )
    ordered = sorted(cast(list[tuple[int, str]], records))
    assert [seq for seq, _ in ordered] == [top + 1, top + 2, top + 3]
    # the rows' order: batch-1, batch-5, then the retry of batch-taken (its record too, as a retried mutation's)
    made = [d for d in done if isinstance(d, NeedCreated)]
    assert [need_id for _, need_id in ordered] == [m.need.id for m in made]
    assert await scalar(demo_graph, db, "MATCH (s:EventSequence {name: 'audit'}) RETURN s.last") == top + 3


async def test_all_or_nothing_writes_nothing_when_a_row_is_refused_and_a_scope_is_read_once(
    demo_graph: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    graph = Graph(demo_graph, db)
    start = await graph_position(demo_graph, db)
    cmds = [need(HERE, "全有或全无:好", "aon-1"), need("comm-nowhere", "全有或全无:无社区", "aon-2")]
    try:
        await library.create_needs(graph, caller(), cmds, all_or_nothing=True)
        raise AssertionError("refused")
    except NotFound as refused:
        assert refused.field == "communityId"
    assert await graph_position(demo_graph, db) == start

    admin = caller(Role.COMMUNITY_ADMIN, HERE)
    graph.round_trips = 0
    mine = [need(HERE, f"本社区:{i}", f"scoped-{i}") for i in range(5)]
    done = await library.create_needs(graph, admin, [*mine, need(OTHER, "别的社区", "scoped-x")])
    assert all(not isinstance(d, DomainError) for d in done[:5])
    assert isinstance(done[5], DomainError) and done[5].code == "FORBIDDEN"
    assert graph.round_trips == 3  # two scopes read (one per community), then one statement for the batch


async def test_resources_in_a_batch_and_unanswered_rows_for_an_import(
    demo_graph: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    graph = Graph(demo_graph, db)
    unit = await scalar(demo_graph, db, "MATCH (u:Unit) RETURN u.id ORDER BY u.id LIMIT 1")
    cmds = [
        NewResource(
            unit_id=str(unit),
            title=f"批量资源 {i}",
            support_type=SupportType.VOLUNTEER,
            domains=(Domain.ELDER,),
            populations=(Population.ELDERLY,),
            capacity=3,
            capacity_unit="场",
            available_from=date.today(),
            available_until=LATER,
            service_area=ServiceArea.STREET,
            client_id=f"batch-res-{i}",
        )
        for i in range(3)
    ]
    cmds.append(NewResource(**{**vars(cmds[0]), "unit_id": "unit-nowhere", "client_id": "batch-res-x"}))
    done = await library.create_resources(graph, caller(), cmds, answered=False)
    assert done[:3] == [None, None, None]  # made, not read back
    assert isinstance(done[3], NotFound) and done[3].field == "unitId"
    made = await scalar(
        demo_graph,
        db,
        "MATCH (u:Unit {id: $unit})-[:OFFERS]->(r:Resource) WHERE r.clientId STARTS WITH 'batch-res-' "
        "RETURN count(r)",
        unit=unit,
    )
    assert made == 3


async def test_concurrent_batches_take_distinct_numbers_and_all_commit(
    demo_graph: AsyncDriver, settings: Settings
) -> None:
    """Batches and single mutations at once: each waits for the sequence's lock, none takes a number another
    took (a lost update would make the unique constraint on seq refuse one: a CONFLICT for a good write)."""
    db = settings.neo4j_database
    graph = Graph(demo_graph, db)
    top = cast(int, await scalar(demo_graph, db, "MATCH (s:EventSequence {name: 'audit'}) RETURN s.last"))

    async def batch(b: int) -> list[NeedCreated | DomainError | None]:
        return await library.create_needs(
            graph, caller(), [need(HERE, f"并发 {b}-{i}", f"conc-{b}-{i}") for i in range(10)]
        )

    async def single(b: int) -> list[NeedCreated | DomainError | None]:
        return [await library.create_need(graph, caller(), need(HERE, f"并发单条 {b}", f"conc-one-{b}"))]

    done = await asyncio.gather(*[batch(b) for b in range(6)], *[single(b) for b in range(6)])
    assert all(isinstance(d, NeedCreated) for answers in done for d in answers)
    seqs = cast(
        list[int],
        await scalar(
            demo_graph, db, "MATCH (a:AuditRecord) WHERE a.seq > $top RETURN collect(a.seq)", top=top
        ),
    )
    assert sorted(seqs) == list(range(top + 1, top + 67))  # 6 × 10 + 6, each once, none skipped
