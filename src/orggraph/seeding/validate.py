"""Validate a seed before anything is written: references, unique ids, 1+1+X+N (no owners' committee
nor street non-profit property company seated), contact points, grids that hold their compounds,
no-property compounds managed by the non-profit companies (兜底), at most one joint meeting a quarter.

Each problem names the file, the record and what is wrong, so that whoever edits the YAML can fix it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from orggraph.domain.model import CompoundKind, Seat, UnitKind, seat_for
from orggraph.seeding.compounds import problems as red_property_problems
from orggraph.seeding.records import FILES, Bundle


@dataclass(frozen=True)
class Problem:
    file: str
    record: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.problem}"


class SeedError(ValueError):
    """A seed that must not be loaded. Nothing has been written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(
            f"the seed was refused ({len(problems)} problem(s)); nothing was written:\n{shown}{more}"
        )


def file_of(part: str) -> str:
    for file, parts in FILES.items():
        if part in parts:
            return file
    return f"{part}.yaml"


def _label(record_id: str, name: str | None = None) -> str:
    return f"{record_id} ({name})" if name else record_id


def validate(bundle: Bundle) -> list[Problem]:
    """Every problem of the bundle; empty when it may be loaded."""
    problems: list[Problem] = []

    def add(part: str, record: str, problem: str) -> None:
        problems.append(Problem(file_of(part), record, problem))

    # --- every id is unique across the whole seed (ids are unique per label in the graph, and
    #     one id space keeps references unambiguous)
    seen: dict[str, str] = {}
    everything: list[tuple[str, str]] = [("city", bundle.city.id)]
    everything += [("province", bundle.province.id)] if bundle.province else []
    everything += [("streets", s.id) for s in bundle.streets]
    everything += [("streetCommittees", s.id) for s in bundle.street_committees]
    everything += [("units", u.id) for u in bundle.units]
    everything += [("leaders", x.id) for x in bundle.leaders]
    for c in bundle.communities:
        everything += [("communities", c.id), ("communities", c.committee.id)]
        everything.append(("communities", c.committee.secretary.id))
    everything += [("grids", g.id) for g in bundle.grids]
    everything += [("compounds", g.id) for g in bundle.compounds]
    everything += [("needs", n.id) for n in bundle.needs]
    everything += [("resources", r.id) for r in bundle.resources]
    everything += [("meetings", m.id) for m in bundle.meetings]
    everything += [("tasks", t.id) for t in bundle.tasks]
    for part, record_id in everything:
        if record_id in seen:
            add(part, record_id, f"duplicate id (already used in {file_of(seen[record_id])})")
        else:
            seen[record_id] = part

    streets = {s.id for s in bundle.streets}
    units = {u.id: u for u in bundle.units}
    leaders = {x.id: x for x in bundle.leaders}
    communities = {c.id: c for c in bundle.communities}
    committees = {c.committee.id: c for c in bundle.communities}
    grids = {g.id for g in bundle.grids}
    needs = {n.id: n for n in bundle.needs}
    resources = {r.id: r for r in bundle.resources}
    meetings = {m.id for m in bundle.meetings}

    def ref(part: str, record: str, what: str, target: str | None, pool: Iterable[str]) -> None:
        if target is not None and target not in pool:
            add(part, record, f"{what} {target!r} does not exist")

    # --- regions: the city lies in the seed's province; a provincial unit (省直单位) needs one
    city = _label(bundle.city.id, bundle.city.name)
    province_ids = {bundle.province.id} if bundle.province else set()
    if bundle.city.province_id is not None:
        ref("city", city, "provinceId", bundle.city.province_id, province_ids)
    elif bundle.province is not None:
        add("city", city, f"provinceId is missing: the seed's province is {bundle.province.id!r}")
    for u in bundle.units:
        if u.provincial and bundle.province is None:
            add("units", _label(u.id, u.name), "a provincial unit needs the seed's province")
    for s in bundle.streets:
        ref("streets", _label(s.id, s.name), "cityId", s.city_id, {bundle.city.id})
    for sc in bundle.street_committees:
        rec = _label(sc.id, sc.name)
        ref("streetCommittees", rec, "streetId", sc.street_id, streets)
        for uid in sc.part_time_members:
            ref("streetCommittees", rec, "part-time member unit", uid, units)
            if uid in units and (units[uid].kind is not UnitKind.AGENCY or units[uid].provincial):
                add("streetCommittees", rec, f"part-time member {uid!r} is not a city department (AGENCY)")
    street_committees = Counter(sc.street_id for sc in bundle.street_committees)
    for sid, n in street_committees.items():
        if n > 1:
            add("streetCommittees", sid, f"street has {n} working committees; it must have one")

    # --- contact points: every leader contacts exactly one community (the schema gives one),
    #     every community is contacted by exactly one leader, who is its first secretary
    contacted_by: dict[str, list[str]] = defaultdict(list)
    for x in bundle.leaders:
        rec = _label(x.id, x.name)
        ref("leaders", rec, "contacts.communityId", x.contacts.community_id, communities)
        ref("leaders", rec, "unitId", x.unit_id, units)
        contacted_by[x.contacts.community_id].append(x.id)

    for c in bundle.communities:
        rec = _label(c.id, c.name)
        ref("communities", rec, "streetId", c.street_id, streets)
        cm = c.committee
        leads = contacted_by.get(c.id, [])
        if len(leads) != 1:
            add(
                "communities",
                rec,
                f"must be contacted by exactly one city leader, found {len(leads)}: {leads}",
            )
        if cm.first_secretary_id not in leaders:
            add(
                "communities", rec, f"1+1+X+N: first secretary {cm.first_secretary_id!r} is not a city leader"
            )
        elif leaders[cm.first_secretary_id].contacts.community_id != c.id:
            add(
                "communities",
                rec,
                f"1+1+X+N: first secretary {cm.first_secretary_id!r} must be the city leader who contacts "
                f"this community, but contacts {leaders[cm.first_secretary_id].contacts.community_id!r}",
            )
        seats: Counter[Seat] = Counter()
        member_ids: Counter[str] = Counter()
        for m in cm.members:
            member_ids[m.unit_id] += 1
            if m.unit_id not in units:
                add("communities", rec, f"committee member unit {m.unit_id!r} does not exist")
                continue
            unit = units[m.unit_id]
            if unit.kind is UnitKind.OWNERS_COMMITTEE or unit.non_profit or unit.provincial:
                what = (
                    "an owners' committee"
                    if unit.kind is UnitKind.OWNERS_COMMITTEE
                    else "a provincial unit"
                    if unit.provincial
                    else "a street's non-profit property company"
                )
                add("communities", rec, f"unit {m.unit_id!r} is {what}: it sits on no big party committee")
            expected = seat_for(units[m.unit_id].kind)
            if m.seat is not expected:
                add(
                    "communities",
                    rec,
                    f"1+1+X+N: unit {m.unit_id!r} is {units[m.unit_id].kind.value} and takes seat "
                    f"{expected.value}, not {m.seat.value}",
                )
            seats[m.seat] += 1
        for uid, n in member_ids.items():
            if n > 1:
                add("communities", rec, f"unit {uid!r} sits on the committee {n} times")
        for seat in Seat:
            if seats[seat] == 0:
                add("communities", rec, f"1+1+X+N: the committee has no {seat.value} member")

    for g in bundle.grids:
        ref("grids", _label(g.id, g.name), "communityId", g.community_id, communities)
    held: Counter[str] = Counter()
    for cp in bundle.compounds:
        rec = _label(cp.id, cp.name)
        ref("compounds", rec, "gridId", cp.grid_id, grids)
        ref("compounds", rec, "propertyCompanyId", cp.property_company_id, units)
        held[cp.grid_id] += cp.households
        manager = units.get(cp.property_company_id or "")
        if manager is not None and bool(manager.non_profit) != (cp.kind is CompoundKind.NO_PROPERTY):
            add(
                "compounds",
                rec,
                "a street's non-profit property company manages the no-property compounds (兜底) only, "
                f"and a no-property compound no other company: {cp.property_company_id!r} is "
                + ("non-profit" if manager.non_profit else "not non-profit"),
            )
    for g in bundle.grids:
        if held[g.id] > g.households:
            add(
                "grids",
                _label(g.id, g.name),
                f"its compounds have {held[g.id]} households, more than the grid's {g.households}: "
                "a grid holds whole compounds",
            )
    for need in bundle.needs:
        ref("needs", need.id, "communityId", need.community_id, communities)
    for r in bundle.resources:
        ref("resources", r.id, "unitId", r.unit_id, units)
        if r.available_until < r.available_from:
            add("resources", r.id, "availableUntil is before availableFrom")
    quarters: Counter[tuple[str, int, int]] = Counter()
    for meeting in bundle.meetings:
        ref("meetings", meeting.id, "committeeId", meeting.committee_id, committees)
        quarter = (meeting.committee_id, meeting.held_on.year, (meeting.held_on.month - 1) // 3 + 1)
        quarters[quarter] += 1
        if quarters[quarter] == 2:
            add(
                "meetings",
                meeting.id,
                f"{meeting.committee_id} meets quarterly (季度联席会议): a second meeting in "
                f"{quarter[1]}Q{quarter[2]}",
            )
    for t in bundle.tasks:
        ref("tasks", t.id, "needId", t.need_id, needs)
        ref("tasks", t.id, "resourceId", t.resource_id, resources)
        ref("tasks", t.id, "responsibleUnitId", t.responsible_unit_id, units)
        ref("tasks", t.id, "meetingId", t.meeting_id, meetings)
        if (
            t.resource_id in resources
            and t.need_id in needs
            and resources[t.resource_id].support_type not in needs[t.need_id].support_types
        ):
            add("tasks", t.id, "the resource's support type is not one the need asks for")
    for record, problem in red_property_problems(bundle):  # compounds and 红色物业 (issue #14)
        add("redProperty", record, problem)
    return problems


def check(bundle: Bundle) -> None:
    problems = validate(bundle)
    if problems:
        raise SeedError(problems)
