"""Generate a co-building network of any size with the shape and ratios of Tianchang's.

`build(plan, seed)` is deterministic: the same plan and seed give the same Bundle. The Tianchang demo
(seeds/tianchang/) is this generator run on Tianchang's streets and communities, then written as YAML;
`orggraph seed synth` runs it on numbered names at any scale.

Per 23 communities (the article's figures): 167 grids and 4,841 grid workers, 85 compound party
organizations, 98 joint meetings that solved 223 problems, 10 city departments on every street working
committee, one contact city leader per community. Needs and resources follow the demo's ratios.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from orggraph.domain.model import (
    CompoundKind,
    NeedStatus,
    ServiceArea,
    TaskStatus,
    UnitKind,
    Urgency,
    seat_for,
)
from orggraph.domain.taxonomy import SupportType
from orggraph.seeding import catalog, records
from orggraph.seeding.records import Source

BEIJING = timezone(timedelta(hours=8))

DEMO_COMMUNITIES = 23
PER_23 = {
    "grids": 167,
    "grid_workers": 4841,
    "compounds": 130,
    "compound_party_orgs": 85,
    "meetings": 98,
    "problems_solved": 223,
    "other_x_units": 20,
    "n_units": 16,
    "property_companies": 6,
    "resources": 230,
}
NEEDS_PER_COMMUNITY = 7
TODAY = date(2026, 11, 27)


@dataclass(frozen=True)
class CommunitySpec:
    id: str
    name: str
    source: Source


@dataclass(frozen=True)
class StreetSpec:
    id: str
    name: str
    source: Source
    communities: tuple[CommunitySpec, ...]


@dataclass(frozen=True)
class Plan:
    city: records.City
    streets: tuple[StreetSpec, ...]
    source: Source = "illustrative"
    # Compounds the article names: (community id, compound record fields)
    named_compounds: tuple[dict[str, object], ...] = field(default_factory=tuple)

    @property
    def community_count(self) -> int:
        return sum(len(s.communities) for s in self.streets)


def spread(total: int, n: int) -> list[int]:
    """Split total into n integers that differ by at most one (larger ones first)."""
    if n <= 0:
        return []
    base, extra = divmod(total, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


def scaled(key: str, communities: int) -> int:
    return round(PER_23[key] * communities / DEMO_COMMUNITIES)


def person_name(rng: random.Random) -> str:
    cat = catalog.load()
    return rng.choice(cat.surnames) + "".join(rng.sample(cat.given_name_characters, rng.choice((1, 2))))


def build(plan: Plan, seed: int = 7) -> records.Bundle:
    """The whole network for this plan. Each step draws from the one `rng`, in this order."""
    rng = random.Random(seed)
    cat = catalog.load()
    units = _units(rng, cat, plan)
    streets, street_committees = _streets(plan, units)
    leaders, communities, members_of = _communities(rng, cat, plan, units)
    grids, grids_of = _grids(rng, plan)
    compounds = _compounds(rng, cat, plan, grids, grids_of, units)
    resources = _resources(rng, cat, plan, units)
    needs = _needs(rng, cat, plan, _compound_names_by_community(grids, compounds))
    meetings = _meetings(cat, plan)
    tasks = _tasks(rng, plan, needs, resources, members_of, meetings)
    return records.Bundle(
        city=plan.city,
        streets=streets,
        street_committees=street_committees,
        units=units.all_units,
        leaders=leaders,
        communities=communities,
        grids=grids,
        compounds=compounds,
        needs=needs,
        resources=resources,
        meetings=meetings,
        tasks=tasks,
    )


def _pairs(plan: Plan) -> list[tuple[StreetSpec, CommunitySpec]]:
    return [(s, c) for s in plan.streets for c in s.communities]


def _person_source(src: Source) -> Source:
    """People are invented: illustrative, or synthetic in a synthetic plan."""
    return "illustrative" if src != "synthetic" else src


# ---------------------------------------------------------------- units


@dataclass(frozen=True)
class _Units:
    all_units: list[records.Unit]
    departments: list[str]
    x_units: list[str]
    n_units: list[str]
    property_companies: list[str]
    kind_of: dict[str, UnitKind]


def _units(rng: random.Random, cat: catalog.Catalog, plan: Plan) -> _Units:
    """The city departments, then the other X units, the N units and the property companies."""
    n_comm = plan.community_count
    departments = [
        records.Unit(
            id=f"unit-dept-{i:02d}",
            name=name,
            kind=UnitKind.AGENCY,
            source=plan.source,
            party_members=rng.randint(20, 80),
        )
        for i, name in enumerate(cat.city_departments, 1)
    ]
    x_units = _pool_units(rng, plan.source, "x", cat.other_x_units, scaled("other_x_units", n_comm))
    n_units = _pool_units(rng, plan.source, "n", cat.n_units, scaled("n_units", n_comm))
    pm_pool = tuple(catalog.NamedUnit(name=n, kind=UnitKind.PROPERTY_COMPANY) for n in cat.property_companies)
    pm_count = max(1, scaled("property_companies", n_comm))
    property_companies = _pool_units(rng, plan.source, "pm", pm_pool, pm_count)
    made = departments + x_units + n_units + property_companies
    return _Units(
        all_units=made,
        departments=[u.id for u in departments],
        x_units=[u.id for u in x_units],
        n_units=[u.id for u in n_units],
        property_companies=[u.id for u in property_companies],
        kind_of={u.id: u.kind for u in made},
    )


def _pool_units(
    rng: random.Random, src: Source, prefix: str, pool: tuple[catalog.NamedUnit, ...], count: int
) -> list[records.Unit]:
    """`count` units named after the pool in turn; past the pool's end, names get a number: 市财政局(2)."""
    made = []
    for i in range(count):
        template = pool[i % len(pool)]
        name = template.name if i < len(pool) else f"{template.name}({i // len(pool) + 1})"
        made.append(
            records.Unit(
                id=f"unit-{prefix}-{i + 1:04d}",
                name=name,
                kind=template.kind,
                source=src,
                party_members=rng.randint(3, 60),
            )
        )
    return made


