"""The street working committee's rules: who may sit (people in the city's public sector), retries, the
end of a seat with its history, projects' leaders and communities, and the gaps of a year."""

from __future__ import annotations

from datetime import date

import pytest

from orggraph.domain import entities as e
from orggraph.domain.errors import BadInput, Conflict, DomainError, NotFound
from orggraph.domain.evaluations import EvaluateUnit, EvaluationState, check_evaluation
from orggraph.domain.model import ProjectStatus, UnitKind
from orggraph.domain.projects import (
    CommitteeMemberRemoval,
    CommitteeSeat,
    MemberProjects,
    MemberState,
    NewCommitteeMember,
    NewProject,
    NewProjectNote,
    Project,
    ProjectState,
    check_new_member,
    check_new_project,
    check_removal,
    gaps,
)

TODAY = date(2026, 11, 29)
HOSPITAL = e.Unit("u-hospital", "市人民医院", UnitKind.INSTITUTION, 38, "illustrative")
FIRM = e.Unit("u-firm", "天润电子", UnitKind.PRIVATE_ENTERPRISE, 5, "illustrative")
WANG = e.Person("p-wang", "王委员")


def field_of(call: object) -> str | None:
    with pytest.raises(DomainError) as caught:
        call()  # type: ignore[operator]
    return caught.value.field


def member(**changes: object) -> NewCommitteeMember:
    values: dict[str, object] = {"committee_id": "swc", "person_id": "p-wang", "unit_id": "u-hospital",
                                 "post": "分管副院长", "person_name": "王委员"}  # fmt: skip
    values.update(changes)
    return NewCommitteeMember(**values).checked(TODAY)  # type: ignore[arg-type]


def seat(since: date = date(2024, 3, 1), until: date | None = None, **more: str) -> CommitteeSeat:
    values = {
        "person_id": "p-wang",
        "committee_id": "swc",
        "unit_id": "u-hospital",
        "post": "分管副院长",
        **more,
    }
    return CommitteeSeat(since=since, until=until, **values)


def test_a_member_command_is_cleaned_and_refuses_bad_fields() -> None:
    cmd = member(post="  分管副院长 ")
    assert cmd.post == "分管副院长" and cmd.since == TODAY
    assert field_of(lambda: member(since=date(2027, 1, 1))) == "since"
    assert field_of(lambda: member(post="")) == "post"
    assert field_of(lambda: member(person_id="有 空格")) == "personId"
    assert field_of(lambda: member(unit_id="")) == "unitId"


def test_people_of_public_sector_units_sit_and_a_retry_is_answered_with_the_seat() -> None:
    state = MemberState("广陵街道大工委", WANG, HOSPITAL, None)
    assert check_new_member(state, member()) is None  # joins
    held = seat()
    assert check_new_member(MemberState("广陵街道大工委", WANG, HOSPITAL, held), member()) == held
    with pytest.raises(Conflict) as other_post:
        check_new_member(MemberState("广陵街道大工委", WANG, HOSPITAL, held), member(post="院长"))
    assert other_post.value.field == "personId"
    with pytest.raises(BadInput) as private:
        check_new_member(MemberState("广陵街道大工委", WANG, FIRM, None), member(unit_id="u-firm"))
    assert private.value.field == "unitId" and "非公企业" in private.value.message
    assert (
        field_of(lambda: check_new_member(MemberState(None, WANG, HOSPITAL, None), member())) == "committeeId"
    )
    assert field_of(lambda: check_new_member(MemberState("x", WANG, None, None), member())) == "unitId"
    new_without_name = member(person_name=None)
    assert (
        field_of(lambda: check_new_member(MemberState("x", None, HOSPITAL, None), new_without_name))
        == "personName"
    )


def test_a_seat_ends_once_and_its_years_are_kept() -> None:
    removal = CommitteeMemberRemoval("swc", "p-wang", date(2026, 6, 30)).checked(TODAY)
    assert check_removal("广陵街道大工委", seat(), None, removal) is None
    ended = seat(until=date(2026, 6, 30))
    assert check_removal("广陵街道大工委", None, ended, removal) == ended  # a retry
    with pytest.raises(NotFound):
        check_removal("广陵街道大工委", None, ended, CommitteeMemberRemoval("swc", "p-wang", TODAY))
    early = CommitteeMemberRemoval("swc", "p-wang", date(2020, 1, 1)).checked(TODAY)
    assert field_of(lambda: check_removal("广陵街道大工委", seat(), None, early)) == "until"
    assert field_of(lambda: CommitteeMemberRemoval("swc", "p", date(2027, 1, 1)).checked(TODAY)) == "until"
    assert ended.years(TODAY) == (2024, 2025, 2026) and seat().years(TODAY) == (2024, 2025, 2026)
    assert ended.served_in(2024) and not ended.served_in(2023) and not ended.served_in(2027)


