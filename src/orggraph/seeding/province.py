"""A synthetic province of many cities (issue #17): the scale at which the matcher reads a need's candidates from
its own city and from the province, not from one city grown a hundredfold.

`synthetic_province(communities, seed)` plans 合成省 (`province-synthetic`): the first city always has 23
communities (Tianchang's size: 1x is one city, and the first city is the same records at every scale), the
others a size drawn log-uniform in [20, 300] from random.Random(seed) until the total is reached (a remainder
under 20 joins the city before it). So 1x is one city, 100x (2,300 communities) about 23 and 1000x about 220.
Seven cities to a prefecture (地级市), their kinds (县级市/市辖区/县) mixed, about 11.5 communities to a street.

Each city is today's generator (`generate.build`) on its own plan, with its own id prefix ("k0002-" for the
second city) that every id of its bundle begins with, the ids the loader derives included (party members,
ratings, reports): no two cities share an id, which would MERGE their records into one. Each city has its own
departments, offices, leaders and unit pool (scaled by its size), seated only in it.

The province's own units (省直单位): a fixed pool of 24, `provincial`, never seated, each with two PROVINCE-wide
resources (全省), whatever the size; they ride in the first city's bundle. The reports (智慧管家) the loader
makes: the first city the article's 4331, the others share what is left of the cap a one-city graph has
(reports.MAX_REPORTS), so that a 100x province is not four tenths reports.

`load_province` loads the cities' bundles in turn (a transaction per batch) and counts the resources library's
words once at the end. The graph has one dispatch table (the API's command centre reads it by category): the
first city's; the other cities' reports are dispatched to their own departments all the same.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from neo4j import AsyncDriver

from orggraph.domain.model import CityKind, ServiceArea, UnitKind
from orggraph.graph import report_seed_cypher
from orggraph.seeding import catalog, records
from orggraph.seeding.generate import DEMO_COMMUNITIES, Plan, build, numbered_streets
from orggraph.seeding.load import Step, load, recount_words, steps
from orggraph.seeding.reports import MAX_REPORTS, REPORTS_AT_1X

PROVINCE = records.Province(id="province-synthetic", name="合成省", source="synthetic")
FIRST_CITY = DEMO_COMMUNITIES  # the first city: Tianchang's 23 communities
CITY_SIZES = (20, 300)  # the others: log-uniform in this range (both included)
CITIES_PER_PREFECTURE = 7
COMMUNITIES_PER_STREET = 11.5
KIND_WEIGHTS = {CityKind.DISTRICT: 3, CityKind.COUNTY_CITY: 2, CityKind.COUNTY: 2}
KIND_SUFFIX = {CityKind.DISTRICT: "区", CityKind.COUNTY_CITY: "市", CityKind.COUNTY: "县"}

# the province's own units (省直单位, illustrative names): a fixed pool, not scaled with the province
PROVINCIAL_UNITS = (
    ("省民政厅", UnitKind.AGENCY), ("省教育厅", UnitKind.AGENCY), ("省卫生健康委员会", UnitKind.AGENCY),
    ("省人力资源和社会保障厅", UnitKind.AGENCY), ("省住房和城乡建设厅", UnitKind.AGENCY),
    ("省文化和旅游厅", UnitKind.AGENCY), ("省司法厅", UnitKind.AGENCY), ("省农业农村厅", UnitKind.AGENCY),
    ("省生态环境厅", UnitKind.AGENCY), ("省交通运输厅", UnitKind.AGENCY), ("省退役军人事务厅", UnitKind.AGENCY),
    ("省总工会", UnitKind.AGENCY), ("省妇女联合会", UnitKind.AGENCY), ("共青团省委", UnitKind.AGENCY),
    ("省科学技术协会", UnitKind.AGENCY), ("省立医院", UnitKind.INSTITUTION), ("省图书馆", UnitKind.INSTITUTION),
    ("省博物馆", UnitKind.INSTITUTION), ("省疾病预防控制中心", UnitKind.INSTITUTION),
    ("省农业科学院", UnitKind.INSTITUTION), ("省广播电视台", UnitKind.INSTITUTION),
    ("省交通控股集团", UnitKind.STATE_ENTERPRISE), ("省能源集团", UnitKind.STATE_ENTERPRISE),
    ("省投资集团", UnitKind.STATE_ENTERPRISE),
)  # fmt: skip
RESOURCES_PER_PROVINCIAL_UNIT = 2


def city_prefix(number: int) -> str:
    """The id prefix of the number-th city (from 1): k0001-, k0002- ..."""
    return f"k{number:04d}-"


def city_sizes(communities: int, seed: int = 7) -> list[int]:
    """The communities of each city: the first 23 (all of them when there are fewer), then log-uniform draws in
    [20, 300], the last cut to what is left; a remainder under 20 joins the city before it."""
    first = min(FIRST_CITY, communities)
    sizes = [first]
    left = communities - first
    rng = random.Random(seed)
    low, high = math.log(CITY_SIZES[0]), math.log(CITY_SIZES[1] + 1)
    while left > 0:
        size = min(left, min(CITY_SIZES[1], int(math.exp(rng.uniform(low, high)))))
        if size < CITY_SIZES[0]:
            sizes[-1] += size
            break
        sizes.append(size)
        left -= size
    return sizes


@dataclass(frozen=True)
class ProvincePlan:
    province: records.Province
    cities: tuple[Plan, ...]
    seeds: tuple[int, ...]  # each city's generator seed
    report_counts: tuple[int | None, ...]  # each city's reports (Bundle.report_count)
    provincial_units: tuple[records.Unit, ...]
    provincial_resources: tuple[records.Resource, ...]
    # lean: the cities after the first are loaded without the records matching and plans never read (红色物业,
    # property ratings, party members, reports: load.steps(governance=False)); the first city is whole
    lean: bool = False

    @property
    def community_count(self) -> int:
        return sum(c.community_count for c in self.cities)

    def bundle(self, index: int) -> records.Bundle:
        """The index-th city's bundle (from 0); the first also carries the province's units and resources."""
        made = build(self.cities[index], seed=self.seeds[index])
        update: dict[str, object] = {"report_count": self.report_counts[index]}
        if index == 0:
            update |= {
                "units": [*made.units, *self.provincial_units],
                "resources": [*made.resources, *self.provincial_resources],
            }
        return made.model_copy(update=update)

    def bundles(self) -> Iterator[records.Bundle]:
        """Every city's bundle in turn, made when asked for (a 1000x province does not fit in memory at once)."""
        return (self.bundle(i) for i in range(len(self.cities)))


