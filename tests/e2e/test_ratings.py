"""Ratings over the real stack (issue #14 point 4): the demo's published red/black lists and the two companies
that exited; recording ratings (4:4:2), inspections and surveys; publishing a year once; grid colours and
三最 from the reports and inspections at the grids' compounds.

Reports are HELPER B's (the shared shape in /work/briefs/common.md): until B's branch is merged, the tests
here create (:Report)-[:AT]->(:Compound) nodes in exactly that shape with Cypher fixtures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import Api, graph_fingerprint, scalar, token
from tests.e2e.test_graphql_mutations import error, ok

EXITED = ("unit-pm-exited-1", "unit-pm-exited-2")
HEPAN = "compound-hepan-jiayuan"  # 河畔家园, comm-shuguang-g01, managed by unit-pm-0001
JINXIU = "compound-00009"  # 锦绣公寓, comm-shuguang-g02, managed by unit-pm-0002
AUTHORITY = "unit-dept-01"  # 市住房和城乡建设局

LIST = """query ($y: Int!) { propertyRatingList(year: $y) { year published publishedAt rule entries {
  unit { id name biddingEligible } score rank list listLabel last explanation notes missingRaters
  inspections inspectionAverage surveyed satisfied satisfactionRate
  raters { rater weight ratings score contribution explanation partyBuilding environment management } } } }"""
RATE = """mutation ($i: RecordPropertyRatingInput!) { recordPropertyRating(input: $i) {
  id year rater partyBuilding environment management total unit { id } raterUnit { id } community { id } compound { id } } }"""
PUBLISH = """mutation ($y: Int!) { publishPropertyRatingList(input: {year: $y}) {
  published entries { unit { id biddingEligible biddingIneligibility { year reason } } score rank list last } } }"""
INSPECT = """mutation ($i: RecordInspectionInput!) { recordInspection(input: $i) { id date score findings unit { id } compound { id } } }"""
SURVEY = """mutation ($i: RecordSatisfactionSurveyInput!) { recordSatisfactionSurvey(input: $i) {
  id quarter surveyed satisfied rate unit { id } } }"""
GRIDS = """query ($q: String!, $c: ID, $s: ID) { gridRatings(quarter: $q, communityId: $c, streetId: $s) {
  quarter red blue yellow unrated grids { grid { id } colour score reports reportsDue reportsOnTime onTimeRate
  reportsRated reportsSatisfied satisfactionRate inspections inspectionAverage explanation leader { id name } } } }"""
HONOURS = """query ($h: String!, $c: ID) { gridWorkerHonours(half: $h, communityId: $c) {
  honour honourLabel half figure explanation person { id name } figures { grid { id } score onTimeRate satisfactionRate } } }"""


def rating(unit: str, rater: str, total: float, year: int = 2025, **place: str) -> dict[str, Any]:
    return {"unitId": unit, "year": year, "rater": rater, "partyBuilding": round(total * 0.3, 1),
            "environment": round(total * 0.35, 1), "management": round(total - round(total * 0.3, 1) - round(total * 0.35, 1), 1),
            **place}  # fmt: skip


# ---------------------------------------------------------------- the demo


@pytest.mark.usefixtures("demo")
def test_the_demo_published_2020_and_2021_and_each_last_place_exited(api: Api) -> None:
    y2020 = ok(api.gql(LIST, {"y": 2020}))["propertyRatingList"]
    y2021 = ok(api.gql(LIST, {"y": 2021}))["propertyRatingList"]
    assert y2020["published"] and y2021["published"] and y2020["publishedAt"].startswith("2021-01-15")
    assert len(y2020["entries"]) == 8 and len(y2021["entries"]) == 7  # 6 companies today and the exited
    for year, found, gone in ((2020, y2020, EXITED[0]), (2021, y2021, EXITED[1])):
        last = [e for e in found["entries"] if e["last"]]
        assert [e["unit"]["id"] for e in last] == [gone], year
        assert last[0]["list"] == "BLACK" and "取消参与新物业项目招投标的资格" in last[0]["notes"]
        ranks = [e["rank"] for e in found["entries"]]
        assert ranks == sorted(ranks) and ranks[0] == 1
        for e in found["entries"]:  # every score is 4:4:2 of the raters' means, and says so
            assert [r["weight"] for r in e["raters"]] == [0.4, 0.4, 0.2]
            assert e["score"] == pytest.approx(sum(r["contribution"] for r in e["raters"]), abs=0.02)
            assert e["score"] == pytest.approx(sum(r["score"] * r["weight"] for r in e["raters"]), abs=0.02)
            assert e["explanation"].endswith("(4:4:2)") and e["missingRaters"] == []
    marks = [e["list"] for e in y2020["entries"]]
    assert marks.count("RED") == 3 and marks.count("BLACK") == 2  # 30% and 20% of 8, rounded up
    # inspections and surveys of 2021 sit beside the scores
    current = next(e for e in y2021["entries"] if e["unit"]["id"] == "unit-pm-0001")
    assert current["inspections"] == 12 and 0 < current["satisfactionRate"] <= 1 and current["surveyed"] > 0


@pytest.mark.usefixtures("demo")
async def test_the_two_exited_companies_manage_nothing_and_cannot_bid(
    api: Api, demo: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    for unit in EXITED:
        assert (
            await scalar(
                demo, db, "MATCH (:Compound)-[r:MANAGED_BY]->(:Unit {id: $u}) RETURN count(r)", u=unit
            )
            == 0
        )
    q = """{ units(kind: PROPERTY_COMPANY, first: 50) { edges { node { id biddingEligible
      biddingIneligibility { year reason } creditRecords { year rank list last } } } } }"""
    units = {e["node"]["id"]: e["node"] for e in ok(api.gql(q))["units"]["edges"]}
    barred = {u: n["biddingIneligibility"] for u, n in units.items() if not n["biddingEligible"]}
    assert set(barred) == set(EXITED)
    assert barred[EXITED[0]]["year"] == 2020 and "2020 年度物业考评末位" in barred[EXITED[0]]["reason"]
    assert [c["year"] for c in units["unit-pm-0001"]["creditRecords"]] == [2021, 2020]


# ---------------------------------------------------------------- recording and publishing


async def test_ratings_combine_4_4_2_and_a_published_year_is_frozen_into_credit_records(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    for unit, (a, c, o) in (("unit-pm-0001", (80, 90, 70)), ("unit-pm-0002", (70, 60, 50))):
        authority = ok(api.gql(RATE, {"i": rating(unit, "AUTHORITY", a, raterUnitId=AUTHORITY)}))[
            "recordPropertyRating"
        ]
        assert authority["raterUnit"]["id"] == AUTHORITY and authority["community"] is None
        ok(api.gql(RATE, {"i": rating(unit, "COMMUNITY", c, communityId="comm-shuguang")}))
        place = HEPAN if unit == "unit-pm-0001" else JINXIU
        owners = ok(api.gql(RATE, {"i": rating(unit, "OWNERS", o, compoundId=place)}))["recordPropertyRating"]
        assert owners["compound"]["id"] == place and owners["total"] == o
    # recorded again: replaced, not added (idempotent by company, year, rater and place)
    ok(api.gql(RATE, {"i": rating("unit-pm-0001", "OWNERS", 70, compoundId=HEPAN)}))
    assert await scalar(demo_graph, db, "MATCH (r:PropertyRating {year: 2025}) RETURN count(r)") == 6
    listed = ok(api.gql(LIST, {"y": 2025}))["propertyRatingList"]
    assert not listed["published"]
    first, second = listed["entries"]
    assert (first["unit"]["id"], first["score"], first["rank"], first["list"]) == (
        "unit-pm-0001",
        82.0,
        1,
        "RED",
    )
    assert first["explanation"] == "物业主管部门 80×0.4 + 社区党组织 90×0.4 + 业主代表 70×0.2 = 82(4:4:2)"
    assert (second["score"], second["rank"], second["list"], second["last"]) == (62.0, 2, "BLACK", True)
    assert second["unit"]["biddingEligible"]  # not yet: the list is not published

    published = ok(api.gql(PUBLISH, {"y": 2025}))["publishPropertyRatingList"]
    assert published["published"]
    loser = published["entries"][1]["unit"]
    assert not loser["biddingEligible"] and loser["biddingIneligibility"]["year"] == 2025
    records = "MATCH (c:CreditRecord {year: 2025}) RETURN count(c)"
    assert await scalar(demo_graph, db, records) == 2
    # once: publishing again answers the same list and writes nothing
    before = await graph_fingerprint(demo_graph, db)
    assert ok(api.gql(PUBLISH, {"y": 2025}))["publishPropertyRatingList"] == published
    assert await graph_fingerprint(demo_graph, db) == before
    # a published year's ratings cannot change
    refused = error(api.gql(RATE, {"i": rating("unit-pm-0002", "OWNERS", 99, compoundId=JINXIU)}))
    assert (refused["extensions"]["code"], refused["extensions"]["field"]) == ("CONFLICT", "year")
    assert await graph_fingerprint(demo_graph, db) == before
    audit = ok(api.gql('{ auditLog(action: "publishPropertyRatingList") { target detail } }'))["auditLog"]
    assert audit[0]["target"] == "property-2025"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"unitId": "unit-x-0007"}, "BAD_USER_INPUT", "unitId"),  # not a property company
        ({"unitId": "unit-nope"}, "NOT_FOUND", "unitId"),
        ({"partyBuilding": 31}, "BAD_USER_INPUT", "partyBuilding"),
        ({"year": 2999}, "BAD_USER_INPUT", "year"),
        ({"raterUnitId": "unit-pm-0003"}, "BAD_USER_INPUT", "raterUnitId"),  # the authority is an agency
        ({"rater": "OWNERS"}, "BAD_USER_INPUT", "raterUnitId"),  # the owners' place is a compound
        ({"rater": "COMMUNITY", "raterUnitId": None, "communityId": "comm-nope"}, "NOT_FOUND", "communityId"),
    ],
)
async def test_a_bad_rating_is_refused_naming_the_field_and_writes_nothing(
    api: Api, demo_graph: AsyncDriver, settings: Settings, changes: dict[str, Any], code: str, field: str
) -> None:
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    given = {**rating("unit-pm-0001", "AUTHORITY", 80, raterUnitId=AUTHORITY), **changes}
    e = error(api.gql(RATE, {"i": {k: v for k, v in given.items() if v is not None}}))
    assert (e["extensions"]["code"], e["extensions"].get("field")) == (code, field), e
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before


@pytest.mark.usefixtures("demo_graph")
def test_the_street_records_for_its_own_places_and_only_the_city_for_the_authority(api: Api) -> None:
    here, there = token("STREET_ADMIN", "street-guangling"), token("STREET_ADMIN", "street-qianqiu")
    ok(
        api.gql(
            RATE, {"i": rating("unit-pm-0001", "COMMUNITY", 88, communityId="comm-shuguang")}, as_token=here
        )
    )
    for who in (there, token("COMMUNITY_ADMIN", "comm-shuguang"), token("VIEWER")):
        e = error(
            api.gql(
                RATE,
                {"i": rating("unit-pm-0001", "COMMUNITY", 88, communityId="comm-shuguang")},
                as_token=who,
            )
        )
        assert e["extensions"]["code"] == "FORBIDDEN"
    e = error(
        api.gql(RATE, {"i": rating("unit-pm-0001", "AUTHORITY", 88, raterUnitId=AUTHORITY)}, as_token=here)
    )
    assert e["extensions"]["code"] == "FORBIDDEN"
    e = error(api.gql(PUBLISH, {"y": 2021}, as_token=here))
    assert e["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.usefixtures("demo_graph")
def test_inspections_and_surveys_are_of_the_compounds_company_and_replace_on_retry(api: Api) -> None:
    given = {"compoundId": HEPAN, "date": "2025-05-06", "score": 86.5, "findings": "楼道堆放杂物"}
    first = ok(api.gql(INSPECT, {"i": given}))["recordInspection"]
    assert first["unit"]["id"] == "unit-pm-0001" and first["id"] == f"inspection-{HEPAN}-2025-05-06"
    again = ok(api.gql(INSPECT, {"i": {**given, "score": 88}}))["recordInspection"]
    assert again["id"] == first["id"] and again["score"] == 88
    e = error(api.gql(INSPECT, {"i": {**given, "score": 101}}))
    assert e["extensions"]["field"] == "score"
    survey = ok(
        api.gql(SURVEY, {"i": {"compoundId": JINXIU, "quarter": "2025Q2", "surveyed": 40, "satisfied": 38}})
    )
    assert (
        survey["recordSatisfactionSurvey"]["rate"] == 0.95
        and survey["recordSatisfactionSurvey"]["unit"]["id"] == "unit-pm-0002"
    )
    e = error(
        api.gql(SURVEY, {"i": {"compoundId": JINXIU, "quarter": "2025Q2", "surveyed": 40, "satisfied": 41}})
    )
    assert e["extensions"]["field"] == "satisfied"


# ---------------------------------------------------------------- grids and 三最

# HELPER B's report shape (common.md), created here until B's branch is merged; in 2019, before any demo report
REPORTS = """
UNWIND $rows AS row
MATCH (x:Compound {id: row.compound})
CREATE (r:Report {id: row.id, category: 'PROPERTY', text: '测试上报', reporterRole: 'RESIDENT', status: row.status,
                  reportedAt: row.reportedAt, deadline: row.deadline, handledAt: row.handledAt,
                  closedAt: row.handledAt, satisfaction: row.satisfaction})