def project(**changes: object) -> NewProject:
    values: dict[str, object] = {"committee_id": "swc", "leader_id": "p-wang", "year": 2026, "title": "红色物业",
                                 "community_ids": ("c1", "c2", "c1"), "id": "proj-1"}  # fmt: skip
    values.update(changes)
    return NewProject(**values).checked(TODAY)  # type: ignore[arg-type]


def test_a_project_is_led_by_a_current_member_for_communities_of_the_street() -> None:
    cmd = project()
    assert cmd.community_ids == ("c1", "c2") and cmd.status is ProjectStatus.PLANNED
    here = frozenset({"c1", "c2"})
    assert check_new_project(ProjectState("大工委", seat(), here, None), cmd) is None
    assert field_of(lambda: check_new_project(ProjectState("大工委", None, here, None), cmd)) == "leaderId"
    outside = frozenset({"c1"})
    assert (
        field_of(lambda: check_new_project(ProjectState("大工委", seat(), outside, None), cmd))
        == "communityIds"
    )
    same = Project("proj-1", 2026, "红色物业", "", ProjectStatus.PLANNED)
    retry = ProjectState("大工委", seat(), here, same, "p-wang", "swc")
    assert check_new_project(retry, cmd) == same
    assert field_of(lambda: check_new_project(retry, project(title="另一个"))) == "id"
    assert field_of(lambda: project(year=1999)) == "year"
    assert field_of(lambda: project(year=2028)) == "year"
    assert field_of(lambda: project(community_ids=())) == "communityIds"
    assert field_of(lambda: NewProjectNote("proj-1", " ").checked(TODAY)) == "text"
    assert (NewProjectNote("proj-1", "推进会").checked(TODAY).id or "").startswith("note-")


def test_the_gaps_are_members_serving_in_the_year_without_a_project() -> None:
    a = MemberProjects(seat(person_id="a"), (2025, 2026))
    b = MemberProjects(seat(person_id="b"), (2025,))
    gone = MemberProjects(seat(date(2023, 1, 1), date(2025, 5, 1), person_id="c"), ())
    later = MemberProjects(seat(date(2026, 9, 1), person_id="d"), ())
    assert [s.person_id for s in gaps([a, b, gone, later], 2026)] == ["b", "d"]
    assert [s.person_id for s in gaps([a, b, gone, later], 2025)] == ["c"]
    assert gaps([a, b, gone, later], 2022) == []
    # someone who sat twice counts once
    twice = [MemberProjects(seat(date(2026, 3, 1), person_id="e"), ()),
             MemberProjects(seat(date(2025, 1, 1), date(2026, 1, 31), person_id="e"), ())]  # fmt: skip
    assert [s.person_id for s in gaps(twice, 2026)] == ["e"]


def test_a_community_evaluates_only_its_current_members_with_a_score_of_0_to_100() -> None:
    cmd = EvaluateUnit("comm", "u", 2026, 92, " 积极 ").checked(TODAY)
    assert cmd.comment == "积极"
    check_evaluation(EvaluationState(True, "曙光社区大党委", "市人民医院", True), cmd)
    assert (
        field_of(lambda: check_evaluation(EvaluationState(True, "曙光社区大党委", "市人民医院", False), cmd))
        == "unitId"
    )
    assert (
        field_of(lambda: check_evaluation(EvaluationState(False, None, "市人民医院", False), cmd))
        == "communityId"
    )
    assert field_of(lambda: check_evaluation(EvaluationState(True, "k", None, False), cmd)) == "unitId"
    assert field_of(lambda: EvaluateUnit("comm", "u", 2026, 101).checked(TODAY)) == "score"
    assert field_of(lambda: EvaluateUnit("comm", "u", 2027, 90).checked(TODAY)) == "year"
    assert field_of(lambda: EvaluateUnit("comm", "u", 2026, 90, "长" * 501).checked(TODAY)) == "comment"
