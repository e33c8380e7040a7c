"""The matching evaluation set (tests/eval/matching_cases.yaml, read by orggraph.vocabulary.load_eval_set) and
its metrics: hit@1, MRR, nDCG@5.

A case is a need written as a resident would write it, with graded resources from a shared pool:
2 = what a sensible organization department would pick first, 1 = acceptable, anything else 0.
A ranker is any function from a case to resource ids, best first; `evaluate` runs it over cases.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal, TypeVar

from orggraph.domain.taxonomy import Domain, Population, SupportType

Split = Literal["tune", "holdout", "fresh"]
SPLIT_ORDER: tuple[Split, ...] = ("tune", "holdout", "fresh")
GRADES = frozenset({1, 2})
BEST = 2
CUTOFF = 5

E = TypeVar("E", bound=StrEnum)


class EvalSetError(ValueError):
    """The evaluation set is malformed; the message names the case or resource at fault."""


@dataclass(frozen=True)
class EvalResource:
    id: str
    unit: str
    title: str
    description: str
    support_type: SupportType
    domains: tuple[Domain, ...]
    populations: tuple[Population, ...]
    capacity: float
    capacity_unit: str


@dataclass(frozen=True)
class EvalNeed:
    title: str
    description: str
    support_types: tuple[SupportType, ...]
    domain: Domain
    populations: tuple[Population, ...]
    quantity: float
    quantity_unit: str


@dataclass(frozen=True)
class EvalCase:
    id: str
    split: Split
    need: EvalNeed
    relevant: dict[str, int]


@dataclass(frozen=True)
class EvalSet:
    resources: tuple[EvalResource, ...]
    cases: tuple[EvalCase, ...]

    def split(self, name: Split) -> tuple[EvalCase, ...]:
        return tuple(c for c in self.cases if c.split == name)

    def resource(self, resource_id: str) -> EvalResource:
        for r in self.resources:
            if r.id == resource_id:
                return r
        raise KeyError(resource_id)


# --- from parsed data (the file is read at the edge: orggraph.vocabulary.load_eval_set) ----------------


class _Invalid(ValueError):
    """One field's value is wrong (the message says why; the caller says where)."""


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise _Invalid(f"expected a non-empty string, not {value!r}")
    return value


def _positive(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise _Invalid(f"expected a number greater than 0, not {value!r}")
    return float(value)


def _code(enum: type[E]) -> Callable[[Any], E]:
    def parse(value: Any) -> E:
        try:
            return enum(value)
        except ValueError:
            raise _Invalid(f"{value!r} is not one of {', '.join(e.value for e in enum)}") from None

    return parse


def _codes(enum: type[E]) -> Callable[[Any], tuple[E, ...]]:
    one = _code(enum)

    def parse(value: Any) -> tuple[E, ...]:
        if not isinstance(value, (list, tuple)) or not value:
            raise _Invalid(f"expected a non-empty list of codes, not {value!r}")
        return tuple(one(v) for v in value)

    return parse


def _split(value: Any) -> Split:
    if value not in SPLIT_ORDER:
        raise _Invalid(f"{value!r} is not one of {', '.join(SPLIT_ORDER)}")
    split: Split = value
    return split


def _grades(value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in value.items()
    ):
        raise _Invalid(f"expected a mapping of resource ids to grades, not {value!r}")
    return dict(value)


# each record's keys in the file (camelCase), the field each fills and how its value is parsed
Fields = dict[str, tuple[str, "Callable[[Any], Any] | _Nested"]]
RESOURCE_FIELDS: Fields = {
    "id": ("id", _text),
    "unit": ("unit", _text),
    "title": ("title", _text),
    "description": ("description", _text),
    "supportType": ("support_type", _code(SupportType)),
    "domains": ("domains", _codes(Domain)),
    "populations": ("populations", _codes(Population)),
    "capacity": ("capacity", _positive),
    "capacityUnit": ("capacity_unit", _text),
}
NEED_FIELDS: Fields = {
    "title": ("title", _text),
    "description": ("description", _text),
    "supportTypes": ("support_types", _codes(SupportType)),
    "domain": ("domain", _code(Domain)),
    "populations": ("populations", _codes(Population)),
    "quantity": ("quantity", _positive),
    "quantityUnit": ("quantity_unit", _text),
}


@dataclass(frozen=True)
class _Nested:
    """A field that is itself a record."""

    kind: Callable[..., Any]
    fields: Fields


CASE_FIELDS: Fields = {
    "id": ("id", _text),
    "split": ("split", _split),
    "need": ("need", _Nested(EvalNeed, NEED_FIELDS)),
    "relevant": ("relevant", _grades),
}

R = TypeVar("R")


def _record(
    kind: Callable[..., R], fields: Fields, raw: Any, who: str, path: str, errors: list[str]
) -> R | None:
    """The record of `raw`, or None with what is wrong added to `errors`, each naming the record (`who`)
    and the key (after `path`, the keys of the records around it)."""
    if not isinstance(raw, Mapping):
        errors.append(f"{who}: {path.rstrip('.') or '(itself)'}: expected a mapping, not {raw!r}")
        return None
    values: dict[str, Any] = {}
    ok = True
    for key, value in raw.items():
        if key not in fields:
            errors.append(f"{who}: {path}{key}: unknown field (known: {', '.join(fields)})")
            ok = False
            continue
        name, parse = fields[key]
        if isinstance(parse, _Nested):
            values[name] = _record(parse.kind, parse.fields, value, who, f"{path}{key}.", errors)
            ok = ok and values[name] is not None
            continue
        try:
            values[name] = parse(value)
        except _Invalid as exc:
            errors.append(f"{who}: {path}{key}: {exc}")
            ok = False
    for key in fields:
        if key not in raw:
            errors.append(f"{who}: {path}{key}: missing")
            ok = False
    return kind(**values) if ok else None


def _records(
    kind: Callable[..., R], fields: Fields, items: Any, label: str, errors: list[str]
) -> tuple[R, ...]:
    if not isinstance(items, list):
        errors.append(f"{label}s: expected a list, not {items!r}")
        return ()
    out = []
    for i, raw in enumerate(items):
        ident = raw.get("id") if isinstance(raw, Mapping) else None
        who = f"{label} {ident if isinstance(ident, str) else '#' + str(i)}"
        record = _record(kind, fields, raw, who, "", errors)
        if record is not None:
            out.append(record)
    return tuple(out)


def eval_set_of(data: Any) -> EvalSet:
    """The evaluation set of parsed data shaped as tests/eval/matching_cases.yaml, checked: shapes and enums
    (every fault named by its case or resource and key), unique ids, and that every grade is one a matcher
    can earn (EvalSetError)."""
    if not isinstance(data, Mapping):
        raise EvalSetError("expected a mapping with resources and cases")
    errors = [
        f"{key}: unknown field (known: resources, cases)" for key in data if key not in ("resources", "cases")
    ]
    resources = _records(EvalResource, RESOURCE_FIELDS, data.get("resources"), "resource", errors)
    cases = _records(EvalCase, CASE_FIELDS, data.get("cases"), "case", errors)
    if errors:
        raise EvalSetError("; ".join(errors))
    eval_set = EvalSet(resources, cases)
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
