"""Subscriptions over graphql-transport-ws on the real stack: events follow the one event log in Neo4j,
so a change made through another API process reaches this one's subscribers; each subscriber gets only
what its role reaches, masked like queries, and in order, once, across a reconnection."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver
from websockets.exceptions import InvalidStatus

from orggraph.app import create_app
from orggraph.domain.auth import Principal, Role
from orggraph.domain.events import Event, EventFilter, EventKind
from orggraph.graph import event_reads
from orggraph.graph.runner import Graph
from orggraph.services.events import EventHub
from orggraph.settings import Settings
from tests.conftest import Api, token
from tests.support.background import served
from tests.support.processes import serve_process
from tests.support.subscriber import Closed, Subscriber, subscriber

NEED_CHANGED = """subscription ($community: ID, $street: ID, $after: ID) {
  needChanged(communityId: $community, streetId: $street, after: $after) {
    id action need { id title status community { id committee { firstSecretary { name } } } } } }"""
TASK_CHANGED = "subscription { taskChanged { id action task { id status overdue } } }"
TASK_CHANGED_AFTER = "subscription ($after: ID) { taskChanged(after: $after) { id action task { id } } }"
MEETING_RECORDED = (
    "subscription ($street: ID) { meetingRecorded(streetId: $street) { id meeting { id topic } } }"
)
CREATE_NEED = "mutation ($i: CreateNeedInput!) { createNeed(input: $i) { id } }"
UPDATE_NEED = "mutation ($i: UpdateNeedInput!) { updateNeed(input: $i) { id } }"


def need_input(community: str, title: str) -> dict[str, Any]:
    return {
        "communityId": community, "title": title, "description": "订阅测试", "supportTypes": ["GOODS"],
        "domain": "SAFETY", "populations": ["ALL"], "quantity": 3, "quantityUnit": "具", "neededBy": "2027-03-31",
    }  # fmt: skip


def admin() -> str:
    return token("ORG_ADMIN", subject="subscriber-admin")


@pytest.fixture(scope="module")
def other_process(neo4j_server: Settings) -> Iterator[str]:
    """A second API process (`orggraph serve`) on the suite's Neo4j: changes made there reach this
    process only through the graph."""
    with serve_process(neo4j_server) as url:
        yield url


def post(url: str, query: str, variables: dict[str, Any], as_token: str) -> dict[str, Any]:
    r = httpx.post(
        f"{url}/graphql", json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {as_token}"}, timeout=30,
    )  # fmt: skip
    body: dict[str, Any] = r.json()
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]
    return result


async def apost(url: str, query: str, variables: dict[str, Any], as_token: str) -> dict[str, Any]:
    return await asyncio.to_thread(post, url, query, variables, as_token)


@asynccontextmanager
async def subscribed(
    api: Api, query: str, variables: dict[str, Any] | None = None, as_token: str | None = None
) -> AsyncIterator[Subscriber]:
    async with subscriber(api.url, as_token or admin()) as s:
        await s.subscribe(query, variables)
        await asyncio.sleep(0.3)  # the subscription is registered before the writes begin
        yield s


@pytest.mark.usefixtures("demo_graph")
async def test_a_need_created_through_another_process_reaches_the_subscriber_within_two_seconds(
    api: Api, other_process: str
) -> None:
    async with subscribed(api, NEED_CHANGED, {"community": "comm-shuguang"}) as s:
        made = await apost(
            other_process, CREATE_NEED, {"i": need_input("comm-shuguang", "跨进程需求")}, admin()
        )
        start = time.monotonic()
        event = (await s.data(timeout=2.0))["needChanged"]
        assert time.monotonic() - start < 2.0
    assert event["action"] == "createNeed"
    assert event["need"]["id"] == made["createNeed"]["id"] and event["need"]["title"] == "跨进程需求"
    assert event["need"]["status"] == "COLLECTED" and int(event["id"]) > 0


@pytest.mark.usefixtures("demo_graph")
async def test_a_community_admin_never_receives_another_communitys_events(api: Api) -> None:
    shuguang = token("COMMUNITY_ADMIN", "comm-shuguang", subject="shuguang-admin")
    async with subscribed(api, NEED_CHANGED, as_token=shuguang) as s:
        await apost(api.url, CREATE_NEED, {"i": need_input("comm-qianqiu", "别的社区的需求")}, admin())
        await apost(api.url, CREATE_NEED, {"i": need_input("comm-shuguang", "本社区的需求")}, admin())
        first = (await s.data())["needChanged"]
        assert first["need"]["title"] == "本社区的需求"
        await s.nothing(within=1.0)
    # asking for another community by argument does not widen what the role reaches
    async with subscribed(api, NEED_CHANGED, {"community": "comm-qianqiu"}, as_token=shuguang) as s:
        await apost(api.url, CREATE_NEED, {"i": need_input("comm-qianqiu", "仍是别的社区")}, admin())
        await s.nothing(within=1.0)


@pytest.mark.usefixtures("demo_graph")
async def test_a_viewer_sees_names_masked_and_the_org_admin_sees_them(api: Api) -> None:
    viewer = token("VIEWER", subject="screen")
    async with subscribed(api, NEED_CHANGED, as_token=viewer) as v, subscribed(api, NEED_CHANGED) as o:
        await apost(api.url, CREATE_NEED, {"i": need_input("comm-shuguang", "大屏上的需求")}, admin())
        seen_by_viewer = (await v.data())["needChanged"]["need"]["community"]["committee"]["firstSecretary"]
        seen_by_admin = (await o.data())["needChanged"]["need"]["community"]["committee"]["firstSecretary"]
    assert seen_by_viewer["name"] == "***"
    assert seen_by_admin["name"] not in ("***", "")


@pytest.mark.usefixtures("demo_graph")
async def test_coming_back_with_the_last_id_loses_nothing_and_repeats_nothing(
    api: Api, other_process: str
) -> None:
    titles = [f"断线重连 {i}" for i in range(6)]
    async with subscribed(api, NEED_CHANGED, {"street": "street-guangling"}) as s:
        await apost(other_process, CREATE_NEED, {"i": need_input("comm-shuguang", titles[0])}, admin())
        last = (await s.data())["needChanged"]["id"]
    # offline: changes go on, through both processes
    for i, title in enumerate(titles[1:]):
        await apost(
            other_process if i % 2 else api.url,
            CREATE_NEED,
            {"i": need_input("comm-shuguang", title)},
            admin(),
        )
    async with subscribed(api, NEED_CHANGED, {"street": "street-guangling", "after": last}) as s:
        got = [(await s.data())["needChanged"] for _ in titles[1:]]
        await apost(api.url, CREATE_NEED, {"i": need_input("comm-shuguang", "重连后")}, admin())
        live = (await s.data())["needChanged"]
        await s.nothing(within=0.5)
    assert [e["need"]["title"] for e in got] == titles[1:]
    ids = [int(e["id"]) for e in [*got, live]]
    assert ids == sorted(ids) and len(set(ids)) == len(ids) and ids[0] > int(last)
    assert live["need"]["title"] == "重连后"


@pytest.mark.usefixtures("demo_graph")
async def test_an_id_older_than_the_log_keeps_is_a_clear_error(api: Api, driver: AsyncDriver) -> None:
    async with subscriber(api.url, admin()) as s:
        await s.subscribe(NEED_CHANGED, {"after": "0"})  # the demo's load wiped the records before it
        msg = await s.message()
    assert msg["type"] == "error" or "errors" in msg.get("payload", {}), msg
    errors = msg["payload"] if msg["type"] == "error" else msg["payload"]["errors"]
    assert errors[0]["extensions"] == {"code": "EVENTS_EXPIRED", "field": "after"}


@pytest.mark.usefixtures("demo_graph")
async def test_task_and_meeting_events_reach_their_subscribers(api: Api) -> None:
    async with subscribed(api, MEETING_RECORDED, {"street": "street-guangling"}) as s:
        made = await apost(
            api.url,
            'mutation { recordJointMeeting(input: {committeeId: "comm-shuguang-committee", heldOn: "2026-11-20", '
            'topic: "订阅测试会议"}) { id } }',
            {},
            admin(),
        )
        event = (await s.data())["meetingRecorded"]
    assert event["meeting"] == {"id": made["recordJointMeeting"]["id"], "topic": "订阅测试会议"}
    tasks = post(api.url, "{ taskList(filter: {status: [PLANNED]}) { id } }", {}, admin())["taskList"]
    assert tasks, "the demo has planned tasks"
    async with subscribed(api, TASK_CHANGED) as s:
        await apost(
            api.url,
            "mutation ($id: ID!) { updateTask(id: $id, status: IN_PROGRESS) { id } }",
            {"id": tasks[0]["id"]},
            admin(),
        )
        event = (await s.data())["taskChanged"]
    assert event["action"] == "updateTask"
    assert event["task"]["id"] == tasks[0]["id"] and event["task"]["status"] == "IN_PROGRESS"


async def test_without_a_valid_token_the_connection_is_refused(api: Api) -> None:
    for bad in (None, "not-a-token"):
        with pytest.raises(Closed) as caught:
            async with subscriber(api.url, bad):
                pass
        assert caught.value.code == 4403, bad


@pytest.mark.usefixtures("demo_graph")
async def test_a_principal_with_too_many_subscriptions_is_refused(neo4j_server: Settings) -> None:
    app = create_app(neo4j_server.model_copy(update={"events_per_principal": 1}))
    with served(app) as url:
        api = Api(url, app)
        async with subscribed(api, NEED_CHANGED) as s:
            await s.subscribe(NEED_CHANGED)
            msg = await s.message()
    errors = msg["payload"] if msg["type"] == "error" else msg["payload"]["errors"]
    assert errors[0]["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS"


@pytest.mark.usefixtures("demo_graph")
async def test_a_subscriber_that_falls_behind_is_dropped_with_a_clear_close_code(
    neo4j_server: Settings,
) -> None:
    app = create_app(neo4j_server.model_copy(update={"events_queue": 2, "events_poll_s": 2.0}))
    with served(app) as url:
        api = Api(url, app)
        async with subscribed(api, NEED_CHANGED) as s:
            for i in range(6):  # within one poll: six events for a queue of two
                await apost(url, CREATE_NEED, {"i": need_input("comm-shuguang", f"积压 {i}")}, admin())
            with pytest.raises(Closed) as caught:
                for _ in range(7):
                    await s.data(timeout=5)
    assert caught.value.code == 4413 and "slow consumer" in caught.value.reason


@pytest.mark.usefixtures("demo_graph")
async def test_a_task_that_becomes_overdue_is_an_event_once_across_processes(
    neo4j_server: Settings, driver: AsyncDriver, api: Api
) -> None:
    query = "{ taskList(filter: {status: [PLANNED, IN_PROGRESS]}) { id deadline } }"
    open_tasks = post(api.url, query, {}, admin())["taskList"]
    # the last sweep on the earliest deadline, today the day after the third: several tasks at once
    deadlines = sorted({date.fromisoformat(t["deadline"]) for t in open_tasks})
    deadline, until = deadlines[0], deadlines[2]
    due = {t["id"] for t in open_tasks if deadline <= date.fromisoformat(t["deadline"]) <= until}
    assert len(due) > 1, "the sweep's record carries several tasks"
    db = neo4j_server.neo4j_database
    records, _, _ = await driver.execute_query(
        "MATCH (s:EventSequence {name: 'audit'}) WITH s, s.overdueSweptOn AS was "
        "SET s.overdueSweptOn = $deadline RETURN was", deadline=deadline, database_=db,
    )  # fmt: skip
    was = records[0]["was"]
    try:
        # the day after the deadline: the task is now overdue, and the first process to look says so
        settings = neo4j_server.model_copy(update={"today": until + timedelta(days=1)})
        first, second = create_app(settings), create_app(settings)
        with served(first) as one, served(second) as two:
            async with subscribed(Api(one, first), TASK_CHANGED) as s:
                events = [(await s.data())["taskChanged"] for _ in due]
                async with subscribed(Api(two, second), TASK_CHANGED) as late:
                    await late.nothing(within=1.0)  # the second process does not sweep the same day again
                await s.nothing(within=0.5)
            assert {e["task"]["id"] for e in events} == due
            assert all(e["action"] == "taskOverdue" and e["task"]["overdue"] is True for e in events)
            # one record, several events: each has its own id, and resuming after the first gives the rest
            seq = events[0]["id"].split(".")[0]
            assert [e["id"] for e in events] == [f"{seq}.{i}" for i in range(len(due))]
            async with subscribed(Api(one, first), TASK_CHANGED_AFTER, {"after": events[0]["id"]}) as again:
                rest = [(await again.data())["taskChanged"]["id"] for _ in range(len(due) - 1)]
                await again.nothing(within=0.5)
            assert rest == [e["id"] for e in events[1:]]
        sweeps, _, _ = await driver.execute_query(
            "MATCH (a:AuditRecord {action: 'taskOverdue'}) RETURN count(a) AS n, collect(a.tasks) AS tasks",
            database_=db,
        )
        assert sweeps[0]["n"] == 1 and set(sweeps[0]["tasks"][0]) == due
    finally:
        await driver.execute_query(
            "MATCH (s:EventSequence {name: 'audit'}) SET s.overdueSweptOn = $was", was=was, database_=db
        )


async def test_a_page_on_another_origin_may_subscribe_only_when_its_origin_is_listed(
    neo4j_server: Settings,
) -> None:
    app = create_app(neo4j_server.model_copy(update={"cors_allow_origins": "http://portal.example"}))
    with served(app) as url:
        async with subscriber(url, admin(), origin="http://portal.example") as s:
            await s.subscribe(NEED_CHANGED)
        with pytest.raises(InvalidStatus) as caught:
            async with subscriber(url, admin(), origin="http://evil.example"):
                pass
    assert caught.value.response.status_code == 403


async def test_a_second_first_subscriber_does_not_move_the_follower_past_events_it_has_not_read(
    api: Api, driver: AsyncDriver, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two subscribers arrive together on a process where nobody subscribed: both read the log's end.
    The second read is answered after a write that the follower, already reading for the first, has not
    read yet; that answer must not move the follower past the write, or the first never receives it."""
    hub = EventHub(
        Graph(driver, settings.neo4j_database), poll_s=1.0, queue_size=100, replay_max=100, per_principal=5
    )
    real_last_seq = event_reads.last_seq
    reads = 0

    async def last_seq(graph: Graph) -> int:
        nonlocal reads
        reads += 1
        if reads == 2:  # the second subscriber's read, answered after a write
            await asyncio.sleep(0.2)  # the first is in and the follower has made its first read
            await apost(api.url, CREATE_NEED, {"i": need_input("comm-shuguang", "两人同时订阅")}, admin())
        return await real_last_seq(graph)

    monkeypatch.setattr(event_reads, "last_seq", last_seq)
    got: dict[str, list[Event]] = {"first": [], "second": []}

    async def follow(name: str) -> None:
        principal = Principal(f"hub-{name}", Role.ORG_ADMIN)
        async for event in hub.subscribe(principal, EventFilter(EventKind.NEED), None):
            got[name].append(event)

    tasks = [asyncio.create_task(follow("first")), asyncio.create_task(follow("second"))]
    try:
        deadline = time.monotonic() + 5  # the follower reads again within poll_s (1 s)
        while not (got["first"] and got["second"]) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await hub.close()
    assert reads >= 2
    assert [e.subject.title for e in got["first"]] == ["两人同时订阅"], got
    assert [e.subject.title for e in got["second"]] == ["两人同时订阅"], got