def synthetic_province(communities: int, seed: int = 7, *, lean: bool = False) -> ProvincePlan:
    """The plan of 合成省 with `communities` urban communities in all (see the module's docstring); `lean`:
    the cities after the first without the governance records of issue #14 (ProvincePlan.lean)."""
    kinds = random.Random(seed + 1)  # drawn in city order, apart from the sizes: city k's kind is k's alone
    cities = []
    for k, size in enumerate(city_sizes(communities, seed), 1):
        kind = (
            CityKind.COUNTY_CITY
            if k == 1
            else kinds.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
        )
        cities.append(_city_plan(k, size, kind))
    units, resources = _provincial(seed)
    return ProvincePlan(
        province=PROVINCE,
        cities=tuple(cities),
        seeds=tuple(seed + k for k in range(len(cities))),
        report_counts=report_counts([c.community_count for c in cities]),
        provincial_units=tuple(units),
        provincial_resources=tuple(resources),
        lean=lean,
    )


def report_counts(sizes: list[int]) -> tuple[int | None, ...]:
    """The reports of each city: the first city the article's 4331 (its own count, the same at every scale),
    the others what is left of reports.MAX_REPORTS in proportion to their communities (all of their own
    4331 per 23 communities up to 10x): the benchmarks' big provinces are not mostly reports no benchmark reads."""
    first = min(MAX_REPORTS, round(REPORTS_AT_1X * sizes[0] / DEMO_COMMUNITIES))
    rest = sum(sizes[1:])
    left = min(MAX_REPORTS - first, round(REPORTS_AT_1X * rest / DEMO_COMMUNITIES))
    return (None, *(round(left * size / rest) for size in sizes[1:]))


def _city_plan(number: int, communities: int, kind: CityKind) -> Plan:
    """The number-th city: numbered streets of about 11.5 communities, figures scaled from Tianchang's."""
    prefix = city_prefix(number)
    name = f"合成{number}{KIND_SUFFIX[kind]}"
    n_streets = max(1, round(communities / COMMUNITIES_PER_STREET))
    streets = numbered_streets(communities, n_streets, prefix, name)
    share = communities / DEMO_COMMUNITIES
    city = records.City(
        id=f"{prefix}city",
        name=name,
        source="synthetic",
        area_km2=round(1770.0 * share, 1),
        population=round(630000 * share),
        urban_population=round(200000 * share),
        urbanization_rate=72.75,
        towns=round(14 * share),
        streets_count=n_streets,
        high_tech_zones=1,
        villages_and_communities=round(174 * share),
        urban_communities=communities,
        province_id=PROVINCE.id,
        prefecture=f"合成第{(number - 1) // CITIES_PER_PREFECTURE + 1}地级市",
        kind=kind,
    )
    return Plan(city=city, streets=streets, source="synthetic", province=PROVINCE, id_prefix=prefix)


