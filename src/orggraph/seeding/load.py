"""Load a validated Bundle into Neo4j in UNWIND batches, as one transaction (or one per batch).

`load()` validates first and writes nothing if the seed has a problem. With atomic=True (the default,
used for the demo) every batch runs in one transaction: a failure leaves the graph as it was. The
synthetic generator's 100x graphs load with atomic=False, one transaction per batch, which keeps the
transaction state small; re-running the load after a failure completes it (every write is a MERGE).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction, AsyncTransaction, Query

from orggraph.domain.model import Label
from orggraph.graph import compound_seed_cypher, party_seed_cypher, rating_seed_cypher
from orggraph.graph import seed_cypher as q
from orggraph.graph import text_writes as text
from orggraph.seeding import party_members
from orggraph.seeding.compounds import load_steps as red_property_steps
from orggraph.seeding.records import Bundle, Record
from orggraph.seeding.reports import report_steps
from orggraph.seeding.validate import check
from orggraph.vocabulary import indexed, load_vocabulary

Progress = Callable[[str, int, int], None]  # (step, rows done, rows total)
Row = dict[str, Any]


@dataclass(frozen=True)
class Step:
    name: str
    query: str
    rows: list[Row]


def _props(record: Record, *exclude: str) -> dict[str, Any]:
    data = record.model_dump(mode="python", by_alias=True, exclude=set(exclude))
    return {k: v for k, v in data.items() if v is not None}


def steps(bundle: Bundle, *, recount: bool = True, governance: bool = True) -> list[Step]:
    """The writes of a bundle, in dependency order. `recount=False` leaves out the one step that reads the whole
    graph (资源库词频: the word statistics counted from every resource), for a caller that loads many bundles
    and counts once at the end (`recount_words`). `governance=False` leaves out the records of issue #14 that
    matching and plans never read: 红色物业 and the property ratings, the party members and the reports
    (a lean synthetic province: seeding/province.py)."""
    from orggraph.seeding import ratings as _ratings  # it builds on Step: imported when used

    households: dict[str, int] = defaultdict(int)
    for g in bundle.grids:
        households[g.community_id] += g.households
    need_text = {n.id: indexed(n.title, n.description) for n in bundle.needs}
    resource_text = {r.id: indexed(r.title, r.description) for r in bundle.resources}
    province = bundle.province
    plan = [
        Step("省", q.PROVINCE, [{"id": province.id, "props": _props(province)}] if province else []),
        Step("城市", q.CITY, [{"id": bundle.city.id, "props": _props(bundle.city)}]),
        Step(
            "街道",
            q.STREETS,
            [{"id": s.id, "cityId": s.city_id, "props": _props(s, "city_id")} for s in bundle.streets],
        ),
        Step(
            "成员单位",
            q.UNITS,
            [
                {
                    "id": u.id,
                    "props": _props(u, "provincial"),
                    "cityId": None if u.provincial else bundle.city.id,
                    "provinceId": province.id if province else None,
                }
                for u in bundle.units
            ],
        ),
        Step(
            "街道大工委",
            q.STREET_COMMITTEES,
            [
                {
                    "id": c.id,
                    "streetId": c.street_id,
                    "memberIds": c.part_time_members,
                    "props": _props(c, "street_id", "part_time_members"),
                }
                for c in bundle.street_committees
            ],
        ),
        Step(
            "社区与大党委",
            q.COMMUNITIES,
            [
                {
                    "id": c.id,
                    "streetId": c.street_id,
                    "props": {**_props(c, "street_id", "committee"), "households": households.get(c.id, 0)},
                    "committee": {
                        "id": c.committee.id,
                        "props": _props(c.committee, "secretary", "first_secretary_id", "members"),
                    },
                    "secretary": {"id": c.committee.secretary.id, "props": _props(c.committee.secretary)},
                    "members": [
                        {"unitId": m.unit_id, "seat": m.seat, "since": m.since} for m in c.committee.members
                    ],
                }
                for c in bundle.communities
            ],
        ),
        Step(
            "联系市领导",
            q.LEADERS,
            [
                {
                    "id": x.id,
                    "communityId": x.contacts.community_id,
                    "since": x.contacts.since,
                    "unitId": x.unit_id,
                    "props": _props(x, "contacts", "unit_id"),
                }
                for x in bundle.leaders
            ],
        ),
        Step(
            "网格",
            q.GRIDS,
            [
                {"id": g.id, "communityId": g.community_id, "props": _props(g, "community_id")}
                for g in bundle.grids
            ],
        ),
        Step(
            "小区",
            q.COMPOUNDS,
            [
                {
                    "id": c.id,
                    "gridId": c.grid_id,
                    "propertyCompanyId": c.property_company_id,
                    "props": _props(c, "grid_id", "property_company_id"),
                }
                for c in bundle.compounds
            ],
        ),
        Step(
            "需求库",
            q.NEEDS,
            [
                {
                    "id": n.id,
                    "communityId": n.community_id,
                    "props": {**_props(n, "community_id"), "terms": need_text[n.id]["terms"]},
                }
                for n in bundle.needs
            ],
        ),
        Step(
            "资源库",
            q.RESOURCES,
            [
                {
                    "id": r.id,
                    "unitId": r.unit_id,
                    "props": {**_props(r, "unit_id"), "terms": resource_text[r.id]["terms"]},
                }
                for r in bundle.resources
            ],
        ),
        *_text_steps(need_text, resource_text, recount=recount),
        Step(
            "联席会议",
            q.MEETINGS,
            [
                {
                    "id": m.id,
                    "committeeId": m.committee_id,
                    "props": _props(m, "committee_id", "problems_solved"),
                }
                for m in bundle.meetings
            ],
        ),
        Step(
            "任务清单",
            q.TASKS,
            [
                {
                    "id": t.id,
                    "needId": t.need_id,
                    "resourceId": t.resource_id,
                    "responsibleUnitId": t.responsible_unit_id,
                    "meetingId": t.meeting_id,
                    "props": _props(t, "need_id", "resource_id", "responsible_unit_id", "meeting_id"),
                }
                for t in bundle.tasks
            ],
        ),
        Step("联席会议解决的问题", q.SOLVED_PROBLEMS, _solved_problems(bundle)),
    ]
    if governance:
        # compounds and 红色物业 (issue #14); ratings (#14 point 4: seeding/ratings.py, after everything it
        # rates); in-service party members and their campaign (#14); the dispatch table and the reports (智慧管家)
        plan += [
            *(Step(*s) for s in red_property_steps(bundle.red_property)),
            *_ratings.steps(bundle),
            *(Step(*s) for s in party_members.seed_steps(bundle)),
            *(Step(*s) for s in report_steps(bundle)),
        ]
    # the units the later steps merge (owners' committees, property companies, party members' units) are of
    # the bundle's city too
    later_units = [row["id"] for s in plan if s.query in LATER_UNITS for row in s.rows]
    plan.append(
        Step(
            "单位所在城市",
            q.PLACE_UNITS,
            [{"ids": later_units, "cityId": bundle.city.id, "provinceId": province.id if province else None}],
        )
    )
    return plan


def _text_steps(need_text: dict[str, Row], resource_text: dict[str, Row], *, recount: bool) -> list[Step]:
    """The concept vocabulary, what each need and resource is about (from the texts indexed above), and the
    resources library's word statistics (orggraph.graph.text_writes)."""
    vocab = load_vocabulary()
    return [
        Step("主题词表", text.SYNC_CONCEPTS_ROWS, text.concept_rows(vocab)),
        Step("主题上下位", text.LINK_BROADER_ROWS, text.broader_rows(vocab)),
        Step(
            "需求主题",
            text.ABOUT_ROWS[Label.Need],
            [{"id": i, "concepts": found["concepts"]} for i, found in need_text.items()],
        ),
        Step(
            "资源主题",
            text.ABOUT_ROWS[Label.Resource],
            [{"id": i, "concepts": found["concepts"]} for i, found in resource_text.items()],
        ),
        # counted from every resource in the graph, not only the seed's
        *([Step(RECOUNT, text.RECOUNT_ROWS, [{}])] if recount else []),
    ]


