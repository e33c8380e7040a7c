"""The reads of ratings (orggraph.domain.ratings): a year's property ratings with their inspections and
surveys (for the red/black list, read and published alike), the published lists and credit records, and the
figures of grids over a period, read from the reports and inspections at their compounds.

The graph:
(:PropertyRating {id, year, rater, partyBuilding, environment, management, total, comment, at, by})
   -[:RATES]->(:Unit {kind: 'PROPERTY_COMPANY'}), -[:RATED_BY]->(:Unit {kind: 'AGENCY'}|:Community|:Compound)
(:PropertyInspection {id, date, score, findings, at, by})-[:INSPECTED]->(:Unit), -[:AT]->(:Compound)
(:SatisfactionSurvey {id, quarter, year, surveyed, satisfied, at, by})-[:SURVEYED]->(:Unit), -[:AT]->(:Compound)
(:RatingList {id: 'property-<year>', year, publishedAt, by}): the year's list is published (frozen)
(:Unit)-[:HAS_CREDIT_RECORD]->(:CreditRecord {id, year, score, rank, list, last, notes, publishedAt})
Reports are HELPER B's shape: (:Report {reportedAt, deadline, handledAt, satisfaction})-[:AT]->(:Compound).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from orggraph.domain import ratings as dr
from orggraph.graph.mapping import to_date, to_datetime

Fetch = Callable[[str, dict[str, Any]], Awaitable[list[dict[str, Any]]]]  # (a name in QUERIES, parameters)

YEAR_RATINGS = """
MATCH (r:PropertyRating {year: $year})-[:RATES]->(u:Unit)
OPTIONAL MATCH (r)-[:RATED_BY]->(p)
RETURN properties(r) AS r, u.id AS unit, p.id AS place
ORDER BY u.id, r.rater, p.id
"""
# inspections and surveys of the year, per company (beside the ratings)
YEAR_CONTEXT = """
MATCH (u:Unit) WHERE u.id IN $unitIds
CALL (u) {
  OPTIONAL MATCH (i:PropertyInspection)-[:INSPECTED]->(u) WHERE i.date >= $from AND i.date < $to
  RETURN count(i) AS inspections, avg(i.score) AS inspectionAverage
}
CALL (u) {
  OPTIONAL MATCH (s:SatisfactionSurvey {year: $year})-[:SURVEYED]->(u)
  RETURN coalesce(sum(s.surveyed), 0) AS surveyed, coalesce(sum(s.satisfied), 0) AS satisfied
}
RETURN u.id AS unit, u.name AS name, inspections, inspectionAverage, surveyed, satisfied
"""
PUBLISHED = """
OPTIONAL MATCH (l:RatingList {id: $listId})
OPTIONAL MATCH (u:Unit)-[:HAS_CREDIT_RECORD]->(c:CreditRecord {year: $year})
RETURN l.publishedAt AS publishedAt, collect(CASE WHEN c IS NULL THEN null ELSE [u.id, properties(c)] END) AS records
"""
# the figures of each grid in scope over [$from, $to): reports made, due, on time, rated, satisfied, and the
# property inspections of its compounds
GRID_FIGURES = """
MATCH (g:Grid)-[:PART_OF]->(c:Community)-[:PART_OF]->(s:Street)
WHERE g.retiredOn IS NULL AND ($communityId IS NULL OR c.id = $communityId) AND ($streetId IS NULL OR s.id = $streetId)
CALL (g) {
  OPTIONAL MATCH (r:Report)-[:AT]->(:Compound)-[:IN_GRID]->(g)
  WHERE r.reportedAt >= $fromAt AND r.reportedAt < $toAt
  WITH DISTINCT r
  RETURN count(r) AS reports,
         count(CASE WHEN r.deadline IS NOT NULL AND (r.handledAt IS NOT NULL OR r.deadline < $now) THEN 1 END) AS due,
         count(CASE WHEN r.deadline IS NOT NULL AND r.handledAt IS NOT NULL AND r.handledAt <= r.deadline THEN 1 END) AS onTime,
         count(r.satisfaction) AS rated,
         count(CASE WHEN r.satisfaction IN ['SATISFIED', 'BASICALLY_SATISFIED'] THEN 1 END) AS satisfied
}
CALL (g) {
  OPTIONAL MATCH (i:PropertyInspection)-[:AT]->(:Compound)-[:IN_GRID]->(g)
  WHERE i.date >= $from AND i.date < $to
  WITH DISTINCT i
  RETURN count(i) AS inspections, avg(i.score) AS inspectionAverage
}
OPTIONAL MATCH (p:Person)-[:GRID_LEADER_OF]->(g)
WITH g, c, reports, due, onTime, rated, satisfied, inspections, inspectionAverage, min(p.id) AS leader
RETURN g.id AS grid, leader, reports, due, onTime, rated, satisfied, inspections, inspectionAverage
ORDER BY c.id, g.id
"""
SCOPE_EXISTS = """
OPTIONAL MATCH (c:Community {id: $communityId})
OPTIONAL MATCH (s:Street {id: $streetId})
RETURN $communityId IS NULL OR c IS NOT NULL AS community, $streetId IS NULL OR s IS NOT NULL AS street
"""
UNIT_INSPECTIONS = """
MATCH (i:PropertyInspection)-[:INSPECTED]->(:Unit {id: $unitId})
WHERE i.date >= $from AND i.date < $to
MATCH (i)-[:AT]->(x:Compound)
RETURN properties(i) AS i, x.id AS compound
ORDER BY i.date, x.id
"""


# the statements a Fetch may run, by name (a closed table: the callers name a constant, never send text)
QUERIES = {
    "YEAR_RATINGS": YEAR_RATINGS,
    "YEAR_CONTEXT": YEAR_CONTEXT,
    "PUBLISHED": PUBLISHED,
    "GRID_FIGURES": GRID_FIGURES,
    "SCOPE_EXISTS": SCOPE_EXISTS,
}


def rating(p: dict[str, Any], unit_id: str, place_id: str | None) -> dr.PropertyRating:
    return dr.PropertyRating(
        id=p["id"], unit_id=unit_id, year=int(p["year"]), rater=dr.Rater(p["rater"]), place_id=place_id or "",
        party_building=float(p["partyBuilding"]), environment=float(p["environment"]),
        management=float(p["management"]), comment=p.get("comment", ""),
        at=to_datetime(p["at"]) if p.get("at") is not None else None, by=p.get("by", ""),
    )  # fmt: skip


def credit_record(unit_id: str, p: dict[str, Any]) -> dr.CreditRecord:
    return dr.CreditRecord(
        unit_id=unit_id, year=int(p["year"]), score=float(p["score"]), rank=int(p["rank"]),
        mark=dr.ListMark(p["list"]) if p.get("list") else None, last=bool(p.get("last")),
        notes=p.get("notes", ""),
        published_at=to_datetime(p["publishedAt"]) if p.get("publishedAt") is not None else None,
    )  # fmt: skip


def inspection(p: dict[str, Any], compound_id: str, unit_id: str) -> dr.Inspection:
    on = to_date(p["date"])
    assert on is not None
    return dr.Inspection(p["id"], compound_id, unit_id, on, float(p["score"]), p.get("findings", ""))


@dataclass(frozen=True)
class CompanyYear:
    """A company's line in a year's list: its entry, its ratings, and the inspections and surveys beside."""

    unit_id: str
    name: str
    entry: dr.ListEntry
    ratings: tuple[dr.PropertyRating, ...]
    inspections: int
    inspection_average: float | None
    surveyed: int
    satisfied: int

    @property
    def satisfaction_rate(self) -> float | None:
        return round(self.satisfied / self.surveyed, 4) if self.surveyed else None


@dataclass(frozen=True)
class YearList:
    year: int
    published_at: datetime | None
    companies: tuple[CompanyYear, ...]

    @property
    def published(self) -> bool:
        return self.published_at is not None


def list_id(year: int) -> str:
    return f"property-{year}"


async def year_list(fetch: Fetch, year: int) -> YearList:
    """The year's red/black list, computed from the ratings; once published, the ranks and marks are the
    frozen credit records' (the ratings of a published year cannot change anyway)."""
    rows = await fetch("YEAR_RATINGS", {"year": year})
    ratings = [rating(r["r"], r["unit"], r["place"]) for r in rows]
    units = sorted({r.unit_id for r in ratings})
    entries = dr.rank_list([dr.combine(u, year, ratings) for u in units])
    published = (await fetch("PUBLISHED", {"listId": list_id(year), "year": year}))[0]
    frozen = {uid: credit_record(uid, p) for uid, p in (published["records"] or [])}
    if frozen:
        entries = [
            dr.ListEntry(e.score, frozen[e.score.unit_id].rank, frozen[e.score.unit_id].mark,
                         frozen[e.score.unit_id].last) if e.score.unit_id in frozen else e
            for e in entries
        ]  # fmt: skip
    context = {r["unit"]: r for r in await fetch("YEAR_CONTEXT", {"unitIds": units, "year": year,
               "from": date(year, 1, 1), "to": date(year + 1, 1, 1)})}  # fmt: skip
    companies = []
    for e in entries:
        c = context.get(e.score.unit_id, {})
        avg = c.get("inspectionAverage")
        companies.append(
            CompanyYear(
                unit_id=e.score.unit_id,
                name=c.get("name") or e.score.unit_id,
                entry=e,
                ratings=tuple(r for r in ratings if r.unit_id == e.score.unit_id),
                inspections=int(c.get("inspections") or 0),
                inspection_average=round(avg, 2) if avg is not None else None,
                surveyed=int(c.get("surveyed") or 0),
                satisfied=int(c.get("satisfied") or 0),
            )
        )
    at = published["publishedAt"]
    return YearList(year, to_datetime(at) if at is not None else None, tuple(companies))


def _at(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=UTC)


@dataclass(frozen=True)
class GridRow:
    leader_id: str | None
    score: dr.GridScore


async def grid_figures(
    fetch: Fetch, period: dr.Period, now: datetime, community_id: str | None, street_id: str | None
) -> list[GridRow]:
    rows = await fetch(
        "GRID_FIGURES",
        {"from": period.start, "to": period.end, "fromAt": _at(period.start), "toAt": _at(period.end),
         "now": now, "communityId": community_id, "streetId": street_id},
    )  # fmt: skip
    out = []
    for r in rows:
        avg = r["inspectionAverage"]
        f = dr.GridFigures(
            r["grid"], int(r["reports"]), int(r["due"]), int(r["onTime"]), int(r["rated"]), int(r["satisfied"]),
            int(r["inspections"]), round(avg, 2) if avg is not None else None,
        )  # fmt: skip
        out.append(GridRow(r["leader"], dr.rate_grid(f)))
    return out
