"""Generate a co-building network of any size with the shape and ratios of Tianchang's.

`build(plan, seed)` is deterministic: the same plan and seed give the same Bundle. The Tianchang demo
(seeds/tianchang/) is this generator run on Tianchang's streets and communities, then written as YAML;
`orggraph seed synth` runs it on numbered names at any scale.

Per 23 communities (the article's figures): 167 grids of 300-500 households, each holding whole
compounds, and 4,841 grid workers; 85 compound party organizations; 98 quarterly joint meetings in the
article's window (2021Q1-2022Q2, at most one per committee a quarter) that solved 223 problems; 10 city
departments on every street working committee; one contact city leader per community, working at the
市委, the 市政府, the 人大 or the 政协. Each street's non-profit property company manages its
no-property compounds (兜底) and, like owners' committees, sits on no big party committee. Needs and
resources follow the demo's ratios.
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
from orggraph.seeding.compounds import PER_23 as RED_PROPERTY
from orggraph.seeding.compounds import red_property
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
# the service areas a city's units offer their resources under (the demo draws from these three; a
# provincial unit's resources are PROVINCE-wide)
LOCAL_AREAS = (ServiceArea.COMMUNITY, ServiceArea.STREET, ServiceArea.CITY)

# The article's window for the joint meetings: 2021年以来 ... written 2022-07-29, so six quarters.
MEETINGS_FROM = date(2021, 1, 1)
MEETING_QUARTERS = 6
# A grid: 300-500 households (常住人口300—500户为单位统一划分); it holds whole compounds.
GRID_HOUSEHOLDS = (300, 500)
# Where the city leaders work (a leader's title says which): (id, name, words in the title, the
# catalog's resource template the office offers).
CITY_OFFICES = (
    ("unit-office-01", "市委", (), "{u}专题党课和理论宣讲"),
    ("unit-office-02", "市人民政府", ("市长",), "{u}政策协调和项目对接"),
    ("unit-office-03", "市人大常委会", ("人大",), "{u}劳动权益普法讲座"),
    ("unit-office-04", "市政协", ("政协",), "{u}政策协调和项目对接"),
)
# Where a generated need came from (Need.source), fixed by the need's id.
NEED_ORIGINS = ("居民反映", "网格员上报", "联席会议", "三联办", "驻区单位提出", "智慧管家平台")


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
    province: records.Province | None = None  # the province the city belongs to (city.province_id)
    # what every id the generator makes begins with (a city of a synthetic province: "k0002-"); the plan's own
    # street and community ids carry it already
    id_prefix: str = ""

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
    grids, compounds = _compounds(rng, cat, plan, grids, grids_of, units)
    resources = _resources(rng, cat, plan, units)
    needs = _needs(rng, cat, plan, _compound_names_by_community(grids, compounds))
    meetings = _meetings(cat, plan)
    tasks = _tasks(rng, plan, needs, resources, members_of)
    # after everything drawn from `rng`, so that they change nothing else: the city offices' resources
    resources += _office_resources(cat, plan, units, len(resources))
    grids, compounds, red = red_property(plan, seed, grids, compounds, units.all_units)  # issue #14
    return records.Bundle(
        province=plan.province,
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
        red_property=red,
        id_prefix=plan.id_prefix,
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
    offices: list[str]  # 市委, 市人民政府, 市人大常委会, 市政协: where the city leaders work
    non_profit: list[str]  # the streets' non-profit property companies, in the order of the streets

    @property
    def commercial(self) -> list[str]:
        """The property companies that are not a street's non-profit company."""
        return [u for u in self.property_companies if u not in self.non_profit]