# ---------------------------------------------------------------- streets and their committees


def _streets(plan: Plan, units: _Units) -> tuple[list[records.Street], list[records.StreetCommittee]]:
    """Every street working committee has the city departments as part-time members."""
    streets = [
        records.Street(id=s.id, name=s.name, source=s.source, city_id=plan.city.id) for s in plan.streets
    ]
    committees = [
        records.StreetCommittee(
            id=f"{s.id}-swc",
            name=f"{s.name}大工委",
            source=s.source,
            street_id=s.id,
            part_time_members=units.departments,
        )
        for s in plan.streets
    ]
    return streets, committees


# ---------------------------------------------------------------- leaders, committees, communities


def _communities(
    rng: random.Random, cat: catalog.Catalog, plan: Plan, units: _Units
) -> tuple[list[records.Leader], list[records.Community], dict[str, list[str]]]:
    """Per community: its contact city leader, its committee's members and secretary.

    Also returns the member unit ids of each community's committee (by community id).
    """
    leaders: list[records.Leader] = []
    communities: list[records.Community] = []
    members_of: dict[str, list[str]] = {}
    for idx, (street, c) in enumerate(_pairs(plan)):
        own_unit = units.x_units[idx % len(units.x_units)] if idx % 2 == 0 else None
        leader = records.Leader(
            id=f"leader-{idx + 1:04d}",
            name=person_name(rng),
            source=_person_source(plan.source),
            title=cat.leader_titles[idx % len(cat.leader_titles)],
            unit_id=own_unit,
            contacts=records.Contact(community_id=c.id, since=date(2021, 3, 1) + timedelta(days=idx * 7)),
        )
        leaders.append(leader)
        members = _members(rng, units, idx, plan.community_count, own_unit)
        members_of[c.id] = [m.unit_id for m in members]
        secretary = records.Secretary(
            id=f"{c.id}-secretary", name=person_name(rng), source=_person_source(plan.source)
        )
        committee = records.Committee(
            id=f"{c.id}-committee",
            name=f"{c.name}大党委",
            source=c.source,
            secretary=secretary,
            first_secretary_id=leader.id,
            members=members,
        )
        communities.append(
            records.Community(id=c.id, name=c.name, source=c.source, street_id=street.id, committee=committee)
        )
    return leaders, communities, members_of