CREATE (r)-[:AT]->(x)
"""


def reports(compound: str, prefix: str, start: datetime, on_time: int, late: int, open_overdue: int,
            satisfied: int, dissatisfied: int) -> list[dict[str, Any]]:  # fmt: skip
    rows = []
    for i in range(on_time + late + open_overdue):
        reported = start + timedelta(days=i)
        deadline = reported + timedelta(days=3)
        handled = (
            None
            if i >= on_time + late
            else deadline - timedelta(days=1)
            if i < on_time
            else deadline + timedelta(days=2)
        )
        rated = handled is not None and i < satisfied + dissatisfied
        rows.append({"id": f"{prefix}-{i}", "compound": compound, "reportedAt": reported, "deadline": deadline,
                     "handledAt": handled, "status": "CLOSED" if handled else "DISPATCHED",
                     "satisfaction": ("SATISFIED" if i < satisfied else "DISSATISFIED") if rated else None})  # fmt: skip
    return rows


async def test_grid_colours_and_the_three_honours_come_from_reports_and_inspections(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    start = datetime(2019, 4, 2, 9, tzinfo=UTC)
    rows = reports(HEPAN, "rep-a", start, on_time=10, late=0, open_overdue=0, satisfied=10, dissatisfied=0)
    rows += reports(JINXIU, "rep-b", start, on_time=6, late=2, open_overdue=2, satisfied=5, dissatisfied=3)
    await demo_graph.execute_query(REPORTS, {"rows": rows}, database_=settings.neo4j_database)
    ok(api.gql(INSPECT, {"i": {"compoundId": HEPAN, "date": "2019-05-06", "score": 94}}))
    found = ok(api.gql(GRIDS, {"q": "2019Q2", "c": "comm-shuguang"}))["gridRatings"]
    by_grid = {g["grid"]["id"]: g for g in found["grids"]}
    g1, g2 = by_grid["comm-shuguang-g01"], by_grid["comm-shuguang-g02"]
    assert (g1["reportsDue"], g1["reportsOnTime"], g1["onTimeRate"], g1["satisfactionRate"]) == (
        10,
        10,
        1.0,
        1.0,
    )
    assert g1["inspections"] == 1 and g1["score"] == 98.0 and g1["colour"] == "RED"  # (100 + 100 + 94) / 3
    assert g1["explanation"].startswith("按时办结 10/10 = 100%;满意 10/10 = 100%;物业抽查 1 次平均 94 分")
    # 6 of 10 due on time (2 late, 2 past their deadline unhandled); 5 of 8 rated satisfied
    assert (g2["reportsDue"], g2["reportsOnTime"], g2["reportsRated"], g2["reportsSatisfied"]) == (
        10,
        6,
        8,
        5,
    )
    assert g2["score"] == pytest.approx((60 + 62.5) / 2, abs=0.01) and g2["colour"] == "YELLOW"
    assert found["red"] + found["blue"] + found["yellow"] + found["unrated"] == len(found["grids"])
    assert all(g["grid"]["id"].startswith("comm-shuguang-") for g in found["grids"])
    # the street's grids include the community's
    street = ok(api.gql(GRIDS, {"q": "2019Q2", "s": "street-guangling"}))["gridRatings"]
    assert len(street["grids"]) > len(found["grids"])
    assert error(api.gql(GRIDS, {"q": "2025-2"}))["extensions"]["field"] == "quarter"
    assert error(api.gql(GRIDS, {"q": "2019Q2", "c": "comm-nope"}))["extensions"]["code"] == "NOT_FOUND"

    honours = ok(api.gql(HONOURS, {"h": "2019H1", "c": "comm-shuguang"}))["gridWorkerHonours"]
    assert [h["honour"] for h in honours][:2] == ["FINEST", "BEST"]
    finest, best = honours[0], honours[1]
    assert finest["figures"]["grid"]["id"] == "comm-shuguang-g01" and finest["figure"] == 98.0
    assert finest["person"]["id"] != best["person"]["id"]
    assert finest["person"]["name"] != "***"
    hidden = ok(api.gql(HONOURS, {"h": "2019H1", "c": "comm-shuguang"}, as_token=None))["gridWorkerHonours"]
    assert {h["person"]["name"] for h in hidden} == {"***"}