RECOUNT = "资源库词频"


async def recount_words(driver: AsyncDriver, database: str) -> None:
    """The resources library's word statistics counted afresh from every resource in the graph: the step that
    `steps(bundle, recount=False)` leaves out."""
    async with driver.session(database=database) as session:
        await session.execute_write(_run, text.RECOUNT_ROWS, [{}])


# the steps besides 成员单位 that merge units
LATER_UNITS = frozenset({compound_seed_cypher.OWNERS_COMMITTEES, rating_seed_cypher.COMPANIES,
                         party_seed_cypher.PARTY_UNITS})  # fmt: skip


def _solved_problems(bundle: Bundle) -> list[Row]:
    """The problems each meeting solved, as the seed counts them (`problemsSolved`): a meeting's needs
    whose tasks it decided and that are done count first; the rest are written as problems the meeting
    tabled and decided a task on, done within the quarter (illustrative titles from the topic)."""
    needs_done = {n.id for n in bundle.needs if n.status in ("DONE", "RATED")}
    solved_needs: dict[str, set[str]] = {}
    for t in bundle.tasks:
        if t.meeting_id and t.need_id in needs_done:
            solved_needs.setdefault(t.meeting_id, set()).add(t.need_id)
    rows: list[Row] = []
    by_date = sorted(bundle.meetings, key=lambda m: (m.held_on, m.id))
    first_year = by_date[0].held_on.year if by_date else 0
    # the article: 13 hard problems of the city secretary's "1+N" list solved "last year" (the meetings' first
    # year) and 31 key tasks pushed by the contact leaders since: the first problem of the first 13 meetings
    # of that year went up to the list, and the first problem of the first 31 meetings is a key task
    escalated = {m.id for m in [m for m in by_date if m.held_on.year == first_year][:SECRETARY_LIST_SOLVED]}
    key_tasks = {m.id for m in by_date[:KEY_TASKS]}
    for m in by_date:
        count = m.problems_solved - len(solved_needs.get(m.id, ()))
        if count > 0:
            subject = m.topic.split(":", 1)[-1]
            rows.append({"meetingId": m.id, "count": count, "subject": subject, "heldOn": m.held_on,
                         "escalate": m.id in escalated, "keyTask": m.id in key_tasks})  # fmt: skip
    return rows


