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
from dataclasses import dataclass, field
from datetime import date, timedelta

from orggraph.domain.model import (
    CompoundKind,
    NeedStatus,
    ServiceArea,
    TaskStatus,
    UnitKind,
    Urgency,
    seat_for,
)
from orggraph.seeding import catalog, records
from orggraph.seeding.records import Source

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
    rng = random.Random(seed)
    cat = catalog.load()
    src = plan.source
    n_comm = plan.community_count
    communities = [(s, c) for s in plan.streets for c in s.communities]

    # ---------------------------------------------------------------- units
    units: list[records.Unit] = []
    departments: list[str] = []
    for i, name in enumerate(cat.city_departments, 1):
        uid = f"unit-dept-{i:02d}"
        units.append(
            records.Unit(
                id=uid, name=name, kind=UnitKind.AGENCY, source=src, party_members=rng.randint(20, 80)
            )
        )
        departments.append(uid)

    def make_units(prefix: str, pool: tuple[catalog.NamedUnit, ...], count: int) -> list[str]:
        ids = []
        for i in range(count):
            name, kind = pool[i % len(pool)].name, pool[i % len(pool)].kind
            if i >= len(pool):
                name = f"{name}({i // len(pool) + 1})"
            uid = f"unit-{prefix}-{i + 1:04d}"
            units.append(
                records.Unit(id=uid, name=name, kind=kind, source=src, party_members=rng.randint(3, 60))
            )
            ids.append(uid)
        return ids

    x_units = make_units("x", cat.other_x_units, scaled("other_x_units", n_comm))
    n_units = make_units("n", cat.n_units, scaled("n_units", n_comm))
    pm_pool = tuple(catalog.NamedUnit(name=n, kind=UnitKind.PROPERTY_COMPANY) for n in cat.property_companies)
    property_companies = make_units("pm", pm_pool, max(1, scaled("property_companies", n_comm)))
    kind_of = {u.id: u.kind for u in units}

    # ---------------------------------------------------------------- streets and their committees
    streets = [
        records.Street(id=s.id, name=s.name, source=s.source, city_id=plan.city.id) for s in plan.streets
    ]
    street_committees = [
        records.StreetCommittee(
            id=f"{s.id}-swc",
            name=f"{s.name}大工委",
            source=s.source,
            street_id=s.id,
            part_time_members=departments,
        )
        for s in plan.streets
    ]

    # ---------------------------------------------------------------- leaders, committees, communities
    leaders: list[records.Leader] = []
    community_records: list[records.Community] = []
    members_of: dict[str, list[str]] = {}
    for idx, (street, c) in enumerate(communities):
        leader_id = f"leader-{idx + 1:04d}"
        own_unit = x_units[idx % len(x_units)] if idx % 2 == 0 else None
        leaders.append(
            records.Leader(
                id=leader_id,
                name=person_name(rng),
                source="illustrative" if src != "synthetic" else src,
                title=cat.leader_titles[idx % len(cat.leader_titles)],
                unit_id=own_unit,
                contacts=records.Contact(community_id=c.id, since=date(2021, 3, 1) + timedelta(days=idx * 7)),
            )
        )
        # X: two or three units near this community in the pool, plus sometimes a city department;
        # the contact leader's own unit is not made a member, so that locality has its middle rung.
        start = idx * len(x_units) // n_comm
        x_pick = {x_units[(start + k) % len(x_units)] for k in range(rng.randint(2, 3))}
        x_pick.discard(own_unit or "")
        if rng.random() < 0.4:
            x_pick.add(rng.choice(departments))
        if not x_pick:
            x_pick.add(departments[idx % len(departments)])
        start_n = idx * len(n_units) // n_comm
        n_pick = {n_units[(start_n + k) % len(n_units)] for k in range(rng.randint(2, 3))}
        n_pick.add(property_companies[idx % len(property_companies)])
        since = date(2021, 1, 1) + timedelta(days=rng.randint(0, 540))
        members = [
            records.Member(unit_id=u, seat=seat_for(kind_of[u]), since=since)
            for u in sorted(x_pick) + sorted(n_pick)
        ]
        members_of[c.id] = [m.unit_id for m in members]
        secretary = records.Secretary(
            id=f"{c.id}-secretary",
            name=person_name(rng),
            source="illustrative" if src != "synthetic" else src,
        )
        community_records.append(
            records.Community(
                id=c.id,
                name=c.name,
                source=c.source,
                street_id=street.id,
                committee=records.Committee(
                    id=f"{c.id}-committee",
                    name=f"{c.name}大党委",
                    source=c.source,
                    secretary=secretary,
                    first_secretary_id=leader_id,
                    members=members,
                ),
            )
        )

    # ---------------------------------------------------------------- grids and compounds
    grids: list[records.Grid] = []
    grid_counts = spread(scaled("grids", n_comm), n_comm)
    workers = spread(scaled("grid_workers", n_comm), sum(grid_counts))
    grids_of: dict[str, list[str]] = {}
    w = 0
    for (_, c), count in zip(communities, grid_counts, strict=True):
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
                    grid_workers=workers[w],
                )
            )
            grids_of[c.id].append(gid)
            w += 1

    compounds: list[records.Compound] = []
    named = list(plan.named_compounds)
    total_compounds = scaled("compounds", n_comm)
    party_orgs = scaled("compound_party_orgs", n_comm)
    party_orgs -= sum(1 for nc in named if nc.get("has_party_branch"))
    for nc in named:
        community_id = str(nc.pop("community_id"))
        compounds.append(records.Compound.model_validate({**nc, "grid_id": grids_of[community_id][0]}))
    all_grids = [g.id for g in grids]
    names_used = {cp.name for cp in compounds}
    for i in range(total_compounds - len(compounds)):
        grid_id = all_grids[(i * 7) % len(all_grids)]
        name = ""
        while not name or name in names_used:
            name = rng.choice(cat.compound_prefixes) + rng.choice(cat.compound_words)
            if len(names_used) > len(cat.compound_prefixes) * len(cat.compound_words) - 5:
                name = f"{name}{i + 1}"
        names_used.add(name)
        kind = rng.choices(list(CompoundKind), weights=(5, 2, 3, 2))[0]
        compounds.append(
            records.Compound(
                id=f"compound-{i + 1:05d}",
                name=name,
                source=src,
                grid_id=grid_id,
                kind=kind,
                households=rng.randint(150, 900),
                has_party_branch=i < party_orgs,
                property_company_id=None
                if kind is CompoundKind.NO_PROPERTY
                else rng.choice(property_companies),
            )
        )
    compounds_of: dict[str, list[str]] = {}
    community_of_grid = {g.id: g.community_id for g in grids}
    for cp in compounds:
        compounds_of.setdefault(community_of_grid[cp.grid_id], []).append(cp.name)

    # ---------------------------------------------------------------- resources (the resources library)
    resources: list[records.Resource] = []
    unit_names = {u.id: u.name for u in units}
    offering_units = x_units + n_units + property_companies + departments
    for i in range(scaled("resources", n_comm)):
        unit_id = offering_units[i % len(offering_units)]
        templates = cat.resources_for(kind_of[unit_id])
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
                source=src,
            )
        )

    # ---------------------------------------------------------------- needs (the needs library)
    needs: list[records.Need] = []
    statuses = (
        [NeedStatus.COLLECTED] * 2 + [NeedStatus.PROPOSED] * 2 + [NeedStatus.DELIBERATED] * 2
        + [NeedStatus.RESOLVED] * 3 + [NeedStatus.PUBLISHED] * 8 + [NeedStatus.CLAIMED] * 2
        + [NeedStatus.IN_PROGRESS] * 2 + [NeedStatus.DONE] * 2 + [NeedStatus.RATED] * 2 + [NeedStatus.REJECTED]
    )  # fmt: skip
    for ci, (_, c) in enumerate(communities):
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
                    status=rng.choice(statuses),
                    source=src,
                )
            )

    # ---------------------------------------------------------------- joint meetings
    meetings: list[records.Meeting] = []
    solved = spread(scaled("problems_solved", n_comm), scaled("meetings", n_comm))
    for i, n_solved in enumerate(solved):
        _, c = communities[i % n_comm]
        meetings.append(
            records.Meeting(
                id=f"meeting-{i + 1:05d}",
                committee_id=f"{c.id}-committee",
                held_on=date(2021, 3, 15) + timedelta(days=(i * 1700 // max(1, len(solved))) % 1700),
                topic=cat.meeting_topics[i % len(cat.meeting_topics)],
                problems_solved=n_solved,
                source=src,
            )
        )
    meetings_of: dict[str, list[str]] = {}
    for m in meetings:
        meetings_of.setdefault(m.committee_id, []).append(m.id)

    # ---------------------------------------------------------------- tasks (the four lists) for taken needs
    by_type: dict[str, list[records.Resource]] = {}
    by_unit_type: dict[tuple[str, str], list[records.Resource]] = {}
    for r in resources:
        by_type.setdefault(r.support_type.value, []).append(r)
        by_unit_type.setdefault((r.unit_id, r.support_type.value), []).append(r)
    task_status = {
        NeedStatus.CLAIMED: TaskStatus.PLANNED, NeedStatus.IN_PROGRESS: TaskStatus.IN_PROGRESS,
        NeedStatus.DONE: TaskStatus.DONE, NeedStatus.RATED: TaskStatus.DONE,
    }  # fmt: skip
    tasks: list[records.Task] = []
    for need in needs:
        if need.status not in task_status:
            continue
        # prefer a resource of a member of the community's own committee, else any of the right type
        local = [
            r for u in members_of[need.community_id] for st in need.support_types
            for r in by_unit_type.get((u, st.value), [])
        ]  # fmt: skip
        types = [st.value for st in need.support_types if by_type.get(st.value)]
        if not local and not types:
            continue
        res = rng.choice(local) if local else rng.choice(by_type[rng.choice(types)])
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
                status=task_status[need.status],
                quantity=min(need.quantity, max(1.0, res.capacity)),
                rating=rng.randint(3, 5) if need.status is NeedStatus.RATED else None,
                source=src,
            )
        )

    return records.Bundle(
        city=plan.city,
        streets=streets,
        street_committees=street_committees,
        units=units,
        leaders=leaders,
        communities=community_records,
        grids=grids,
        compounds=compounds,
        needs=needs,
        resources=resources,
        meetings=meetings,
        tasks=tasks,
    )


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