def _units(rng: random.Random, cat: catalog.Catalog, plan: Plan) -> _Units:
    """The city departments, then the other X units, the N units and the property companies; then
    the four city offices (no draw from `rng`: adding them changed nothing else).

    A property company whose catalog name says 非营利 is a street's non-profit company (兜底); the
    k-th of them belongs to the k-th street and is named after it.
    """
    n_comm = plan.community_count
    p = plan.id_prefix
    departments = [
        records.Unit(
            id=f"{p}unit-dept-{i:02d}",
            name=name,
            kind=UnitKind.AGENCY,
            source=plan.source,
            party_members=rng.randint(20, 80),
        )
        for i, name in enumerate(cat.city_departments, 1)
    ]
    x_units = _pool_units(rng, plan.source, f"{p}unit-x", cat.other_x_units, scaled("other_x_units", n_comm))
    n_units = _pool_units(rng, plan.source, f"{p}unit-n", cat.n_units, scaled("n_units", n_comm))
    pm_pool = tuple(catalog.NamedUnit(name=n, kind=UnitKind.PROPERTY_COMPANY) for n in cat.property_companies)
    pm_count = max(1, scaled("property_companies", n_comm))
    property_companies = _pool_units(rng, plan.source, f"{p}unit-pm", pm_pool, pm_count)
    non_profit: list[str] = []
    for i, u in enumerate(property_companies):
        if "非营利" in pm_pool[i % len(pm_pool)].name:
            k = len(non_profit)
            name = f"{plan.streets[k].name}红色物业服务公司(非营利)" if k < len(plan.streets) else u.name
            property_companies[i] = u.model_copy(update={"name": name, "non_profit": True})
            non_profit.append(u.id)
    offices = [
        records.Unit(id=f"{p}{uid}", name=name, kind=UnitKind.AGENCY, source=plan.source, party_members=60)
        for uid, name, _, _ in CITY_OFFICES
    ]
    made = departments + x_units + n_units + property_companies + offices
    return _Units(
        all_units=made,
        departments=[u.id for u in departments],
        x_units=[u.id for u in x_units],
        n_units=[u.id for u in n_units],
        property_companies=[u.id for u in property_companies],
        kind_of={u.id: u.kind for u in made},
        offices=[u.id for u in offices],
        non_profit=non_profit,
    )


def office_of(title: str) -> str:
    """The city office a leader with this title works at: 副市长 at the 市政府, 人大 and 政协 leaders at
    theirs, the other 市委常委 at the 市委."""
    for uid, _, words, _ in CITY_OFFICES[1:]:
        if any(w in title for w in words):
            return uid
    return CITY_OFFICES[0][0]