SECRETARY_LIST_SOLVED = 13  # 「去年解决重难点问题13个」
KEY_TASKS = 31  # 「去年以来,推动31件重点任务落地见效」


def _batches(rows: list[Row], size: int) -> Iterator[list[Row]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


async def _run(tx: AsyncManagedTransaction | AsyncTransaction, query: str, rows: list[Row]) -> None:
    result = await tx.run(query, rows=rows)
    await result.consume()


async def _write_batches(
    plan: list[Step], batch_size: int, progress: Progress | None,
    write: Callable[[str, list[Row]], Awaitable[None]],
) -> None:  # fmt: skip
    """Every step's rows in batches, in order, reporting progress after each batch."""
    for step in plan:
        done = 0
        for batch in _batches(step.rows, batch_size):
            await write(step.query, batch)
            done += len(batch)
            if progress:
                progress(step.name, done, len(step.rows))


async def load(
    driver: AsyncDriver,
    database: str,
    bundle: Bundle,
    *,
    batch_size: int = 1000,
    atomic: bool = True,
    progress: Progress | None = None,
    plan: list[Step] | None = None,
    recount: bool = True,
) -> dict[str, int]:
    """Validate, then write. Returns the rows written per step. `plan`: the bundle's steps made once before
    (`steps(bundle)`, which also derives the rows of the demo's later steps) for a caller that loads the same
    bundle again and again (the test suite). `recount=False`: the word statistics are not counted (see
    `steps`)."""
    check(bundle)
    plan = steps(bundle, recount=recount) if plan is None else plan
    counts = {s.name: len(s.rows) for s in plan}
    if atomic:
        async with driver.session(database=database) as session, await session.begin_transaction() as tx:
            # Leaving the block commits; an exception inside rolls everything back.
            await _write_batches(plan, batch_size, progress, lambda query, rows: _run(tx, query, rows))
    else:
        async with driver.session(database=database) as session:
            await _write_batches(
                plan, batch_size, progress, lambda query, rows: session.execute_write(_run, query, rows)
            )
    return counts


WIPE_TIMEOUT_S = 3600


async def wipe(driver: AsyncDriver, database: str) -> None:
    """Delete every node but the migration records (for switching between demo and synthetic data)."""
    async with driver.session(database=database) as session:
        # in batches of its own; the outer statement may take minutes on a big graph (a million nodes
        # take about a minute), longer than the server's default transaction timeout
        result = await session.run(Query(q.WIPE_RELATIONSHIPS, timeout=WIPE_TIMEOUT_S))
        await result.consume()
        result = await session.run(Query(q.WIPE, timeout=WIPE_TIMEOUT_S))
        await result.consume()