def _provincial(seed: int) -> tuple[list[records.Unit], list[records.Resource]]:
    """The province's units and their PROVINCE-wide resources (from their own random stream)."""
    rng = random.Random(seed * 53 + 17)
    cat = catalog.load()
    units: list[records.Unit] = []
    resources: list[records.Resource] = []
    for i, (name, kind) in enumerate(PROVINCIAL_UNITS, 1):
        unit = records.Unit(
            id=f"province-unit-{i:02d}",
            name=name,
            kind=kind,
            source="synthetic",
            party_members=rng.randint(80, 400),
            provincial=True,
        )
        units.append(unit)
        templates = cat.resources_for(kind)
        for r in range(RESOURCES_PER_PROVINCIAL_UNIT):
            rid = f"province-res-{(i - 1) * RESOURCES_PER_PROVINCIAL_UNIT + r + 1:03d}"
            rt = templates[(i * 3 + r * 7) % len(templates)]
            text = catalog.pick(rt.texts(), rid)
            opens = date(2026, 1, 1) + timedelta(days=rng.randint(0, 300))
            resources.append(
                records.Resource(
                    id=rid,
                    unit_id=unit.id,
                    title=text.title.format(u=name),
                    description=text.description.format(u=name),
                    support_type=rt.support_type,
                    domains=list(rt.domains),
                    populations=list(rt.populations),
                    capacity=rng.randint(*rt.capacity),
                    capacity_unit=rt.unit,
                    available_from=opens,
                    available_until=opens + timedelta(days=rng.randint(240, 720)),
                    service_area=ServiceArea.PROVINCE,
                    source="synthetic",
                )
            )
    return units, resources


# ---------------------------------------------------------------- loading

CityProgress = Callable[
    [int, int, records.City], None
]  # (cities loaded, cities in all, the city just loaded)


async def load_province(
    driver: AsyncDriver,
    database: str,
    plan: ProvincePlan,
    *,
    batch_size: int = 1000,
    progress: CityProgress | None = None,
    spent: dict[str, float] | None = None,
    jobs: int = 1,
) -> dict[str, int]:
    """Load every city of the plan, a transaction per batch (re-running completes a load that failed: every
    write is a MERGE), then count the resources library's words once. Returns the rows written per step,
    summed over the cities. `jobs` cities are loaded at once, each in its own session (no two cities share a
    record but the province, the concepts and the words, whose locks Neo4j orders or retries): on a
    multi-core Neo4j that overlaps one city's writes with another's and with making the next city's rows.
    `spent`, if given, gets the seconds spent making the cities' bundles and rows (`generate_s`, on this
    process's event loop) and the rest of the wall-clock time (`load_s`)."""
    counts: Counter[str] = Counter()
    making = 0.0
    n = len(plan.cities)
    loaded = 0
    order = iter(range(n))  # shared by the jobs: each city is taken once

    async def job() -> None:
        nonlocal making, loaded
        for i in order:
            t0 = time.perf_counter()
            bundle = plan.bundle(i)
            rows = city_steps(bundle, first=i == 0, lean=plan.lean)
            making += time.perf_counter() - t0
            # load() checks the bundle before writing anything
            counts.update(
                await load(driver, database, bundle, batch_size=batch_size, atomic=False, plan=rows)
            )
            loaded += 1
            if progress:
                progress(loaded, n, bundle.city)

    t_start = time.perf_counter()
    # a job that fails stops the others (none writes after the error); its error is raised as one job's
    try:
        async with asyncio.TaskGroup() as group:
            for _ in range(max(1, min(jobs, n))):
                group.create_task(job())
    except ExceptionGroup as failed:
        raise failed.exceptions[0] from None
    await recount_words(driver, database)
    if spent is not None:
        spent |= {"generate_s": making, "load_s": time.perf_counter() - t_start - making}
    return dict(counts)


def city_steps(bundle: records.Bundle, *, first: bool, lean: bool = False) -> list[Step]:
    """A city's load steps in a province: without the word count (done once at the end) and, but for the
    first city, without the dispatch table (one per graph); `lean`, but for the first city, without the
    governance records either."""
    made = steps(bundle, recount=False, governance=first or not lean)
    return [s for s in made if first or s.query != report_seed_cypher.DISPATCH_RULES]