def _pool_units(
    rng: random.Random, src: Source, prefix: str, pool: tuple[catalog.NamedUnit, ...], count: int
) -> list[records.Unit]:
    """`count` units named after the pool in turn; past the pool's end, names get a number: 市财政局(2). Their
    ids: `prefix`-0001 ..."""
    made = []
    for i in range(count):
        template = pool[i % len(pool)]
        name = template.name if i < len(pool) else f"{template.name}({i // len(pool) + 1})"
        made.append(
            records.Unit(
                id=f"{prefix}-{i + 1:04d}",
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
        title = cat.leader_titles[idx % len(cat.leader_titles)]
        leader = records.Leader(
            id=f"{plan.id_prefix}leader-{idx + 1:04d}",
            name=person_name(rng),
            source=_person_source(plan.source),
            title=title,
            unit_id=f"{plan.id_prefix}{office_of(title)}",
            contacts=records.Contact(community_id=c.id, since=date(2021, 3, 1) + timedelta(days=idx * 7)),
        )
        leaders.append(leader)
        members = _members(rng, units, idx, plan.community_count)
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


def _members(rng: random.Random, units: _Units, idx: int, n_comm: int) -> list[records.Member]:
    """The committee of the idx-th community: X units near it in the pool, N units, a property company.

    Two or three X units, plus sometimes a city department. The city offices, where the contact leaders
    work, sit on no committee; neither does a street's non-profit property company (the community whose
    turn it would be has no property company on its committee).
    """
    x_units, n_units = units.x_units, units.n_units
    start = idx * len(x_units) // n_comm
    x_pick = {x_units[(start + k) % len(x_units)] for k in range(rng.randint(2, 3))}
    if rng.random() < 0.4:
        x_pick.add(rng.choice(units.departments))
    if not x_pick:
        x_pick.add(units.departments[idx % len(units.departments)])
    start_n = idx * len(n_units) // n_comm
    n_pick = {n_units[(start_n + k) % len(n_units)] for k in range(rng.randint(2, 3))}
    property_company = units.property_companies[idx % len(units.property_companies)]
    if property_company not in units.non_profit:
        n_pick.add(property_company)
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
) -> tuple[list[records.Grid], list[records.Compound]]:
    """The plan's named compounds, then generated ones over the communities; and the grids again, each
    raised where needed (never past 500 households) to hold the compounds placed in it.

    A grid holds whole compounds: their households add up to no more than the grid's (the rest of a
    grid is housing outside any compound). A generated compound draws 150-900 as before and is scaled
    to 100-480 households, so that one fits in a grid; the draws are unchanged so that everything drawn
    after them stays the same. A no-property compound is managed (兜底) by its street's non-profit
    property company; any other by a commercial one.
    """
    community_of_grid = {g.id: g.community_id for g in grids}
    street_of_community = {c.id: s.id for s, c in _pairs(plan)}
    non_profit_of_street = {
        s.id: units.non_profit[k % len(units.non_profit)]
        for k, s in enumerate(plan.streets)
        if units.non_profit
    }
    commercial = units.commercial
    # (compound, the grid it would go to)
    drafts: list[tuple[records.Compound, str]] = []
    for nc in plan.named_compounds:
        cid = str(nc["community_id"])
        fields = {k: v for k, v in nc.items() if k != "community_id"}
        drafts.append(
            (records.Compound.model_validate(fields | {"grid_id": grids_of[cid][0]}), grids_of[cid][0])
        )
    n_comm = plan.community_count
    # the compounds with a core party branch (小区党支部); the wings make the 85 organisations (seeding/compounds.py)
    core = round(RED_PROPERTY["core_branches"] * n_comm / DEMO_COMMUNITIES)
    party_orgs = core - sum(1 for cp, _ in drafts if cp.has_party_branch)
    all_grids = [g.id for g in grids]
    names_used = {cp.name for cp, _ in drafts}
    for i in range(scaled("compounds", n_comm) - len(drafts)):
        name = _compound_name(rng, cat, names_used, i)
        names_used.add(name)
        kind = rng.choices(list(CompoundKind), weights=(5, 2, 3, 2))[0]
        drawn = rng.randint(150, 900)
        grid_id = all_grids[(i * 7) % len(all_grids)]
        if kind is CompoundKind.NO_PROPERTY:
            manager = non_profit_of_street.get(street_of_community[community_of_grid[grid_id]])
        else:
            manager = rng.choice(units.property_companies)
            if manager in units.non_profit:
                manager = commercial[i % len(commercial)] if commercial else None
        compound = records.Compound(
            id=f"{plan.id_prefix}compound-{i + 1:05d}",
            name=name,
            source=plan.source,
            grid_id=grid_id,
            kind=kind,
            households=100 + (drawn - 150) * 380 // 750,
            has_party_branch=i < party_orgs,
            property_company_id=manager,
        )
        drafts.append((compound, grid_id))
    return _placed(grids, grids_of, community_of_grid, drafts)


def _placed(
    grids: list[records.Grid],
    grids_of: dict[str, list[str]],
    community_of_grid: dict[str, str],
    drafts: list[tuple[records.Compound, str]],
) -> tuple[list[records.Grid], list[records.Compound]]:
    """Each compound in the grid it was meant for if the grid can still hold it (500 households at
    most), else in the grid of the same community with the most room, else (no grid of the community has room:
    a few cities of a synthetic province) in the grid of the city with the most room; each grid then raised to
    the households of its compounds where they are more than it drew."""
    top = GRID_HOUSEHOLDS[1]
    held = {g.id: 0 for g in grids}
    compounds = []
    for cp, wanted in drafts:
        grid_id = wanted
        if held[wanted] + cp.households > top:
            grid_id = min(grids_of[community_of_grid[wanted]], key=lambda g: (held[g], g))
            if held[grid_id] + cp.households > top:
                grid_id = min(held, key=lambda g: (held[g], g))
            if held[grid_id] + cp.households > top:
                raise ValueError(f"no grid can hold compound {cp.id}")
        held[grid_id] += cp.households
        compounds.append(cp.model_copy(update={"grid_id": grid_id}))
    raised = [g.model_copy(update={"households": max(g.households, held[g.id])}) for g in grids]
    return raised, compounds


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
        area = rng.choices(LOCAL_AREAS, weights=(4, 3, 3))[0]
        opens = date(2026, 1, 1) + timedelta(days=rng.randint(0, 300))
        text = catalog.pick(rt.texts(), f"res-{i + 1:05d}")
        resources.append(
            records.Resource(
                id=f"{plan.id_prefix}res-{i + 1:05d}",
                unit_id=unit_id,
                title=text.title.format(u=unit_names[unit_id]),
                description=text.description.format(u=unit_names[unit_id]),
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

# How often each status is drawn for a generated need (out of 26; the total and the order are kept from the
# six-step days so that every later draw stays the same: registered needs took the three steps before a
# resolution, published ones the resolution and publication).
NEED_STATUS_WEIGHTS: dict[NeedStatus, int] = {
    NeedStatus.COLLECTED: 6,
    NeedStatus.PUBLISHED: 11,
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
            number = ci * NEEDS_PER_COMMUNITY + k + 1
            need_id = f"{plan.id_prefix}need-{number:06d}"
            text = catalog.pick(nt.texts(), f"need-{number:06d}")  # the text the unprefixed id picks
            needs.append(
                records.Need(
                    id=need_id,
                    community_id=c.id,
                    title=text.title.format(c=c.name, p=compound),
                    description=text.description.format(c=c.name, p=compound),
                    support_types=list(nt.support_types),
                    domain=nt.domain,
                    populations=list(nt.populations),
                    quantity=rng.randint(*nt.quantity),
                    quantity_unit=nt.unit,
                    needed_by=needed_by,
                    urgency=rng.choices(list(Urgency), weights=(2, 5, 2, 1))[0],
                    status=rng.choice(_NEED_STATUSES),
                    origin=_origin(ci * NEEDS_PER_COMMUNITY + k + 1),
                    source=plan.source,
                )
            )
    return needs


def _origin(number: int) -> str:
    """Where the number-th need came from; fixed by its number, not drawn (adding it changed nothing)."""
    return NEED_ORIGINS[zlib.crc32(f"need-{number:06d}".encode()) % len(NEED_ORIGINS)]


# ---------------------------------------------------------------- joint meetings


def quarter_start(q: int) -> date:
    """The first day of the q-th quarter of the meetings' window (0: 2021Q1)."""
    months = MEETINGS_FROM.month - 1 + 3 * q
    return date(MEETINGS_FROM.year + months // 12, months % 12 + 1, 1)


def _meetings(cat: catalog.Catalog, plan: Plan) -> list[records.Meeting]:
    """The quarterly joint meetings (联合党委季度联席会议) of the article's window, 2021Q1-2022Q2.

    The meetings are spread over the committees (98 over 23: 6 committees met 5 times, 17 met 4 times),
    each at most once a quarter; a committee that met k times missed 6 - k quarters, which differ from
    one committee to the next. Numbered in date order; the problems solved are spread over them in
    that order (223 over 98: the first 27 solved 3, the others 2).
    """
    n_comm = plan.community_count
    pairs = _pairs(plan)
    per_committee = spread(scaled("meetings", n_comm), n_comm)
    if per_committee and per_committee[0] > MEETING_QUARTERS:
        raise ValueError(f"{per_committee[0]} meetings do not fit in {MEETING_QUARTERS} quarters")
    held: list[tuple[date, int]] = []
    for j, count in enumerate(per_committee):
        missed = {(j + m * 3 + m // 2) % MEETING_QUARTERS for m in range(MEETING_QUARTERS - count)}
        for q in range(MEETING_QUARTERS):
            if q not in missed:
                held.append((quarter_start(q) + timedelta(days=9 + (j * 7 + q * 5) % 70), j))
    held.sort()
    solved = spread(scaled("problems_solved", n_comm), len(held))
    return [
        records.Meeting(
            id=f"{plan.id_prefix}meeting-{i + 1:05d}",
            committee_id=f"{pairs[j][1].id}-committee",
            held_on=day,
            topic=cat.meeting_topics[i % len(cat.meeting_topics)],
            problems_solved=n_solved,
            source=plan.source,
        )
        for i, ((day, j), n_solved) in enumerate(zip(held, solved, strict=True))
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
) -> list[records.Task]:
    """A task for every taken need (claimed or later) that some resource of the right type can meet.

    The tasks were made from accepted matches in the half year before TODAY: no joint meeting of the
    article's window (2021-2022) decided them, so none has a meeting.
    """
    by_type: dict[SupportType, list[records.Resource]] = {}
    by_unit_type: dict[tuple[str, SupportType], list[records.Resource]] = {}
    for r in resources:
        by_type.setdefault(r.support_type, []).append(r)
        by_unit_type.setdefault((r.unit_id, r.support_type), []).append(r)
    tasks: list[records.Task] = []
    for need in needs:
        if need.status not in TASK_STATUS_OF_NEED:
            continue
        res = _resource_for(rng, need, members_of[need.community_id], by_type, by_unit_type)
        if res is None:
            continue
        tasks.append(
            records.Task(
                id=f"{plan.id_prefix}task-{len(tasks) + 1:06d}",
                title=need.title,
                need_id=need.id,
                resource_id=res.id,
                responsible_unit_id=res.unit_id,
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


def _office_resources(
    cat: catalog.Catalog, plan: Plan, units: _Units, already: int
) -> list[records.Resource]:
    """One resource of each city office (its catalog template, or the first an agency can offer),
    numbered after the others; nothing drawn, fixed values."""
    unit_names = {u.id: u.name for u in units.all_units}
    templates = {t.title: t for t in cat.resources_for(UnitKind.AGENCY)}
    made = []
    for k, (unit_id, (_, _, _, title)) in enumerate(zip(units.offices, CITY_OFFICES, strict=True)):
        rt = templates.get(title) or cat.resources_for(UnitKind.AGENCY)[0]
        text = catalog.pick(rt.texts(), f"res-{already + k + 1:05d}")
        made.append(
            records.Resource(
                id=f"{plan.id_prefix}res-{already + k + 1:05d}",
                unit_id=unit_id,
                title=text.title.format(u=unit_names[unit_id]),
                description=text.description.format(u=unit_names[unit_id]),
                support_type=rt.support_type,
                domains=list(rt.domains),
                populations=list(rt.populations),
                capacity=rt.capacity[1],
                capacity_unit=rt.unit,
                available_from=date(2026, 1, 1),
                available_until=date(2027, 12, 31),
                service_area=ServiceArea.CITY,
                source=plan.source,
            )
        )
    return made


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


def numbered_streets(communities: int, n_streets: int, id_prefix: str, name: str) -> tuple[StreetSpec, ...]:
    """`communities` numbered communities in `n_streets` numbered streets (sizes by `spread`), all synthetic:
    ids `{id_prefix}c00001` and `{id_prefix}s0001`, names `{name}第1社区` and `{name}第1街道`."""
    streets = []
    k = 0
    for s, size in enumerate(spread(communities, n_streets), 1):
        comms = []
        for _ in range(size):
            k += 1
            comms.append(
                CommunitySpec(id=f"{id_prefix}c{k:05d}", name=f"{name}第{k}社区", source="synthetic")
            )
        streets.append(
            StreetSpec(
                id=f"{id_prefix}s{s:04d}",
                name=f"{name}第{s}街道",
                source="synthetic",
                communities=tuple(comms),
            )
        )
    return tuple(streets)


def synthetic_plan(communities: int) -> Plan:
    """Numbered streets of about 11-12 communities each, all marked synthetic."""
    n_streets = max(1, round(communities / 11.5))
    streets = numbered_streets(communities, n_streets, "syn-", "合成")
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
    return Plan(city=city, streets=streets, source="synthetic")
