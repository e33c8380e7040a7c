"""Ratings in the API (issue #14 point 4): property companies' yearly ratings by three raters combined 4:4:2,
inspections and satisfaction surveys, the red/black list and the credit file (Unit.creditRecords,
Unit.biddingEligible), grid ratings red/blue/yellow per quarter and the half-yearly 三最 grid workers."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Annotated

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.api.enums import mirror
from orggraph.api.network_types import Community, Compound, Grid, Person, Unit
from orggraph.api.words import arg, input_field
from orggraph.domain import glossary
from orggraph.domain import ratings as dr
from orggraph.graph import rating_reads
from orggraph.graph.hops import GovernanceHops as GH
from orggraph.graph.hops import Nodes, RatingHops
from orggraph.services import ratings

PropertyRater = mirror(dr.Rater, dr.RATER_LABELS, "PropertyRater")
RatingListMark = mirror(dr.ListMark, dr.LIST_LABELS, "RatingListMark")
GridColour = mirror(dr.GridColour, dr.COLOUR_LABELS, "GridColour")
GridHonour = mirror(dr.Honour, dr.HONOUR_LABELS, "GridHonour")


def _d(entity: str, field: str | None = None) -> str:
    return glossary.describe(entity, field)


def _mark(m: dr.ListMark | None) -> object | None:
    return RatingListMark(m.value) if m else None


@strawberry.type(description=_d("CreditRecord"))
class CreditRecord:
    year: int = strawberry.field(description=_d("CreditRecord", "year"))
    score: float = strawberry.field(description=_d("CreditRecord", "score"))
    rank: int = strawberry.field(description=_d("CreditRecord", "rank"))
    list_mark: RatingListMark | None = strawberry.field(name="list", description=_d("CreditRecord", "list"))  # type: ignore[valid-type]
    list_label: str | None = strawberry.field(description=_d("CreditRecord", "listLabel"))
    last: bool = strawberry.field(description=_d("CreditRecord", "last"))
    notes: str = strawberry.field(description=_d("CreditRecord", "notes"))
    published_at: datetime | None = strawberry.field(description=_d("CreditRecord", "publishedAt"))

    @classmethod
    def from_entity(cls, c: dr.CreditRecord) -> CreditRecord:
        return cls(year=c.year, score=c.score, rank=c.rank, list_mark=_mark(c.mark),
                   list_label=dr.LIST_LABELS[c.mark] if c.mark else None, last=c.last, notes=c.notes,
                   published_at=c.published_at)  # fmt: skip


@strawberry.type(description=_d("BiddingIneligibility"))
class BiddingIneligibility:
    year: int = strawberry.field(description=_d("BiddingIneligibility", "year"))
    reason: str = strawberry.field(description=_d("BiddingIneligibility", "reason"))


async def credit_records(info: Ctx, unit_id: str) -> list[dr.CreditRecord]:
    found: list[dr.CreditRecord] = await info.context.loaders.related(
        RatingHops.CREDIT_RECORDS_OF_UNIT, unit_id
    )
    return sorted(found, key=lambda c: -c.year)


def ineligibility(records: list[dr.CreditRecord]) -> BiddingIneligibility | None:
    """The first year the unit came last in a published list: since then it may not bid for new projects."""
    last = sorted((c for c in records if c.last), key=lambda c: c.year)
    if not last:
        return None
    c = last[0]
    return BiddingIneligibility(
        year=c.year, reason=f"{c.year} 年度物业考评末位(第 {c.rank} 名,{c.score:g} 分)"
    )


@strawberry.type(description=_d("PropertyRating"))
class PropertyRating:
    id: strawberry.ID = strawberry.field(description=_d("PropertyRating", "id"))
    year: int = strawberry.field(description=_d("PropertyRating", "year"))
    rater: PropertyRater = strawberry.field(description=_d("PropertyRating", "rater"))  # type: ignore[valid-type]
    rater_label: str = strawberry.field(description=_d("PropertyRating", "raterLabel"))
    party_building: float = strawberry.field(description=_d("PropertyRating", "partyBuilding"))
    environment: float = strawberry.field(description=_d("PropertyRating", "environment"))
    management: float = strawberry.field(description=_d("PropertyRating", "management"))
    total: float = strawberry.field(description=_d("PropertyRating", "total"))
    comment: str = strawberry.field(description=_d("PropertyRating", "comment"))
    rated_at: datetime | None = strawberry.field(description=_d("PropertyRating", "ratedAt"))
    unit_id: strawberry.Private[str]
    place_id: strawberry.Private[str]
    rater_kind: strawberry.Private[dr.Rater]

    @classmethod
    def from_entity(cls, r: dr.PropertyRating) -> PropertyRating:
        return cls(
            id=strawberry.ID(r.id), year=r.year, rater=PropertyRater(r.rater.value),
            rater_label=dr.RATER_LABELS[r.rater], party_building=r.party_building, environment=r.environment,
            management=r.management, total=r.total, comment=r.comment, rated_at=r.at, unit_id=r.unit_id,
            place_id=r.place_id, rater_kind=r.rater,
        )  # fmt: skip

    @strawberry.field(description=_d("PropertyRating", "unit"))
    async def unit(self, info: Ctx) -> Unit | None:
        u = await info.context.loaders.node(Nodes.UNIT, self.unit_id)
        return Unit.from_entity(u) if u else None

    @strawberry.field(description=_d("PropertyRating", "raterUnit"))
    async def rater_unit(self, info: Ctx) -> Unit | None:
        if self.rater_kind is not dr.Rater.AUTHORITY:
            return None
        u = await info.context.loaders.node(Nodes.UNIT, self.place_id)
        return Unit.from_entity(u) if u else None

    @strawberry.field(description=_d("PropertyRating", "community"))
    async def community(self, info: Ctx) -> Community | None:
        if self.rater_kind is not dr.Rater.COMMUNITY:
            return None
        c = await info.context.loaders.node(Nodes.COMMUNITY, self.place_id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description=_d("PropertyRating", "compound"))
    async def compound(self, info: Ctx) -> Compound | None:
        if self.rater_kind is not dr.Rater.OWNERS:
            return None
        x = await info.context.loaders.node(RatingHops.COMPOUND, self.place_id)
        return Compound.from_entity(x) if x else None


@strawberry.type(description=_d("RaterScore"))
class RaterScore:
    rater: PropertyRater = strawberry.field(description=_d("RaterScore", "rater"))  # type: ignore[valid-type]
    rater_label: str = strawberry.field(description=_d("RaterScore", "raterLabel"))
    weight: float = strawberry.field(description=_d("RaterScore", "weight"))
    ratings: int = strawberry.field(description=_d("RaterScore", "ratings"))
    party_building: float | None = strawberry.field(description=_d("RaterScore", "partyBuilding"))
    environment: float | None = strawberry.field(description=_d("RaterScore", "environment"))
    management: float | None = strawberry.field(description=_d("RaterScore", "management"))
    score: float | None = strawberry.field(description=_d("RaterScore", "score"))
    contribution: float | None = strawberry.field(description=_d("RaterScore", "contribution"))
    explanation: str = strawberry.field(description=_d("RaterScore", "explanation"))

    @classmethod
    def from_entity(cls, r: dr.RaterScore) -> RaterScore:
        return cls(
            rater=PropertyRater(r.rater.value), rater_label=dr.RATER_LABELS[r.rater], weight=r.weight,
            ratings=r.ratings, party_building=r.party_building, environment=r.environment, management=r.management,
            score=r.score, contribution=r.contribution, explanation=r.explanation,
        )  # fmt: skip


@strawberry.type(description=_d("PropertyRatingEntry"))
class PropertyRatingEntry:
    score: float | None = strawberry.field(description=_d("PropertyRatingEntry", "score"))
    rank: int | None = strawberry.field(description=_d("PropertyRatingEntry", "rank"))
    list_mark: RatingListMark | None = strawberry.field(  # type: ignore[valid-type]
        name="list", description=_d("PropertyRatingEntry", "list")
    )
    list_label: str | None = strawberry.field(description=_d("PropertyRatingEntry", "listLabel"))
    last: bool = strawberry.field(description=_d("PropertyRatingEntry", "last"))
    raters: list[RaterScore] = strawberry.field(description=_d("PropertyRatingEntry", "raters"))
    missing_raters: list[PropertyRater] = strawberry.field(  # type: ignore[valid-type]
        description=_d("PropertyRatingEntry", "missingRaters")
    )
    explanation: str = strawberry.field(description=_d("PropertyRatingEntry", "explanation"))
    notes: str = strawberry.field(description=_d("PropertyRatingEntry", "notes"))
    inspections: int = strawberry.field(description=_d("PropertyRatingEntry", "inspections"))
    inspection_average: float | None = strawberry.field(
        description=_d("PropertyRatingEntry", "inspectionAverage")
    )
    surveyed: int = strawberry.field(description=_d("PropertyRatingEntry", "surveyed"))
    satisfied: int = strawberry.field(description=_d("PropertyRatingEntry", "satisfied"))
    satisfaction_rate: float | None = strawberry.field(
        description=_d("PropertyRatingEntry", "satisfactionRate")
    )
    ratings: list[PropertyRating] = strawberry.field(description=_d("PropertyRatingEntry", "ratings"))
    unit_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, c: rating_reads.CompanyYear) -> PropertyRatingEntry:
        e = c.entry
        return cls(
            score=e.score.score, rank=e.rank, list_mark=_mark(e.mark), list_label=dr.LIST_LABELS[e.mark] if e.mark else None,
            last=e.last, raters=[RaterScore.from_entity(r) for r in e.score.raters],
            missing_raters=[PropertyRater(r.value) for r in e.score.missing], explanation=e.score.explanation,
            notes=e.note, inspections=c.inspections, inspection_average=c.inspection_average, surveyed=c.surveyed,
            satisfied=c.satisfied, satisfaction_rate=c.satisfaction_rate,
            ratings=[PropertyRating.from_entity(r) for r in c.ratings], unit_id=c.unit_id,
        )  # fmt: skip

    @strawberry.field(description=_d("PropertyRatingEntry", "unit"))
    async def unit(self, info: Ctx) -> Unit | None:
        u = await info.context.loaders.node(Nodes.UNIT, self.unit_id)
        return Unit.from_entity(u) if u else None


@strawberry.type(description=_d("PropertyRatingList"))
class PropertyRatingList:
    year: int = strawberry.field(description=_d("PropertyRatingList", "year"))
    published: bool = strawberry.field(description=_d("PropertyRatingList", "published"))
    published_at: datetime | None = strawberry.field(description=_d("PropertyRatingList", "publishedAt"))
    rule: str = strawberry.field(description=_d("PropertyRatingList", "rule"))
    entries: list[PropertyRatingEntry] = strawberry.field(description=_d("PropertyRatingList", "entries"))

    @classmethod
    def from_list(cls, found: rating_reads.YearList) -> PropertyRatingList:
        return cls(year=found.year, published=found.published, published_at=found.published_at, rule=LIST_RULE,
                   entries=[PropertyRatingEntry.from_row(c) for c in found.companies])  # fmt: skip


LIST_RULE = (
    "综合得分 = 物业主管部门 × 0.4 + 社区党组织 × 0.4 + 业主代表 × 0.2(各方为其评分的平均);"
    "按综合得分排名,前 30%(向上取整)列入红榜,后 20%(向上取整)列入黑榜;末位取消参与新物业项目招投标的资格"
)
GRID_RULE = (
    "按时办结率、群众满意率(百分数)与物业抽查平均分中本期已有数据的平均;"
    "≥90 为红色网格,≥75 为蓝色网格,其余为黄色网格;三项都没有的网格不评色"
)


@strawberry.type(description=_d("PropertyInspection"))
class PropertyInspection:
    id: strawberry.ID = strawberry.field(description=_d("PropertyInspection", "id"))
    date: dt.date = strawberry.field(description=_d("PropertyInspection", "date"))
    score: float = strawberry.field(description=_d("PropertyInspection", "score"))
    findings: str = strawberry.field(description=_d("PropertyInspection", "findings"))
    unit_id: strawberry.Private[str]
    compound_id: strawberry.Private[str]

    @strawberry.field(description=_d("PropertyInspection", "unit"))
    async def unit(self, info: Ctx) -> Unit | None:
        u = await info.context.loaders.node(Nodes.UNIT, self.unit_id)
        return Unit.from_entity(u) if u else None

    @strawberry.field(description=_d("PropertyInspection", "compound"))
    async def compound(self, info: Ctx) -> Compound | None:
        x = await info.context.loaders.node(RatingHops.COMPOUND, self.compound_id)
        return Compound.from_entity(x) if x else None


@strawberry.type(description=_d("SatisfactionSurvey"))
class SatisfactionSurvey:
    id: strawberry.ID = strawberry.field(description=_d("SatisfactionSurvey", "id"))
    quarter: str = strawberry.field(description=_d("SatisfactionSurvey", "quarter"))
    surveyed: int = strawberry.field(description=_d("SatisfactionSurvey", "surveyed"))
    satisfied: int = strawberry.field(description=_d("SatisfactionSurvey", "satisfied"))
    rate: float = strawberry.field(description=_d("SatisfactionSurvey", "rate"))
    unit_id: strawberry.Private[str]
    compound_id: strawberry.Private[str]

    @strawberry.field(description=_d("SatisfactionSurvey", "unit"))
    async def unit(self, info: Ctx) -> Unit | None:
        u = await info.context.loaders.node(Nodes.UNIT, self.unit_id)
        return Unit.from_entity(u) if u else None

    @strawberry.field(description=_d("SatisfactionSurvey", "compound"))
    async def compound(self, info: Ctx) -> Compound | None:
        x = await info.context.loaders.node(RatingHops.COMPOUND, self.compound_id)
        return Compound.from_entity(x) if x else None


@strawberry.type(description=_d("GridRating"))
class GridRating:
    period: str = strawberry.field(description=_d("GridRating", "period"))
    colour: GridColour | None = strawberry.field(description=_d("GridRating", "colour"))  # type: ignore[valid-type]
    colour_label: str | None = strawberry.field(description=_d("GridRating", "colourLabel"))
    score: float | None = strawberry.field(description=_d("GridRating", "score"))
    reports: int = strawberry.field(description=_d("GridRating", "reports"))
    reports_due: int = strawberry.field(description=_d("GridRating", "reportsDue"))
    reports_on_time: int = strawberry.field(description=_d("GridRating", "reportsOnTime"))
    on_time_rate: float | None = strawberry.field(description=_d("GridRating", "onTimeRate"))
    reports_rated: int = strawberry.field(description=_d("GridRating", "reportsRated"))
    reports_satisfied: int = strawberry.field(description=_d("GridRating", "reportsSatisfied"))
    satisfaction_rate: float | None = strawberry.field(description=_d("GridRating", "satisfactionRate"))
    inspections: int = strawberry.field(description=_d("GridRating", "inspections"))
    inspection_average: float | None = strawberry.field(description=_d("GridRating", "inspectionAverage"))
    explanation: str = strawberry.field(description=_d("GridRating", "explanation"))
    grid_id: strawberry.Private[str]
    leader_id: strawberry.Private[str | None]

    @classmethod
    def from_score(cls, period: dr.Period, s: dr.GridScore, leader_id: str | None) -> GridRating:
        f = s.figures
        return cls(
            period=period.name, colour=GridColour(s.colour.value) if s.colour else None,
            colour_label=dr.COLOUR_LABELS[s.colour] if s.colour else None, score=s.score, reports=f.reports,
            reports_due=f.due, reports_on_time=f.on_time, on_time_rate=f.on_time_rate, reports_rated=f.rated,
            reports_satisfied=f.satisfied, satisfaction_rate=f.satisfaction_rate, inspections=f.inspections,
            inspection_average=f.inspection_average, explanation=s.explanation, grid_id=f.grid_id,
            leader_id=leader_id,
        )  # fmt: skip

    @strawberry.field(description=_d("GridRating", "grid"))
    async def grid(self, info: Ctx) -> Grid | None:
        g = await info.context.loaders.node(GH.GRID, self.grid_id)
        return Grid.from_entity(g) if g else None

    @strawberry.field(description=_d("GridRating", "leader"))
    async def leader(self, info: Ctx) -> Person | None:
        if self.leader_id is None:
            return None
        p = await info.context.loaders.node(Nodes.PERSON, self.leader_id)
        return Person.from_entity(p) if p else None


@strawberry.type(description=_d("GridRatings"))
class GridRatings:
    quarter: str = strawberry.field(description=_d("GridRatings", "quarter"))
    rule: str = strawberry.field(description=_d("GridRatings", "rule"))
    red: int = strawberry.field(description=_d("GridRatings", "red"))
    blue: int = strawberry.field(description=_d("GridRatings", "blue"))
    yellow: int = strawberry.field(description=_d("GridRatings", "yellow"))
    unrated: int = strawberry.field(description=_d("GridRatings", "unrated"))
    grids: list[GridRating] = strawberry.field(description=_d("GridRatings", "grids"))


@strawberry.type(description=_d("GridWorkerHonour"))
class GridWorkerHonour:
    honour: GridHonour = strawberry.field(description=_d("GridWorkerHonour", "honour"))  # type: ignore[valid-type]
    honour_label: str = strawberry.field(description=_d("GridWorkerHonour", "honourLabel"))
    half: str = strawberry.field(description=_d("GridWorkerHonour", "half"))
    figure: float = strawberry.field(description=_d("GridWorkerHonour", "figure"))
    explanation: str = strawberry.field(description=_d("GridWorkerHonour", "explanation"))
    figures: GridRating = strawberry.field(description=_d("GridWorkerHonour", "figures"))
    person_id: strawberry.Private[str]

    @strawberry.field(description=_d("GridWorkerHonour", "person"))
    async def person(self, info: Ctx) -> Person | None:
        p = await info.context.loaders.node(Nodes.PERSON, self.person_id)
        return Person.from_entity(p) if p else None


def _opt(value: strawberry.ID | None) -> str | None:
    return str(value).strip() if value is not None and str(value).strip() else None


@strawberry.type
class RatingQuery:
    @strawberry.field(description=glossary.use_case("propertyRatingList"))
    async def property_rating_list(
        self, info: Ctx, year: Annotated[int, arg("propertyRatingList", "year")]
    ) -> PropertyRatingList:
        found = await ratings.year_list(info.context.graph, info.context.caller, year)
        return PropertyRatingList.from_list(found)

    @strawberry.field(description=glossary.use_case("gridRatings"))
    async def grid_ratings(
        self,
        info: Ctx,
        quarter: Annotated[str, arg("gridRatings", "quarter")],
        community_id: Annotated[strawberry.ID | None, arg("gridRatings", "communityId")] = None,
        street_id: Annotated[strawberry.ID | None, arg("gridRatings", "streetId")] = None,
    ) -> GridRatings:
        period, rows = await ratings.grid_ratings(
            info.context.graph, quarter, _opt(community_id), _opt(street_id)
        )
        grids = [GridRating.from_score(period, r.score, r.leader_id) for r in rows]
        count = {c: sum(1 for r in rows if r.score.colour is c) for c in dr.GridColour}
        return GridRatings(
            quarter=period.name, rule=GRID_RULE, red=count[dr.GridColour.RED], blue=count[dr.GridColour.BLUE],
            yellow=count[dr.GridColour.YELLOW], unrated=sum(1 for r in rows if r.score.colour is None), grids=grids,
        )  # fmt: skip

    @strawberry.field(description=glossary.use_case("gridWorkerHonours"))
    async def grid_worker_honours(
        self,
        info: Ctx,
        half: Annotated[str, arg("gridWorkerHonours", "half")],
        community_id: Annotated[strawberry.ID | None, arg("gridWorkerHonours", "communityId")] = None,
        street_id: Annotated[strawberry.ID | None, arg("gridWorkerHonours", "streetId")] = None,
    ) -> list[GridWorkerHonour]:
        period, awards = await ratings.honours(info.context.graph, half, _opt(community_id), _opt(street_id))
        return [
            GridWorkerHonour(
                honour=GridHonour(a.honour.value),
                honour_label=dr.HONOUR_LABELS[a.honour],
                half=period.name,
                figure=a.figure,
                explanation=a.explanation,
                figures=GridRating.from_score(period, a.grid, a.person_id),
                person_id=a.person_id,
            )
            for a in awards
        ]


P = "PropertyRating"


@strawberry.input(description=glossary.input_type("recordPropertyRating"))
class RecordPropertyRatingInput:
    unit_id: strawberry.ID = input_field(P, "unitId")
    year: int = input_field(P, "year")
    rater: PropertyRater = input_field(P, "rater")  # type: ignore[valid-type]
    party_building: float = input_field(P, "partyBuilding")
    environment: float = input_field(P, "environment")
    management: float = input_field(P, "management")
    rater_unit_id: strawberry.ID | None = input_field(P, "raterUnitId", default=None)
    community_id: strawberry.ID | None = input_field(P, "communityId", default=None)
    compound_id: strawberry.ID | None = input_field(P, "compoundId", default=None)
    comment: str = input_field(P, "comment", default="")


@strawberry.input(description=glossary.input_type("recordInspection"))
class RecordInspectionInput:
    compound_id: strawberry.ID = input_field("PropertyInspection", "compoundId")
    date: dt.date = input_field("PropertyInspection", "date")
    score: float = input_field("PropertyInspection", "score")
    findings: str = input_field("PropertyInspection", "findings", default="")


@strawberry.input(description=glossary.input_type("recordSatisfactionSurvey"))
class RecordSatisfactionSurveyInput:
    compound_id: strawberry.ID = input_field("SatisfactionSurvey", "compoundId")
    quarter: str = input_field("SatisfactionSurvey", "quarter")
    surveyed: int = input_field("SatisfactionSurvey", "surveyed")
    satisfied: int = input_field("SatisfactionSurvey", "satisfied")


@strawberry.input(description=glossary.input_type("publishPropertyRatingList"))
class PublishPropertyRatingListInput:
    year: int = input_field("PropertyRatingList", "year")


@strawberry.type
class RatingMutation:
    @strawberry.mutation(description=glossary.use_case("recordPropertyRating"))
    async def record_property_rating(
        self, info: Ctx, input: Annotated[RecordPropertyRatingInput, arg("recordPropertyRating", "input")]
    ) -> PropertyRating:
        cmd = dr.RecordPropertyRating(
            unit_id=input.unit_id, year=input.year, rater=enums.to_domain(dr.Rater, input.rater),
            party_building=input.party_building, environment=input.environment, management=input.management,
            rater_unit_id=input.rater_unit_id, community_id=input.community_id, compound_id=input.compound_id,
            comment=input.comment,
        )  # fmt: skip
        r = await ratings.record_property_rating(info.context.graph, info.context.caller, cmd)
        return PropertyRating.from_entity(r)

    @strawberry.mutation(description=glossary.use_case("recordInspection"))
    async def record_inspection(
        self, info: Ctx, input: Annotated[RecordInspectionInput, arg("recordInspection", "input")]
    ) -> PropertyInspection:
        cmd = dr.RecordInspection(input.compound_id, input.date, input.score, input.findings)
        i = await ratings.record_inspection(info.context.graph, info.context.caller, cmd)
        return PropertyInspection(id=strawberry.ID(i.id), date=i.on, score=i.score, findings=i.findings,
                                  unit_id=i.unit_id, compound_id=i.compound_id)  # fmt: skip

    @strawberry.mutation(description=glossary.use_case("recordSatisfactionSurvey"))
    async def record_satisfaction_survey(
        self,
        info: Ctx,
        input: Annotated[RecordSatisfactionSurveyInput, arg("recordSatisfactionSurvey", "input")],
    ) -> SatisfactionSurvey:
        cmd = dr.RecordSurvey(input.compound_id, input.quarter, input.surveyed, input.satisfied)
        s = await ratings.record_survey(info.context.graph, info.context.caller, cmd)
        return SatisfactionSurvey(id=strawberry.ID(s.id), quarter=s.quarter, surveyed=s.surveyed,
                                  satisfied=s.satisfied, rate=s.rate, unit_id=s.unit_id, compound_id=s.compound_id)  # fmt: skip

    @strawberry.mutation(description=glossary.use_case("publishPropertyRatingList"))
    async def publish_property_rating_list(
        self,
        info: Ctx,
        input: Annotated[PublishPropertyRatingListInput, arg("publishPropertyRatingList", "input")],
    ) -> PropertyRatingList:
        found = await ratings.publish_list(
            info.context.graph, info.context.caller, dr.PublishList(input.year)
        )
        return PropertyRatingList.from_list(found)


__all__ = [
    "BiddingIneligibility",
    "CreditRecord",
    "RatingMutation",
    "RatingQuery",
    "credit_records",
    "ineligibility",
]
