"""The community's yearly evaluation of its member units (社区党组织的评价权: 评先评优、荣誉申报).

A community's party organization gives each member unit of its big party committee a score (0-100)
and a comment once a year; evaluating the same unit again in the same year replaces the score (the
audit trail keeps every change). The latest year's scores feed matching's reliability component
(orggraph.matching.components.reliability).

Pure: the entity, the command and the rule.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from orggraph.domain.errors import BadInput, not_found
from orggraph.domain.projects import FIRST_YEAR
from orggraph.domain.text import clean_id, clean_text

MIN_SCORE, MAX_SCORE = 0, 100


@dataclass(frozen=True)
class UnitEvaluation:
    community_id: str
    unit_id: str
    year: int
    score: int
    comment: str
    at: datetime | None  # when it was last given
    by: str


@dataclass(frozen=True)
class EvaluateUnit:
    community_id: str
    unit_id: str
    year: int
    score: int
    comment: str = ""

    def checked(self, today: date) -> EvaluateUnit:
        if not FIRST_YEAR <= self.year <= today.year:
            raise BadInput(f"year: 评价年度应在 {FIRST_YEAR} 到 {today.year} 之间", field="year")
        if not MIN_SCORE <= self.score <= MAX_SCORE:
            raise BadInput(f"score: 评分应在 {MIN_SCORE} 到 {MAX_SCORE} 之间", field="score")
        return replace(
            self,
            community_id=clean_id(self.community_id, "communityId"),
            unit_id=clean_id(self.unit_id, "unitId"),
            comment=clean_text(self.comment, "comment", max_len=500, min_len=0),
        )


@dataclass(frozen=True)
class EvaluationState:
    """What evaluateUnit judges: does the community exist, its committee's name, does the unit exist,
    and does it sit on the community's committee now."""

    community_exists: bool
    committee_name: str | None
    unit_name: str | None  # None: no such unit
    current_member: bool


def check_evaluation(state: EvaluationState, cmd: EvaluateUnit) -> None:
    if not state.community_exists:
        raise not_found("社区", cmd.community_id, "communityId")
    if state.unit_name is None:
        raise not_found("单位", cmd.unit_id, "unitId")
    if not state.current_member:
        where = state.committee_name or "该社区大党委"
        raise BadInput(f"unitId: {state.unit_name}不是{where}的现任成员单位,不能由该社区评价", field="unitId")
