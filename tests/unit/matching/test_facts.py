"""A resource seen from a need, the locality of a unit's ties, a community's unmet share."""

from __future__ import annotations

from dataclasses import fields

from orggraph.matching.facts import (
    CandidateFacts,
    Closeness,
    Locality,
    ResourceFacts,
    locality_of,
    unmet_share,
)
from tests.unit.matching.conftest import make_candidate


def test_a_candidate_is_its_resource_with_the_closeness_and_text_score_of_one_need() -> None:
    expected = make_candidate(member_here=True, leader_unit=True, text_score=2.5)
    resource = ResourceFacts(**{f.name: getattr(expected, f.name) for f in fields(ResourceFacts)})
    closeness = Closeness(member_here=True, member_in_street=False, leader_unit=True, working_committee=False)
    assert resource.candidate(closeness, 2.5) == expected
    assert {f.name for f in fields(CandidateFacts)} == {f.name for f in fields(ResourceFacts)} | {
        f.name for f in fields(Closeness)
    } | {"text_score"}


def test_the_closest_tie_decides_the_locality() -> None:
    assert locality_of(True, True, True, True) is Locality.COMMITTEE_MEMBER
    assert locality_of(False, True, True, True) is Locality.CONTACT_LEADER_UNIT
    assert locality_of(False, True, False, True) is Locality.WORKING_COMMITTEE
    assert locality_of(False, True, False, False) is Locality.SAME_STREET
    assert Closeness().locality is Locality.CITY
    assert Closeness(other_city=True).locality is Locality.PROVINCE
    # a tie to the community is closer than any city: a unit seated here is never "elsewhere in the province"
    assert Closeness(member_in_street=True, other_city=True).locality is Locality.SAME_STREET
    assert make_candidate(working_committee=True).locality is Locality.WORKING_COMMITTEE
    assert make_candidate(other_city=True).locality is Locality.PROVINCE


def test_the_unmet_share_is_the_open_needs_over_all_and_zero_without_needs() -> None:
    assert unmet_share(4, 1) == 0.25
    assert unmet_share(0, 0) == 0.0