def _members(
    rng: random.Random, units: _Units, idx: int, n_comm: int, own_unit: str | None
) -> list[records.Member]:
    """The committee of the idx-th community: X units near it in the pool, N units, a property company.

    Two or three X units, plus sometimes a city department; the contact leader's own unit is not made a
    member, so that locality has its middle rung.
    """
    x_units, n_units = units.x_units, units.n_units
    start = idx * len(x_units) // n_comm
    x_pick = {x_units[(start + k) % len(x_units)] for k in range(rng.randint(2, 3))}
    x_pick.discard(own_unit or "")
    if rng.random() < 0.4:
        x_pick.add(rng.choice(units.departments))
    if not x_pick:
        x_pick.add(units.departments[idx % len(units.departments)])
    start_n = idx * len(n_units) // n_comm
    n_pick = {n_units[(start_n + k) % len(n_units)] for k in range(rng.randint(2, 3))}
    n_pick.add(units.property_companies[idx % len(units.property_companies)])
    since = date(2021, 1, 1) + timedelta(days=rng.randint(0, 540))
    return [
        records.Member(unit_id=u, seat=seat_for(units.kind_of[u]), since=since)
        for u in sorted(x_pick) + sorted(n_pick)
    ]


# ---------------------------------------------------------------- grids and compounds


def _grids(rng: random.Random, plan: Plan) -> tuple[list[records.Grid], dict[str, list[str]]]:
    """The grids of every community, with the grid workers spread over them; and grid ids by community."""
    n_comm = plan.community_count
    grid_counts = spread(scaled("grids", n_comm), n_comm)
    workers = iter(spread(scaled("grid_workers", n_comm), sum(grid_counts)))
    grids: list[records.Grid] = []
    grids_of: dict[str, list[str]] = {}
    for (_, c), count in zip(_pairs(plan), grid_counts, strict=True):
        grids_of[c.id] = []
        for g in range(count):
            gid = f"{c.id}-g{g + 1:02d}"
            grids.append(
                records.Grid(
                    id=gid,
                    name=f"{c.name}第{g + 1}网格",
                    source=c.source if c.source != "article" else "illustrative",
                    community_id=c.id,
                    households=rng.randint(300, 500),
                    grid_workers=next(workers),
                )
            )
            grids_of[c.id].append(gid)
    return grids, grids_of


def _compounds(
    rng: random.Random,
    cat: catalog.Catalog,
    plan: Plan,
    grids: list[records.Grid],
    grids_of: dict[str, list[str]],
    units: _Units,
) -> list[records.Compound]:
    """The plan's named compounds (in their community's first grid), then generated ones over the grids."""
    compounds = [
        records.Compound.model_validate(
            {k: v for k, v in nc.items() if k != "community_id"}
            | {"grid_id": grids_of[str(nc["community_id"])][0]}
        )
        for nc in plan.named_compounds
    ]
    n_comm = plan.community_count
    party_orgs = scaled("compound_party_orgs", n_comm) - sum(1 for cp in compounds if cp.has_party_branch)
    all_grids = [g.id for g in grids]
    names_used = {cp.name for cp in compounds}
    for i in range(scaled("compounds", n_comm) - len(compounds)):
        name = _compound_name(rng, cat, names_used, i)
        names_used.add(name)
        kind = rng.choices(list(CompoundKind), weights=(5, 2, 3, 2))[0]
        compounds.append(
            records.Compound(
                id=f"compound-{i + 1:05d}",
                name=name,
                source=plan.source,
                grid_id=all_grids[(i * 7) % len(all_grids)],
                kind=kind,
                households=rng.randint(150, 900),
                has_party_branch=i < party_orgs,
                property_company_id=None
                if kind is CompoundKind.NO_PROPERTY
                else rng.choice(units.property_companies),
            )
        )
    return compounds


def _compound_name(rng: random.Random, cat: catalog.Catalog, names_used: set[str], i: int) -> str:
    """A prefix and a word not used yet; numbered once the combinations run out."""
    name = ""
    while not name or name in names_used:
        name = rng.choice(cat.compound_prefixes) + rng.choice(cat.compound_words)
        if len(names_used) > len(cat.compound_prefixes) * len(cat.compound_words) - 5:
            name = f"{name}{i + 1}"
    return name


def _compound_names_by_community(
    grids: list[records.Grid], compounds: list[records.Compound]
) -> dict[str, list[str]]:
    community_of_grid = {g.id: g.community_id for g in grids}
    names: dict[str, list[str]] = {}
    for cp in compounds:
        names.setdefault(community_of_grid[cp.grid_id], []).append(cp.name)
    return names


# ---------------------------------------------------------------- resources (the resources library)


