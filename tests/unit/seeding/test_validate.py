"""A seed with a problem is refused before anything is written, and the message says where and what."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from orggraph.domain.model import UnitKind
from orggraph.seeding.files import read_folder, write_folder
from orggraph.seeding.records import Bundle, Member
from orggraph.seeding.validate import SeedError, validate

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def demo() -> Bundle:
    return read_folder(ROOT / "seeds" / "tianchang")


def problems_of(bundle: Bundle) -> list[str]:
    return [str(p) for p in validate(bundle)]


def with_community(bundle: Bundle, index: int, **committee_changes: object) -> Bundle:
    c = bundle.communities[index]
    committee = c.committee.model_copy(update=committee_changes)
    communities = list(bundle.communities)
    communities[index] = c.model_copy(update={"committee": committee})
    return bundle.model_copy(update={"communities": communities})


def test_the_demo_seed_has_no_problem(demo: Bundle) -> None:
    assert validate(demo) == []


def test_an_unknown_reference_names_file_record_and_target(demo: Bundle) -> None:
    need = demo.needs[0].model_copy(update={"community_id": "comm-nowhere"})
    bad = demo.model_copy(update={"needs": [need, *demo.needs[1:]]})
    assert problems_of(bad) == [f"needs.yaml: {need.id}: communityId 'comm-nowhere' does not exist"]


def test_a_duplicate_id_is_refused(demo: Bundle) -> None:
    twin = demo.resources[1].model_copy(update={"id": demo.resources[0].id})
    bad = demo.model_copy(update={"resources": [demo.resources[0], twin, *demo.resources[2:]]})
    assert any(
        p.startswith(f"resources.yaml: {demo.resources[0].id}: duplicate id") for p in problems_of(bad)
    )


def test_a_committee_without_an_n_member_breaks_1_1_x_n(demo: Bundle) -> None:
    c = demo.communities[0]
    only_x = [m for m in c.committee.members if m.seat.value == "X"]
    found = problems_of(with_community(demo, 0, members=only_x))
    assert f"communities.yaml: {c.id} ({c.name}): 1+1+X+N: the committee has no N member" in found


def test_a_unit_in_the_wrong_seat_is_refused(demo: Bundle) -> None:
    c = demo.communities[0]
    members = list(c.committee.members)
    first_n = next(i for i, m in enumerate(members) if m.seat.value == "N")
    members[first_n] = Member(unit_id=members[first_n].unit_id, seat="X", since=members[first_n].since)  # type: ignore[arg-type]
    found = problems_of(with_community(demo, 0, members=members))
    assert any("takes seat N, not X" in p and p.startswith("communities.yaml") for p in found)


def test_the_first_secretary_must_be_the_leader_who_contacts_the_community(demo: Bundle) -> None:
    other = demo.communities[1].committee.first_secretary_id
    found = problems_of(with_community(demo, 0, first_secretary_id=other))
    assert any("must be the city leader who contacts this community" in p for p in found)


def test_a_community_contacted_by_two_leaders_is_refused(demo: Bundle) -> None:
    second = demo.leaders[1]
    moved = second.model_copy(
        update={
            "contacts": second.contacts.model_copy(
                update={"community_id": demo.leaders[0].contacts.community_id}
            )
        }
    )
    bad = demo.model_copy(update={"leaders": [demo.leaders[0], moved, *demo.leaders[2:]]})
    found = problems_of(bad)
    assert any("must be contacted by exactly one city leader, found 2" in p for p in found)
    assert any("must be contacted by exactly one city leader, found 0" in p for p in found)


def test_a_bad_enum_value_in_a_file_names_the_file_and_record(demo: Bundle, tmp_path: Path) -> None:
    write_folder(demo, tmp_path, "")
    data = yaml.safe_load((tmp_path / "units.yaml").read_text(encoding="utf-8"))
    data["units"][3]["kind"] = "PARTY_SCHOOL"
    (tmp_path / "units.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        read_folder(tmp_path)
    unit = demo.units[3]
    assert str(caught.value.problems[0]).startswith(
        f"units.yaml: {unit.id} ({unit.name}): kind: Input should be"
    )


def test_broken_yaml_is_refused_with_the_file_named(tmp_path: Path, demo: Bundle) -> None:
    write_folder(demo, tmp_path, "")
    (tmp_path / "grids.yaml").write_text("grids: [unclosed\n", encoding="utf-8")
    with pytest.raises(SeedError) as caught:
        read_folder(tmp_path)
    assert caught.value.problems[0].file == "grids.yaml"
    assert "not valid YAML" in caught.value.problems[0].problem


NOT_SEATED = "it sits on no big party committee"


def test_a_street_non_profit_company_or_an_owners_committee_is_not_seated(demo: Bundle) -> None:
    non_profit = next(u for u in demo.units if u.non_profit)
    owners = non_profit.model_copy(
        update={
            "id": "unit-owners-1",
            "name": "某小区业委会",
            "kind": UnitKind.OWNERS_COMMITTEE,
            "non_profit": False,
        }
    )
    c = demo.communities[0]
    since = c.committee.members[0].since
    seated = [*c.committee.members, Member(unit_id=non_profit.id, seat="N", since=since),  # type: ignore[arg-type]
              Member(unit_id=owners.id, seat="N", since=since)]  # type: ignore[arg-type]  # fmt: skip
    bad = with_community(demo, 0, members=seated).model_copy(update={"units": [*demo.units, owners]})
    found = problems_of(bad)
    where = f"communities.yaml: {c.id} ({c.name}): unit"
    assert f"{where} {non_profit.id!r} is a street's non-profit property company: {NOT_SEATED}" in found
    assert f"{where} 'unit-owners-1' is an owners' committee: {NOT_SEATED}" in found


def test_no_property_compounds_are_managed_by_the_non_profit_companies_only(demo: Bundle) -> None:
    commercial = next(u for u in demo.units if u.kind.value == "PROPERTY_COMPANY" and not u.non_profit)
    i = next(i for i, cp in enumerate(demo.compounds) if cp.kind.value == "NO_PROPERTY")
    compounds = list(demo.compounds)
    compounds[i] = compounds[i].model_copy(update={"property_company_id": commercial.id})
    found = problems_of(demo.model_copy(update={"compounds": compounds}))
    assert len(found) == 1 and "manages the no-property compounds (兜底) only" in found[0]


def test_a_grid_holds_its_compounds(demo: Bundle) -> None:
    cp = demo.compounds[0]
    compounds = [cp.model_copy(update={"households": 501}), *demo.compounds[1:]]
    found = problems_of(demo.model_copy(update={"compounds": compounds}))
    assert len(found) == 1 and found[0].startswith(f"grids.yaml: {cp.grid_id} (")
    assert "a grid holds whole compounds" in found[0]


def test_a_committee_meets_once_a_quarter(demo: Bundle) -> None:
    m = demo.meetings[0]
    twice = m.model_copy(update={"id": "meeting-twice", "topic": "同一季度的第二次会议"})
    found = problems_of(demo.model_copy(update={"meetings": [*demo.meetings, twice]}))
    q = (m.held_on.month - 1) // 3 + 1
    assert found == [
        f"meetings.yaml: meeting-twice: {m.committee_id} meets quarterly (季度联席会议): a second meeting in "
        f"{m.held_on.year}Q{q}"
    ]
