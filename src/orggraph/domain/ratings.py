"""Ratings (物业考核、红黑榜、三色网格、“三最”网格工作者), issue #14 point 4. Pure: the entities, the
commands, and the rules that turn scores and figures into results, each result with the inputs that
produced it (like matching's reasons).

Property companies (物业企业), yearly. Three raters score a company over three indicator groups:
  党建 partyBuilding (0-30), 环境 environment (0-35), 管理 management (0-35); a rating's total is their sum
  (0-100). The article's 60 indicators sit inside these groups; orggraph keeps the group subtotals.
  - the housing authority (物业主管部门, 住建局: an AGENCY unit), one rating per company and year;
  - the community party organisation, one per community where the company works;
  - owners' representatives, one per compound the company manages.
  A rater's score is the mean of its ratings' totals; the combined score is 0.4 × authority + 0.4 ×
  community + 0.2 × owners (4:4:2). A company missing one of the three raters has no combined score and
  is not ranked (its entry names the missing raters).
  Monthly random inspections (每月随机抽查) and quarterly satisfaction surveys (每季度满意度调查) are
  recorded beside the ratings: the list shows them with each company's score, and the raters weigh them
  in their 环境/管理 subtotals; they do not change the 4:4:2 arithmetic (the article's year-end score is
  the three raters').

The red/black list (红黑榜) of a year ranks the companies with a combined score, best first: the red list
is the top 30% (rounded up), the black list the bottom 20% (rounded up), at least one each when two or
more companies are ranked; a company never sits on both (with too few companies the overlap gets
neither mark). The last place (the lowest score; ties share it) loses bidding eligibility when the list
is published (publishPropertyRatingList freezes the list into credit records, once).

Grids, quarterly (红蓝黄三色网格), derived on read from the grid's compounds:
  - reports handled on time: of the reports made in the quarter that were due (handled, or deadline
    passed), the share handled by their deadline;
  - residents' satisfaction: of the reports made in the quarter that were rated, the share SATISFIED or
    BASICALLY_SATISFIED;
  - inspections: the mean score of the property inspections of its compounds in the quarter.
  The grid's score is the mean of the figures it has (rates as percentages); RED at 90 or more, BLUE at
  75 or more, YELLOW below; a grid with none of the three figures gets no colour.

三最 grid workers, half-yearly, among the grid leaders (the grid's figures over the half year):
  最优网格员 the highest grid score (at least 3 reports and inspections); 最佳网格员 the highest on-time rate (at least 3 reports due);
  最美网格员 the highest satisfaction rate (at least 3 reports rated). Chosen in that order, each honour to
  a different person; ties go to the larger number of reports, then the grid id.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from orggraph.domain.errors import BadInput, Conflict, not_found
from orggraph.domain.model import UnitKind
from orggraph.domain.text import clean_id, clean_text

FIRST_YEAR = 2000


class Rater(StrEnum):
    AUTHORITY = "AUTHORITY"  # 物业主管部门(住建局)
    COMMUNITY = "COMMUNITY"  # 社区党组织
    OWNERS = "OWNERS"  # 业主代表


RATER_LABELS = {Rater.AUTHORITY: "物业主管部门", Rater.COMMUNITY: "社区党组织", Rater.OWNERS: "业主代表"}
WEIGHTS = {Rater.AUTHORITY: 0.4, Rater.COMMUNITY: 0.4, Rater.OWNERS: 0.2}  # 4:4:2

# the indicator groups and their maximum points (together 100)
PARTY_BUILDING_MAX, ENVIRONMENT_MAX, MANAGEMENT_MAX = 30.0, 35.0, 35.0
GROUPS = (("partyBuilding", "党建", PARTY_BUILDING_MAX), ("environment", "环境", ENVIRONMENT_MAX),
          ("management", "管理", MANAGEMENT_MAX))  # fmt: skip


class ListMark(StrEnum):
    RED = "RED"
    BLACK = "BLACK"


LIST_LABELS = {ListMark.RED: "红榜", ListMark.BLACK: "黑榜"}
RED_SHARE, BLACK_SHARE = 0.3, 0.2


class GridColour(StrEnum):
    RED = "RED"
    BLUE = "BLUE"
    YELLOW = "YELLOW"


COLOUR_LABELS = {GridColour.RED: "红色网格", GridColour.BLUE: "蓝色网格", GridColour.YELLOW: "黄色网格"}
RED_AT, BLUE_AT = 90.0, 75.0


class Honour(StrEnum):
    FINEST = "FINEST"  # 最优网格员
    BEST = "BEST"  # 最佳网格员
    MOST_BEAUTIFUL = "MOST_BEAUTIFUL"  # 最美网格员


HONOUR_LABELS = {Honour.FINEST: "最优网格员", Honour.BEST: "最佳网格员", Honour.MOST_BEAUTIFUL: "最美网格员"}
MIN_REPORTS = 3


def _r(x: float) -> float:
    return round(x + 0.0, 2)


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def check_year(value: int, today: date, field: str = "year") -> int:
    if not FIRST_YEAR <= value <= today.year:
        raise BadInput(f"{field}: 年度应在 {FIRST_YEAR} 到 {today.year} 之间", field=field)
    return value


# ---------------------------------------------------------------- periods

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_HALF = re.compile(r"^(\d{4})H([12])$")


@dataclass(frozen=True)
class Period:
    """A quarter (2022Q1) or a half year (2022H1): the dates from `start` up to, not including, `end`."""

    name: str
    start: date
    end: date


def _period(name: str, year: int, first_month: int, months: int) -> Period:
    end_month = first_month + months
    end = date(year + 1, 1, 1) if end_month > 12 else date(year, end_month, 1)
    return Period(name, date(year, first_month, 1), end)


def quarter(value: str, field: str = "quarter") -> Period:
    m = _QUARTER.match(value.strip())
    if not m or not FIRST_YEAR <= int(m[1]) <= 2100:
        raise BadInput(f"{field}: 季度的写法如 2022Q1(年份加 Q1-Q4)", field=field)
    return _period(m[0], int(m[1]), 3 * int(m[2]) - 2, 3)


def half_year(value: str, field: str = "half") -> Period:
    m = _HALF.match(value.strip())
    if not m or not FIRST_YEAR <= int(m[1]) <= 2100:
        raise BadInput(f"{field}: 半年的写法如 2022H1(年份加 H1 上半年或 H2 下半年)", field=field)
    return _period(m[0], int(m[1]), 6 * int(m[2]) - 5, 6)


# ---------------------------------------------------------------- property ratings


@dataclass(frozen=True)
class PropertyRating:
    id: str
    unit_id: str
    year: int
    rater: Rater
    place_id: str  # the authority (a unit), the community or the compound the rater speaks for
    party_building: float
    environment: float
    management: float
    comment: str
    at: datetime | None
    by: str

    @property
    def total(self) -> float:
        return _r(self.party_building + self.environment + self.management)


@dataclass(frozen=True)
class RecordPropertyRating:
    unit_id: str
    year: int
    rater: Rater
    party_building: float
    environment: float
    management: float
    rater_unit_id: str | None = None  # AUTHORITY: the housing authority
    community_id: str | None = None  # COMMUNITY: the community whose party organisation rates
    compound_id: str | None = None  # OWNERS: the compound whose owners' representatives rate
    comment: str = ""

    @property
    def place_field(self) -> str:
        return {Rater.AUTHORITY: "raterUnitId", Rater.COMMUNITY: "communityId", Rater.OWNERS: "compoundId"}[
            self.rater
        ]

    @property
    def place_id(self) -> str:
        place = {Rater.AUTHORITY: self.rater_unit_id, Rater.COMMUNITY: self.community_id,
                 Rater.OWNERS: self.compound_id}[self.rater]  # fmt: skip
        return place or ""

    @property
    def id(self) -> str:
        """One rating per company, year, rater and place: recording it again replaces it (idempotent)."""
        return f"prating-{self.year}-{self.unit_id}-{self.rater.value.lower()}-{self.place_id}"

    def checked(self, today: date) -> RecordPropertyRating:
        check_year(self.year, today)
        values: dict[str, float] = {}
        for name, label, top in GROUPS:
            value = float(getattr(self, _snake(name)))
            if not (0 <= value <= top) or math.isnan(value):
                raise BadInput(f"{name}: {label}得分应在 0 到 {_fmt(top)} 之间", field=name)
            values[name] = round(value, 1)
        places = {"raterUnitId": self.rater_unit_id, "communityId": self.community_id,
                  "compoundId": self.compound_id}  # fmt: skip
        for name, given in places.items():
            if name != self.place_field and given:
                raise BadInput(f"{name}: {RATER_LABELS[self.rater]}的评分不填此项", field=name)
        place = places[self.place_field]
        if not place:
            raise BadInput(
                f"{self.place_field}: {RATER_LABELS[self.rater]}的评分须填写", field=self.place_field
            )
        cleaned = clean_id(place, self.place_field)
        return replace(
            self,
            unit_id=clean_id(self.unit_id, "unitId"),
            rater_unit_id=cleaned if self.rater is Rater.AUTHORITY else None,
            community_id=cleaned if self.rater is Rater.COMMUNITY else None,
            compound_id=cleaned if self.rater is Rater.OWNERS else None,
            comment=clean_text(self.comment, "comment", max_len=500, min_len=0),
            party_building=values["partyBuilding"],
            environment=values["environment"],
            management=values["management"],
        )


def _snake(name: str) -> str:
    return re.sub(r"([A-Z])", lambda m: "_" + m[1].lower(), name)


@dataclass(frozen=True)
class RatingState:
    """What recordPropertyRating judges: the company's kind and name (None: no such unit), whether the
    place exists (and for the authority, the rater unit's kind), and whether the year's list is out."""

    unit_kind: str | None
    place_exists: bool
    place_kind: str | None  # the rater unit's kind (AUTHORITY only)
    published: bool


def check_rating(state: RatingState, cmd: RecordPropertyRating) -> None:
    if state.unit_kind is None:
        raise not_found("单位", cmd.unit_id, "unitId")
    if state.unit_kind != UnitKind.PROPERTY_COMPANY.value:
        raise BadInput("unitId: 只有物业企业参加物业考核", field="unitId")
    what = {Rater.AUTHORITY: "单位", Rater.COMMUNITY: "社区", Rater.OWNERS: "小区"}[cmd.rater]
    if not state.place_exists:
        raise not_found(what, cmd.place_id, cmd.place_field)
    if cmd.rater is Rater.AUTHORITY and state.place_kind != UnitKind.AGENCY.value:
        raise BadInput("raterUnitId: 物业主管部门须为机关单位(如市住房和城乡建设局)", field="raterUnitId")
    if state.published:
        raise Conflict(f"year: {cmd.year} 年度的红黑榜已发布,评分不能再改", field="year")


@dataclass(frozen=True)
class RaterScore:
    """One rater's part of a company's combined score: the mean of its ratings, and its weighted share."""

    rater: Rater
    weight: float
    ratings: int
    party_building: float | None
    environment: float | None
    management: float | None
    score: float | None
    contribution: float | None

    @property
    def explanation(self) -> str:
        label = RATER_LABELS[self.rater]
        if self.score is None:
            return f"{label}:未评分(权重 {_fmt(self.weight)})"
        groups = "、".join(f"{glabel} {_fmt(getattr(self, _snake(name)))}" for name, glabel, _ in GROUPS)
        mean = f"{self.ratings} 份评分的平均 " if self.ratings > 1 else ""
        return f"{label}:{mean}{_fmt(self.score)} 分({groups})× {_fmt(self.weight)} = {_fmt(self.contribution or 0)}"


@dataclass(frozen=True)
class CombinedScore:
    unit_id: str
    year: int
    raters: tuple[RaterScore, ...]  # the three raters, in the order of WEIGHTS
    score: float | None  # None: a rater is missing

    @property
    def missing(self) -> tuple[Rater, ...]:
        return tuple(r.rater for r in self.raters if r.score is None)

    @property
    def explanation(self) -> str:
        if self.score is None:
            names = "、".join(RATER_LABELS[r] for r in self.missing)
            return f"缺少{names}的评分,不计综合得分、不参加排名"
        parts = " + ".join(
            f"{RATER_LABELS[r.rater]} {_fmt(r.score or 0)}×{_fmt(r.weight)}" for r in self.raters
        )
        return f"{parts} = {_fmt(self.score)}(4:4:2)"


def _mean(values: list[float]) -> float | None:
    return _r(sum(values) / len(values)) if values else None


def combine(unit_id: str, year: int, ratings: list[PropertyRating]) -> CombinedScore:
    """The company's combined score for the year: each rater's mean total, weighted 4:4:2."""
    parts: list[RaterScore] = []
    for rater, weight in WEIGHTS.items():
        mine = [r for r in ratings if r.rater is rater and r.unit_id == unit_id and r.year == year]
        score = _mean([r.total for r in mine])
        parts.append(
            RaterScore(
                rater=rater,
                weight=weight,
                ratings=len(mine),
                party_building=_mean([r.party_building for r in mine]),
                environment=_mean([r.environment for r in mine]),
                management=_mean([r.management for r in mine]),
                score=score,
                contribution=_r(score * weight) if score is not None else None,
            )
        )
    complete = all(p.contribution is not None for p in parts)
    total = _r(sum(p.contribution or 0 for p in parts)) if complete else None
    return CombinedScore(unit_id, year, tuple(parts), total)


@dataclass(frozen=True)
class ListEntry:
    score: CombinedScore
    rank: int | None  # 1 the best; ties share a rank; None: not ranked (incomplete)
    mark: ListMark | None
    last: bool  # the last place: loses bidding eligibility when the list is published

    @property
    def note(self) -> str:
        if self.rank is None:
            return self.score.explanation
        mark = f",列入{LIST_LABELS[self.mark]}" if self.mark else ""
        last = ",考评末位,取消参与新物业项目招投标的资格" if self.last else ""
        return f"第 {self.rank} 名{mark}{last}"


def list_sizes(ranked: int) -> tuple[int, int]:
    """How many companies the red and the black list take (before ties)."""
    if ranked < 2:
        return 0, 0
    return max(1, math.ceil(ranked * RED_SHARE - 1e-9)), max(1, math.ceil(ranked * BLACK_SHARE - 1e-9))


def rank_list(scores: list[CombinedScore]) -> list[ListEntry]:
    """The year's red/black list: ranked companies best first (ties by unit id), then the unranked."""
    ranked = sorted((s for s in scores if s.score is not None), key=lambda s: (-(s.score or 0), s.unit_id))
    unranked = sorted((s for s in scores if s.score is None), key=lambda s: s.unit_id)
    totals = [s.score or 0.0 for s in ranked]
    n_red, n_black = list_sizes(len(ranked))
    red_floor = totals[n_red - 1] if n_red else math.inf
    black_ceiling = totals[-n_black] if n_black else -math.inf
    lowest = totals[-1] if totals else None
    all_equal = len(set(totals)) <= 1
    out: list[ListEntry] = []
    for s in ranked:
        value = s.score or 0.0
        rank = 1 + sum(1 for t in totals if t > value)
        red, black = value >= red_floor, value <= black_ceiling
        mark = None if red == black else ListMark.RED if red else ListMark.BLACK
        last = len(ranked) >= 2 and not all_equal and value == lowest
        out.append(ListEntry(s, rank, mark, last))
    return out + [ListEntry(s, None, None, False) for s in unranked]


@dataclass(frozen=True)
class CreditRecord:
    """A company's entry in a published list, kept in its credit file (信用档案)."""

    unit_id: str
    year: int
    score: float
    rank: int
    mark: ListMark | None
    last: bool
    notes: str
    published_at: datetime | None


@dataclass(frozen=True)
class PublishList:
    year: int

    def checked(self, today: date) -> PublishList:
        check_year(self.year, today)
        return self


def check_publish(entries: list[ListEntry], year: int) -> None:
    if sum(1 for e in entries if e.rank is not None) < 2:
        raise BadInput(f"year: {year} 年度有三方评分的物业企业不足 2 家,不能发布红黑榜", field="year")


# ---------------------------------------------------------------- inspections and surveys


@dataclass(frozen=True)
class Inspection:
    id: str
    compound_id: str
    unit_id: str
    on: date
    score: float
    findings: str


@dataclass(frozen=True)
class RecordInspection:
    compound_id: str
    on: date
    score: float
    findings: str = ""

    @property
    def id(self) -> str:
        """One inspection per compound and day: recording it again replaces it (idempotent)."""
        return f"inspection-{self.compound_id}-{self.on.isoformat()}"

    def checked(self, today: date) -> RecordInspection:
        if not date(FIRST_YEAR, 1, 1) <= self.on <= today:
            raise BadInput(f"date: 抽查日期应在 {FIRST_YEAR} 年至今天之间", field="date")
        if not 0 <= self.score <= 100 or math.isnan(self.score):
            raise BadInput("score: 抽查得分应在 0 到 100 之间", field="score")
        return replace(
            self,
            compound_id=clean_id(self.compound_id, "compoundId"),
            score=round(float(self.score), 1),
            findings=clean_text(self.findings, "findings", max_len=500, min_len=0),
        )


@dataclass(frozen=True)
class Survey:
    id: str
    compound_id: str
    unit_id: str
    quarter: str
    surveyed: int
    satisfied: int

    @property
    def rate(self) -> float:
        return _r(self.satisfied / self.surveyed) if self.surveyed else 0.0


@dataclass(frozen=True)
class RecordSurvey:
    compound_id: str
    quarter: str
    surveyed: int
    satisfied: int

    @property
    def id(self) -> str:
        """One survey per compound and quarter: recording it again replaces it (idempotent)."""
        return f"survey-{self.compound_id}-{self.quarter}"

    def checked(self, today: date) -> RecordSurvey:
        period = quarter(self.quarter)
        if period.start > today:
            raise BadInput("quarter: 不能记录尚未开始的季度", field="quarter")
        if not 1 <= self.surveyed <= 100000:
            raise BadInput("surveyed: 调查户数应在 1 到 100000 之间", field="surveyed")
        if not 0 <= self.satisfied <= self.surveyed:
            raise BadInput("satisfied: 满意户数应在 0 到调查户数之间", field="satisfied")
        return replace(self, compound_id=clean_id(self.compound_id, "compoundId"), quarter=period.name)


def check_place_managed(compound_exists: bool, company_id: str | None, compound_id: str) -> str:
    """An inspection or a survey is of the compound's property company: the compound must have one."""
    if not compound_exists:
        raise not_found("小区", compound_id, "compoundId")
    if company_id is None:
        raise BadInput("compoundId: 该小区没有物业企业(无物业小区不参加物业考核)", field="compoundId")
    return company_id


# ---------------------------------------------------------------- grids and 三最


@dataclass(frozen=True)
class GridFigures:
    """A grid's figures over a period, read from its compounds' reports and inspections."""

    grid_id: str
    reports: int  # reports made in the period
    due: int  # of them, handled or past their deadline
    on_time: int  # of the due, handled by their deadline
    rated: int  # of the reports, rated by the reporter
    satisfied: int  # of the rated, SATISFIED or BASICALLY_SATISFIED
    inspections: int
    inspection_average: float | None

    @property
    def on_time_rate(self) -> float | None:
        return round(self.on_time / self.due, 4) if self.due else None

    @property
    def satisfaction_rate(self) -> float | None:
        return round(self.satisfied / self.rated, 4) if self.rated else None


@dataclass(frozen=True)
class GridScore:
    figures: GridFigures
    score: float | None
    colour: GridColour | None

    @property
    def explanation(self) -> str:
        f = self.figures
        parts = []
        if f.on_time_rate is not None:
            parts.append(f"按时办结 {f.on_time}/{f.due} = {_fmt(f.on_time_rate * 100)}%")
        if f.satisfaction_rate is not None:
            parts.append(f"满意 {f.satisfied}/{f.rated} = {_fmt(f.satisfaction_rate * 100)}%")
        if f.inspection_average is not None:
            parts.append(f"物业抽查 {f.inspections} 次平均 {_fmt(f.inspection_average)} 分")
        if self.score is None:
            return "本期没有上报事项和物业抽查,不评色"
        colour = COLOUR_LABELS[self.colour] if self.colour else ""
        rule = f"红≥{_fmt(RED_AT)},蓝≥{_fmt(BLUE_AT)},其余为黄"
        return f"{';'.join(parts)};平均 {_fmt(self.score)} 分 → {colour}({rule})"


def rate_grid(f: GridFigures) -> GridScore:
    values = [100 * a / b for a, b in ((f.on_time, f.due), (f.satisfied, f.rated)) if b]
    if f.inspection_average is not None:
        values.append(f.inspection_average)
    if not values:
        return GridScore(f, None, None)
    score = _r(sum(values) / len(values))
    colour = GridColour.RED if score >= RED_AT else GridColour.BLUE if score >= BLUE_AT else GridColour.YELLOW
    return GridScore(f, score, colour)


@dataclass(frozen=True)
class Candidate:
    person_id: str
    grid: GridScore


@dataclass(frozen=True)
class Award:
    honour: Honour
    person_id: str
    grid: GridScore
    figure: float

    @property
    def explanation(self) -> str:
        f = self.grid.figures
        if self.honour is Honour.FINEST:
            return f"所带网格半年综合得分 {_fmt(self.figure)},为候选网格长中最高"
        if self.honour is Honour.BEST:
            return f"所带网格半年按时办结率 {_fmt(self.figure * 100)}%({f.on_time}/{f.due}),为最高"
        return f"所带网格半年群众满意率 {_fmt(self.figure * 100)}%({f.satisfied}/{f.rated}),为最高"


def choose_honours(candidates: list[Candidate]) -> list[Award]:
    """The 三最 of a half year: 最优 (score), 最佳 (on time), 最美 (satisfaction), each to a different leader."""

    def figure(c: Candidate, honour: Honour) -> tuple[float, int] | None:
        f = c.grid.figures
        if honour is Honour.FINEST:
            inputs = f.reports + f.inspections
            return (c.grid.score, inputs) if c.grid.score is not None and inputs >= MIN_REPORTS else None
        if honour is Honour.BEST:
            rate = f.on_time_rate
            return (rate, f.due) if rate is not None and f.due >= MIN_REPORTS else None
        rate = f.satisfaction_rate
        return (rate, f.rated) if rate is not None and f.rated >= MIN_REPORTS else None

    chosen: set[str] = set()
    awards: list[Award] = []
    for honour in (Honour.FINEST, Honour.BEST, Honour.MOST_BEAUTIFUL):
        eligible = [(figure(c, honour), c) for c in candidates if c.person_id not in chosen]
        scored = [(fig, c) for fig, c in eligible if fig is not None]
        if not scored:
            continue
        fig, best = min(scored, key=lambda x: (-x[0][0], -x[0][1], x[1].grid.figures.grid_id))
        chosen.add(best.person_id)
        awards.append(Award(honour, best.person_id, best.grid, fig[0]))
    return awards
