"""The matching evaluation set (tests/eval/matching_cases.yaml) and its metrics: hit@1, MRR, nDCG@5.

A case is a need written as a resident would write it, with graded resources from a shared pool:
2 = what a sensible organization department would pick first, 1 = acceptable, anything else 0.
A ranker is any function from a case to resource ids, best first; `evaluate` runs it over cases.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from orggraph.domain.taxonomy import Domain, Population, SupportType
from orggraph.seeding.yamlio import load_yaml

Split = Literal["tune", "holdout", "fresh"]
SPLIT_ORDER: tuple[Split, ...] = ("tune", "holdout", "fresh")
GRADES = frozenset({1, 2})
BEST = 2
CUTOFF = 5


class EvalSetError(ValueError):
    """The evaluation file is malformed; the message names the case or resource at fault."""


class _Record(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid", frozen=True)


class EvalResource(_Record):
    id: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    support_type: SupportType
    domains: tuple[Domain, ...] = Field(min_length=1)
    populations: tuple[Population, ...] = Field(min_length=1)
    capacity: float = Field(gt=0)
    capacity_unit: str = Field(min_length=1)


class EvalNeed(_Record):
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    support_types: tuple[SupportType, ...] = Field(min_length=1)
    domain: Domain
    populations: tuple[Population, ...] = Field(min_length=1)
    quantity: float = Field(gt=0)
    quantity_unit: str = Field(min_length=1)


class EvalCase(_Record):
    id: str = Field(min_length=1)
    split: Split
    need: EvalNeed
    relevant: dict[str, int]


class EvalSet(_Record):
    resources: tuple[EvalResource, ...]
    cases: tuple[EvalCase, ...]

    def split(self, name: Split) -> tuple[EvalCase, ...]:
        return tuple(c for c in self.cases if c.split == name)

    def resource(self, resource_id: str) -> EvalResource:
        for r in self.resources:
            if r.id == resource_id:
                return r
        raise KeyError(resource_id)


def load_eval_set(path: Path) -> EvalSet:
    """Read and check the file: shapes and enums, unique ids, and that every grade is one a matcher can earn."""
    raw = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise EvalSetError(f"{path}: expected a mapping with resources and cases")
    try:
        eval_set = EvalSet.model_validate(raw)
    except ValidationError as exc:
        raise EvalSetError(_describe(exc, raw)) from exc
    check_eval_set(eval_set)
    return eval_set


def check_eval_set(eval_set: EvalSet) -> None:
    """The rules beyond shape; raises EvalSetError naming the first case (or resource) that breaks one."""
    by_id: dict[str, EvalResource] = {}
    for r in eval_set.resources:
        if r.id in by_id:
            raise EvalSetError(f"resource {r.id}: duplicate id")
        by_id[r.id] = r
    seen: set[str] = set()
    for case in eval_set.cases:
        if case.id in seen:
            raise EvalSetError(f"case {case.id}: duplicate id")
        seen.add(case.id)
        for rid, grade in case.relevant.items():
            if rid not in by_id:
                raise EvalSetError(f"case {case.id}: relevant resource {rid} is not in the pool")
            if grade not in GRADES:
                raise EvalSetError(f"case {case.id}: grade {grade} of {rid} is not 1 or 2")
            if by_id[rid].support_type not in case.need.support_types:
                raise EvalSetError(
                    f"case {case.id}: {rid} offers {by_id[rid].support_type.value}, "
                    f"not among the need's support types"
                )
        if BEST not in case.relevant.values():
            raise EvalSetError(f"case {case.id}: no resource graded 2")


def _describe(exc: ValidationError, raw: Mapping[str, Any]) -> str:
    lines = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = ".".join(str(p) for p in loc)
        if len(loc) >= 2 and loc[0] in ("cases", "resources") and isinstance(loc[1], int):
            items = raw.get(str(loc[0]))
            item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
            ident = item.get("id") if isinstance(item, dict) else None
            kind = "case" if loc[0] == "cases" else "resource"
            rest = ".".join(str(p) for p in loc[2:]) or "(itself)"
            where = f"{kind} {ident if ident is not None else '#' + str(loc[1])}: {rest}"
        lines.append(f"{where}: {err['msg']}")
    return "; ".join(lines)


# --- metrics on one ranking -----------------------------------------------------------------------


def hit_at_1(ranking: Sequence[str], relevant: Mapping[str, int]) -> float:
    """1 when the first resource is graded 2, else 0."""
    return 1.0 if ranking and relevant.get(ranking[0], 0) == BEST else 0.0


def first_best_rank(ranking: Sequence[str], relevant: Mapping[str, int]) -> int | None:
    """The 1-based rank of the first resource graded 2, None when no such resource is ranked."""
    for i, rid in enumerate(ranking, start=1):
        if relevant.get(rid, 0) == BEST:
            return i
    return None


def reciprocal_rank(ranking: Sequence[str], relevant: Mapping[str, int]) -> float:
    """1 / the rank of the first resource graded 2; 0 when none is ranked."""
    rank = first_best_rank(ranking, relevant)
    return 0.0 if rank is None else 1.0 / rank


def _dcg(grades: Iterable[int]) -> float:
    return sum(((2.0**g) - 1.0) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at_5(ranking: Sequence[str], relevant: Mapping[str, int]) -> float:
    """Graded gains 2**grade - 1, log2 discount, over the first five; the ideal comes from `relevant`."""
    ideal = _dcg(sorted((g for g in relevant.values() if g > 0), reverse=True)[:CUTOFF])
    if ideal == 0:
        return 0.0
    # a resource ranked twice counts once, where it first appears
    seen: set[str] = set()
    grades = []
    for rid in ranking[:CUTOFF]:
        grades.append(0 if rid in seen else max(relevant.get(rid, 0), 0))
        seen.add(rid)
    return _dcg(grades) / ideal


# --- over cases ----------------------------------------------------------------------------------

Ranker = Callable[[EvalCase], list[str]]


@dataclass(frozen=True)
class CaseOutcome:
    case_id: str
    first_best_rank: int | None
    top3: tuple[str, ...]
    hit1: float
    rr: float
    ndcg5: float


@dataclass(frozen=True)
class Scores:
    hit1: float
    mrr: float
    ndcg5: float
    n: int


def outcome(case: EvalCase, ranking: Sequence[str]) -> CaseOutcome:
    return CaseOutcome(
        case_id=case.id,
        first_best_rank=first_best_rank(ranking, case.relevant),
        top3=tuple(ranking[:3]),
        hit1=hit_at_1(ranking, case.relevant),
        rr=reciprocal_rank(ranking, case.relevant),
        ndcg5=ndcg_at_5(ranking, case.relevant),
    )


def per_case(cases: Iterable[EvalCase], rank: Ranker) -> list[CaseOutcome]:
    """One outcome per case, in the cases' order (the ranker is called once per case)."""
    return [outcome(c, rank(c)) for c in cases]


def summarize(outcomes: Sequence[CaseOutcome]) -> Scores:
    n = len(outcomes)
    if n == 0:
        return Scores(hit1=0.0, mrr=0.0, ndcg5=0.0, n=0)
    return Scores(
        hit1=sum(o.hit1 for o in outcomes) / n,
        mrr=sum(o.rr for o in outcomes) / n,
        ndcg5=sum(o.ndcg5 for o in outcomes) / n,
        n=n,
    )


def evaluate(cases: Iterable[EvalCase], rank: Ranker) -> Scores:
    """Means of hit@1, reciprocal rank and nDCG@5 over the cases."""
    return summarize(per_case(cases, rank))
