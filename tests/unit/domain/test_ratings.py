"""The rating rules (domain/ratings.py): 4:4:2, the red/black list, grid colours, 三最."""

from __future__ import annotations

from datetime import date

import pytest

from orggraph.domain.errors import BadInput, Conflict, NotFound
from orggraph.domain.ratings import (
    Candidate,
    GridColour,
    GridFigures,
    Honour,
    ListMark,
    PropertyRating,
    Rater,
    RatingState,
    RecordInspection,
    RecordPropertyRating,
    RecordSurvey,
    check_publish,
    check_rating,
    choose_honours,
    combine,
    half_year,
    quarter,
    rank_list,
    rate_grid,
)

TODAY = date(2026, 11, 29)


def rating(
    unit: str, rater: Rater, total: tuple[float, float, float], place: str = "x", year: int = 2021
) -> PropertyRating:
    pb, env, mgmt = total
    return PropertyRating(f"{unit}-{rater}-{place}", unit, year, rater, place, pb, env, mgmt, "", None, "t")


def three(unit: str, a: float, c: float, o: float) -> list[PropertyRating]:
    """Ratings whose totals are a, c and o (split over the groups)."""
    return [
        rating(unit, r, (v * 0.3, v * 0.35, v * 0.35))
        for r, v in ((Rater.AUTHORITY, a), (Rater.COMMUNITY, c), (Rater.OWNERS, o))
    ]


def test_the_three_raters_combine_4_4_2_and_say_how() -> None:
    s = combine("u1", 2021, three("u1", 80, 90, 70))
    assert s.score == 82.0  # 0.4×80 + 0.4×90 + 0.2×70
    assert [(r.rater, r.score, r.contribution) for r in s.raters] == [
        (Rater.AUTHORITY, 80.0, 32.0),
        (Rater.COMMUNITY, 90.0, 36.0),
        (Rater.OWNERS, 70.0, 14.0),
    ]
    assert s.explanation == "物业主管部门 80×0.4 + 社区党组织 90×0.4 + 业主代表 70×0.2 = 82(4:4:2)"
    assert "党建 24" in s.raters[0].explanation and "= 32" in s.raters[0].explanation


def test_a_rater_with_several_ratings_counts_their_mean() -> None:
    ratings = [*three("u1", 80, 90, 70), rating("u1", Rater.COMMUNITY, (20, 30, 30), place="c2")]
    s = combine("u1", 2021, ratings)
    community = s.raters[1]
    assert community.ratings == 2 and community.score == 85.0  # (90 + 80) / 2
    assert s.score == 80.0  # 32 + 34 + 14
    assert "2 份评分的平均 85" in community.explanation


def test_a_company_missing_a_rater_has_no_score_and_is_not_ranked() -> None:
    s = combine("u1", 2021, three("u1", 80, 90, 70)[:2])
    assert s.score is None and s.missing == (Rater.OWNERS,)
    assert "缺少业主代表的评分" in s.explanation
    entries = rank_list(
        [s, combine("u2", 2021, three("u2", 90, 90, 90)), combine("u3", 2021, three("u3", 60, 60, 60))]
    )
    assert [(e.score.unit_id, e.rank) for e in entries] == [("u2", 1), ("u3", 2), ("u1", None)]


def test_red_is_the_top_30_percent_black_the_bottom_20_and_the_last_place_loses_bidding() -> None:
    scores = [
        combine(f"u{i}", 2021, three(f"u{i}", v, v, v))
        for i, v in enumerate([95, 90, 85, 80, 75, 70, 65, 60])
    ]
    entries = rank_list(scores)
    assert [e.rank for e in entries] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [e.mark for e in entries] == [ListMark.RED] * 3 + [None] * 3 + [ListMark.BLACK] * 2
    assert [e.last for e in entries] == [False] * 7 + [True]
    assert entries[-1].note == "第 8 名,列入黑榜,考评末位,取消参与新物业项目招投标的资格"


def test_ties_share_the_rank_and_the_last_place() -> None:
    scores = [combine(f"u{i}", 2021, three(f"u{i}", v, v, v)) for i, v in enumerate([90, 80, 70, 70])]
    entries = rank_list(scores)
    assert [e.rank for e in entries] == [1, 2, 3, 3]
    assert [e.last for e in entries] == [False, False, True, True]
    assert [e.mark for e in entries] == [
        ListMark.RED,
        ListMark.RED,
        ListMark.BLACK,
        ListMark.BLACK,
    ]  # 2 red (30% of 4, up)


def test_one_company_or_equal_scores_make_no_list_and_no_last_place() -> None:
    one = rank_list([combine("u1", 2021, three("u1", 60, 60, 60))])
    assert one[0].mark is None and not one[0].last
    with pytest.raises(BadInput) as refused:
        check_publish(one, 2021)
    assert refused.value.field == "year"
    equal = rank_list([combine(f"u{i}", 2021, three(f"u{i}", 80, 80, 80)) for i in range(3)])
    assert all(e.mark is None and not e.last for e in equal)