async def test_a_connection_without_a_subscription_is_closed_when_idle(neo4j_server: Settings) -> None:
    app = create_app(neo4j_server.model_copy(update={"events_idle_s": 1.0}))
    with served(app) as url:
        async with subscriber(url, admin()) as busy, subscriber(url, admin()) as idle:
            await busy.subscribe(NEED_CHANGED)
            with pytest.raises(Closed) as caught:
                await idle.message(timeout=5)
            assert caught.value.code == 4410 and "idle" in caught.value.reason
            await busy.nothing(within=0.5)  # the one holding a subscription stays open
            assert busy.ws.close_code is None


async def test_each_operation_has_its_transport(api: Api) -> None:
    async with subscriber(api.url, admin()) as s:
        await s.subscribe("{ streets { id } }")  # a query over the socket
        msg = await s.message()
    errors = msg["payload"] if msg["type"] == "error" else msg["payload"]["errors"]
    assert "只接受订阅" in errors[0]["message"]
    over_http = await asyncio.to_thread(
        httpx.post, f"{api.url}/graphql", json={"query": NEED_CHANGED},
        headers={"authorization": f"Bearer {admin()}", "accept": "multipart/mixed"}, timeout=10,
    )  # fmt: skip
    assert "只能通过 WebSocket" in over_http.json()["errors"][0]["message"]


async def test_a_connection_is_closed_when_its_token_expires(neo4j_server: Settings) -> None:
    from datetime import timedelta as td

    from orggraph.api.tokens import mint
    from orggraph.domain.auth import Role as R

    short = mint(neo4j_server, role=R.ORG_ADMIN, subject="short", scope_id=None, ttl=td(seconds=2))
    app = create_app(neo4j_server.model_copy(update={"events_idle_s": 1.0}))
    with served(app) as url:
        async with subscriber(url, short) as s:
            await s.subscribe(NEED_CHANGED)
            with pytest.raises(Closed) as caught:
                await s.message(timeout=8)
    assert caught.value.code == 4403 and "expired" in caught.value.reason