def _resources(rng: random.Random, cat: catalog.Catalog, plan: Plan, units: _Units) -> list[records.Resource]:
    """Resources offered by the units in turn, each from a template its kind of unit can offer."""
    unit_names = {u.id: u.name for u in units.all_units}
    offering_units = units.x_units + units.n_units + units.property_companies + units.departments
    resources: list[records.Resource] = []
    for i in range(scaled("resources", plan.community_count)):
        unit_id = offering_units[i % len(offering_units)]
        templates = cat.resources_for(units.kind_of[unit_id])
        rt = templates[(i * 5 + i // len(offering_units)) % len(templates)]
        area = rng.choices(list(ServiceArea), weights=(4, 3, 3))[0]
        opens = date(2026, 1, 1) + timedelta(days=rng.randint(0, 300))
        resources.append(
            records.Resource(
                id=f"res-{i + 1:05d}",
                unit_id=unit_id,
                title=rt.title.format(u=unit_names[unit_id]),
                description=rt.description.format(u=unit_names[unit_id]),
                support_type=rt.support_type,
                domains=list(rt.domains),
                populations=list(rt.populations),
                capacity=rng.randint(*rt.capacity),
                capacity_unit=rt.unit,
                available_from=opens,
                available_until=opens + timedelta(days=rng.randint(240, 720)),
                service_area=area,
                source=plan.source,
            )
        )
    return resources


# ---------------------------------------------------------------- needs (the needs library)

# How often each status is drawn for a generated need (out of 26).
NEED_STATUS_WEIGHTS: dict[NeedStatus, int] = {
    NeedStatus.COLLECTED: 2,
    NeedStatus.PROPOSED: 2,
    NeedStatus.DELIBERATED: 2,
    NeedStatus.RESOLVED: 3,
    NeedStatus.PUBLISHED: 8,
    NeedStatus.CLAIMED: 2,
    NeedStatus.IN_PROGRESS: 2,
    NeedStatus.DONE: 2,
    NeedStatus.RATED: 2,
    NeedStatus.REJECTED: 1,
}
_NEED_STATUSES = tuple(status for status, weight in NEED_STATUS_WEIGHTS.items() for _ in range(weight))


def _needs(
    rng: random.Random, cat: catalog.Catalog, plan: Plan, compounds_of: dict[str, list[str]]
) -> list[records.Need]:
    """NEEDS_PER_COMMUNITY needs per community, each about one of its compounds (or itself if it has none)."""
    needs: list[records.Need] = []
    for ci, (_, c) in enumerate(_pairs(plan)):
        for k in range(NEEDS_PER_COMMUNITY):
            nt = cat.needs[(ci * NEEDS_PER_COMMUNITY + k * 3) % len(cat.needs)]
            compound = rng.choice(compounds_of.get(c.id) or [c.name])
            needed_by = TODAY + timedelta(days=rng.randint(-20, 210))
            needs.append(
                records.Need(
                    id=f"need-{ci * NEEDS_PER_COMMUNITY + k + 1:06d}",
                    community_id=c.id,
                    title=nt.title.format(c=c.name, p=compound),
                    description=nt.description.format(c=c.name, p=compound),
                    support_types=list(nt.support_types),
                    domain=nt.domain,
                    populations=list(nt.populations),
                    quantity=rng.randint(*nt.quantity),
                    quantity_unit=nt.unit,
                    needed_by=needed_by,
                    urgency=rng.choices(list(Urgency), weights=(2, 5, 2, 1))[0],
                    status=rng.choice(_NEED_STATUSES),
                    source=plan.source,
                )
            )
    return needs


# ---------------------------------------------------------------- joint meetings


def _meetings(cat: catalog.Catalog, plan: Plan) -> list[records.Meeting]:
    """The joint meetings, round the committees in turn, spread over 1,700 days from 2021-03-15."""
    n_comm = plan.community_count
    pairs = _pairs(plan)
    solved = spread(scaled("problems_solved", n_comm), scaled("meetings", n_comm))
    return [
        records.Meeting(
            id=f"meeting-{i + 1:05d}",
            committee_id=f"{pairs[i % n_comm][1].id}-committee",
            held_on=date(2021, 3, 15) + timedelta(days=(i * 1700 // max(1, len(solved))) % 1700),
            topic=cat.meeting_topics[i % len(cat.meeting_topics)],
            problems_solved=n_solved,
            source=plan.source,
        )
        for i, n_solved in enumerate(solved)
    ]


# ---------------------------------------------------------------- tasks (the four lists) for taken needs

TASK_STATUS_OF_NEED: dict[NeedStatus, TaskStatus] = {
    NeedStatus.CLAIMED: TaskStatus.PLANNED,
    NeedStatus.IN_PROGRESS: TaskStatus.IN_PROGRESS,
    NeedStatus.DONE: TaskStatus.DONE,
    NeedStatus.RATED: TaskStatus.DONE,
}


def _tasks(
    rng: random.Random,
    plan: Plan,
    needs: list[records.Need],
    resources: list[records.Resource],
    members_of: dict[str, list[str]],
    meetings: list[records.Meeting],
) -> list[records.Task]:
    """A task for every taken need (claimed or later) that some resource of the right type can meet."""
    by_type: dict[SupportType, list[records.Resource]] = {}
    by_unit_type: dict[tuple[str, SupportType], list[records.Resource]] = {}
    for r in resources:
        by_type.setdefault(r.support_type, []).append(r)
        by_unit_type.setdefault((r.unit_id, r.support_type), []).append(r)
    meetings_of: dict[str, list[str]] = {}
    for m in meetings:
        meetings_of.setdefault(m.committee_id, []).append(m.id)
    tasks: list[records.Task] = []
    for need in needs:
        if need.status not in TASK_STATUS_OF_NEED:
            continue
        res = _resource_for(rng, need, members_of[need.community_id], by_type, by_unit_type)
        if res is None:
            continue
        mids = meetings_of.get(f"{need.community_id}-committee", [])
        tasks.append(
            records.Task(
                id=f"task-{len(tasks) + 1:06d}",
                title=need.title,
                need_id=need.id,
                resource_id=res.id,
                responsible_unit_id=res.unit_id,
                meeting_id=mids[0] if mids else None,
                standard=f"按居民满意、台账齐全的标准完成:{need.quantity:g}{need.quantity_unit}",
                deadline=need.needed_by,
                status=TASK_STATUS_OF_NEED[need.status],
                quantity=min(need.quantity, max(1.0, res.capacity)),
                rating=rng.randint(3, 5) if need.status is NeedStatus.RATED else None,
                created_at=_accepted_at(need),
                source=plan.source,
            )
        )
    return tasks


def _accepted_at(need: records.Need) -> datetime:
    """When the match was accepted: within the half year before the seed's TODAY and at least a week
    before the deadline, at 9:00 Beijing time; fixed by the need's id (not drawn from the generator's
    random stream, so adding it changed nothing else in a generated city)."""
    spread = zlib.crc32(need.id.encode()) % 180
    day = min(TODAY - timedelta(days=spread), need.needed_by - timedelta(days=7))
    return datetime.combine(day, time(9), tzinfo=BEIJING)


def _resource_for(
    rng: random.Random,
    need: records.Need,
    members: list[str],
    by_type: dict[SupportType, list[records.Resource]],
    by_unit_type: dict[tuple[str, SupportType], list[records.Resource]],
) -> records.Resource | None:
    """A resource of a member of the community's own committee if there is one, else any of a right type."""
    local = [r for u in members for st in need.support_types for r in by_unit_type.get((u, st), [])]
    if local:
        return rng.choice(local)
    types = [st for st in need.support_types if by_type.get(st)]
    if not types:
        return None
    return rng.choice(by_type[rng.choice(types)])


def synthetic_plan(communities: int) -> Plan:
    """Numbered streets of about 11-12 communities each, all marked synthetic."""
    n_streets = max(1, round(communities / 11.5))
    sizes = spread(communities, n_streets)
    streets = []
    k = 0
    for s, size in enumerate(sizes, 1):
        comms = []
        for _ in range(size):
            k += 1
            comms.append(CommunitySpec(id=f"syn-c{k:05d}", name=f"合成第{k}社区", source="synthetic"))
        streets.append(
            StreetSpec(
                id=f"syn-s{s:04d}", name=f"合成第{s}街道", source="synthetic", communities=tuple(comms)
            )
        )
    city = records.City(
        id="city-synthetic",
        name="合成市",
        source="synthetic",
        area_km2=1770.0 * communities / 23,
        population=round(630000 * communities / 23),
        urban_population=round(200000 * communities / 23),
        urbanization_rate=72.75,
        towns=round(14 * communities / 23),
        streets_count=n_streets,
        high_tech_zones=1,
        villages_and_communities=round(174 * communities / 23),
        urban_communities=communities,
    )
    return Plan(city=city, streets=tuple(streets), source="synthetic")