def test_a_rating_command_names_the_field_it_refuses() -> None:
    ok = RecordPropertyRating(
        "unit-pm-0001", 2021, Rater.COMMUNITY, 28, 30, 31, community_id=" comm-shuguang "
    )
    assert ok.checked(TODAY).community_id == "comm-shuguang"
    assert ok.checked(TODAY).id == "prating-2021-unit-pm-0001-community-comm-shuguang"
    cases = [
        (RecordPropertyRating("u", 2021, Rater.COMMUNITY, 31, 30, 30, community_id="c"), "partyBuilding"),
        (RecordPropertyRating("u", 2021, Rater.COMMUNITY, 30, 36, 30, community_id="c"), "environment"),
        (RecordPropertyRating("u", 2021, Rater.COMMUNITY, 30, 30, -1, community_id="c"), "management"),
        (RecordPropertyRating("u", 2027, Rater.COMMUNITY, 30, 30, 30, community_id="c"), "year"),
        (RecordPropertyRating("u", 2021, Rater.OWNERS, 30, 30, 30, community_id="c"), "communityId"),
        (RecordPropertyRating("u", 2021, Rater.OWNERS, 30, 30, 30), "compoundId"),
        (RecordPropertyRating("u", 2021, Rater.AUTHORITY, 30, 30, 30), "raterUnitId"),
    ]
    for cmd, field in cases:
        with pytest.raises(BadInput) as refused:
            cmd.checked(TODAY)
        assert refused.value.field == field


def test_the_state_check_refuses_other_kinds_missing_places_and_a_published_year() -> None:
    cmd = RecordPropertyRating("u", 2021, Rater.AUTHORITY, 30, 30, 30, rater_unit_id="unit-dept-01")
    check_rating(RatingState("PROPERTY_COMPANY", True, "AGENCY", False), cmd)
    with pytest.raises(NotFound):
        check_rating(RatingState(None, True, "AGENCY", False), cmd)
    with pytest.raises(BadInput, match="只有物业企业"):
        check_rating(RatingState("SOCIAL_ORG", True, "AGENCY", False), cmd)
    with pytest.raises(BadInput, match="机关"):
        check_rating(RatingState("PROPERTY_COMPANY", True, "PROPERTY_COMPANY", False), cmd)
    with pytest.raises(NotFound) as missing:
        check_rating(RatingState("PROPERTY_COMPANY", False, None, False), cmd)
    assert missing.value.field == "raterUnitId"
    with pytest.raises(Conflict):
        check_rating(RatingState("PROPERTY_COMPANY", True, "AGENCY", True), cmd)


def test_inspections_and_surveys_check_their_fields() -> None:
    assert RecordInspection("x", date(2022, 3, 5), 88.25).checked(TODAY).id == "inspection-x-2022-03-05"
    with pytest.raises(BadInput) as refused:
        RecordInspection("x", date(2027, 1, 1), 80).checked(TODAY)
    assert refused.value.field == "date"
    with pytest.raises(BadInput):
        RecordInspection("x", date(2022, 1, 1), 101).checked(TODAY)
    assert RecordSurvey("x", " 2022Q2 ", 50, 48).checked(TODAY).quarter == "2022Q2"
    for survey, field in (
        (RecordSurvey("x", "2022-2", 5, 4), "quarter"),
        (RecordSurvey("x", "2022Q2", 0, 0), "surveyed"),
        (RecordSurvey("x", "2022Q2", 5, 6), "satisfied"),
        (RecordSurvey("x", "2027Q1", 5, 4), "quarter"),
    ):
        with pytest.raises(BadInput) as refused:
            survey.checked(TODAY)
        assert refused.value.field == field


def test_periods() -> None:
    q = quarter("2022Q4")
    assert (q.start, q.end) == (date(2022, 10, 1), date(2023, 1, 1))
    h = half_year("2022H1")
    assert (h.start, h.end) == (date(2022, 1, 1), date(2022, 7, 1))
    with pytest.raises(BadInput):
        half_year("2022H3")


def figures(
    grid: str,
    due: int = 0,
    on_time: int = 0,
    rated: int = 0,
    satisfied: int = 0,
    inspections: int = 0,
    avg: float | None = None,
) -> GridFigures:
    return GridFigures(grid, max(due, rated), due, on_time, rated, satisfied, inspections, avg)


def test_a_grid_colour_comes_from_the_mean_of_its_figures() -> None:
    red = rate_grid(figures("g1", due=10, on_time=10, rated=10, satisfied=9, inspections=2, avg=92))
    assert red.score == 94.0 and red.colour is GridColour.RED  # (100 + 90 + 92) / 3
    assert red.explanation.startswith(
        "按时办结 10/10 = 100%;满意 9/10 = 90%;物业抽查 2 次平均 92 分;平均 94 分 → 红色网格"
    )
    blue = rate_grid(figures("g2", due=4, on_time=3))
    assert blue.score == 75.0 and blue.colour is GridColour.BLUE
    yellow = rate_grid(figures("g3", inspections=1, avg=74.9))
    assert yellow.colour is GridColour.YELLOW
    none = rate_grid(figures("g4"))
    assert none.colour is None and none.score is None and "不评色" in none.explanation


def test_the_three_honours_go_to_three_different_leaders() -> None:
    top = Candidate(
        "p1", rate_grid(figures("g1", due=5, on_time=5, rated=5, satisfied=5, inspections=1, avg=99))
    )
    steady = Candidate(
        "p2", rate_grid(figures("g2", due=8, on_time=8, rated=8, satisfied=7, inspections=1, avg=80))
    )
    liked = Candidate("p3", rate_grid(figures("g3", due=4, on_time=3, rated=6, satisfied=6)))
    few = Candidate("p4", rate_grid(figures("g4", due=2, on_time=2, rated=2, satisfied=2)))
    awards = choose_honours([few, liked, steady, top])
    assert [(a.honour, a.person_id) for a in awards] == [
        (Honour.FINEST, "p1"),
        (Honour.BEST, "p2"),
        (Honour.MOST_BEAUTIFUL, "p3"),
    ]
    assert awards[1].explanation == "所带网格半年按时办结率 100%(8/8),为最高"
    assert choose_honours([few]) == []  # 2 reports are too few for any honour
