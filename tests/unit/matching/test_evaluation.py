"""The evaluation set's checks and metrics (orggraph.matching.evaluation), its loader (orggraph.vocabulary)
and the shipped set itself."""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from orggraph.domain.taxonomy import Domain, Population, SupportType
from orggraph.matching.evaluation import (
    SPLIT_ORDER,
    EvalCase,
    EvalNeed,
    EvalSetError,
    Scores,
    eval_set_of,
    evaluate,
    first_best_rank,
    hit_at_1,
    ndcg_at_5,
    per_case,
    reciprocal_rank,
)
from orggraph.vocabulary import load_eval_set

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ROOT / "tests" / "eval" / "matching_cases.yaml"

RELEVANT = {"a": 2, "b": 1, "c": 1}


def _log2(rank: int) -> float:
    return math.log2(rank + 1)


# --- metrics ---------------------------------------------------------------------------------------


def test_hit_at_1_counts_only_a_grade_2_in_first_place() -> None:
    assert hit_at_1(["a", "b"], RELEVANT) == 1.0
    assert hit_at_1(["b", "a"], RELEVANT) == 0.0
    assert hit_at_1(["x"], RELEVANT) == 0.0
    assert hit_at_1([], RELEVANT) == 0.0


def test_reciprocal_rank_is_one_over_the_rank_of_the_first_grade_2() -> None:
    assert reciprocal_rank(["a"], RELEVANT) == 1.0
    assert reciprocal_rank(["x", "b", "a"], RELEVANT) == pytest.approx(1 / 3)
    assert first_best_rank(["x", "b", "a"], RELEVANT) == 3


def test_reciprocal_rank_is_zero_when_no_grade_2_is_ranked() -> None:
    assert reciprocal_rank(["b", "c", "x"], RELEVANT) == 0.0
    assert first_best_rank(["b", "c", "x"], RELEVANT) is None


def test_ndcg_at_5_uses_graded_gains_and_a_log2_discount() -> None:
    ranking = ["x", "b", "a", "y", "c", "z"]
    dcg = 0 / _log2(1) + 1 / _log2(2) + 3 / _log2(3) + 0 / _log2(4) + 1 / _log2(5)
    ideal = 3 / _log2(1) + 1 / _log2(2) + 1 / _log2(3)
    assert ndcg_at_5(ranking, RELEVANT) == pytest.approx(dcg / ideal)


def test_ndcg_at_5_is_one_for_the_ideal_order_and_zero_without_relevant_in_the_top_five() -> None:
    assert ndcg_at_5(["a", "b", "c"], RELEVANT) == pytest.approx(1.0)
    assert ndcg_at_5(["a", "c", "b", "x"], RELEVANT) == pytest.approx(1.0)
    assert ndcg_at_5(["v", "w", "x", "y", "z", "a"], RELEVANT) == 0.0
    assert ndcg_at_5([], RELEVANT) == 0.0


def test_ndcg_at_5_counts_a_resource_ranked_twice_once() -> None:
    assert ndcg_at_5(["a", "a", "a"], {"a": 2}) == pytest.approx(1.0)
    assert ndcg_at_5(["b", "b", "a"], RELEVANT) < ndcg_at_5(["b", "c", "a"], RELEVANT)


def test_ndcg_ideal_keeps_only_the_best_five_grades() -> None:
    relevant = {f"r{i}": 1 for i in range(8)} | {"top": 2}
    ranking = ["top", "r0", "r1", "r2", "r3"]
    assert ndcg_at_5(ranking, relevant) == pytest.approx(1.0)


def _case(case_id: str, relevant: dict[str, int]) -> EvalCase:
    need = EvalNeed("t", "d", (SupportType.FUND,), Domain.ELDER, (Population.ALL,), 1.0, "项")
    return EvalCase(case_id, "tune", need, relevant)


def test_evaluate_averages_the_metrics_over_the_cases() -> None:
    cases = [_case("e1", {"a": 2}), _case("e2", {"b": 2})]
    rankings = {"e1": ["a", "b"], "e2": ["a", "b"]}
    scores = evaluate(cases, lambda c: rankings[c.id])
    second_ndcg = (3 / _log2(2)) / 3
    assert scores == Scores(hit1=0.5, mrr=0.75, ndcg5=pytest.approx((1 + second_ndcg) / 2), n=2)


def test_evaluate_of_no_cases_is_zero_over_zero_cases() -> None:
    assert evaluate([], lambda c: []) == Scores(hit1=0.0, mrr=0.0, ndcg5=0.0, n=0)


def test_per_case_reports_the_rank_of_the_first_grade_2_and_the_top_three() -> None:
    cases = [_case("e1", {"a": 2}), _case("e2", {"z": 2})]
    calls: list[str] = []

    def rank(case: EvalCase) -> list[str]:
        calls.append(case.id)
        return ["x", "a", "y", "w"]

    outcomes = per_case(cases, rank)
    assert calls == ["e1", "e2"]
    assert [(o.case_id, o.first_best_rank, o.top3) for o in outcomes] == [
        ("e1", 2, ("x", "a", "y")),
        ("e2", None, ("x", "a", "y")),
    ]
    assert outcomes[0].rr == 0.5 and outcomes[1].rr == 0.0


# --- the loader -----------------------------------------------------------------------------------


def _resource(rid: str, support_type: str) -> dict[str, Any]:
    return {
        "id": rid,
        "unit": "示例单位",
        "title": "标题",
        "description": "说明",
        "supportType": support_type,
        "domains": ["ELDER"],
        "populations": ["ALL"],
        "capacity": 5,
        "capacityUnit": "万元",
    }


VALID: dict[str, Any] = {
    "resources": [_resource("r1", "FUND"), _resource("r2", "SPACE")],
    "cases": [
        {
            "id": "e1",
            "split": "tune",
            "need": {
                "title": "老楼装电梯",
                "description": "还差五万",
                "supportTypes": ["FUND", "SPACE"],
                "domain": "INFRA",
                "populations": ["ELDERLY"],
                "quantity": 5,
                "quantityUnit": "万元",
            },
            "relevant": {"r1": 2, "r2": 1},
        },
        {
            "id": "e2",
            "split": "holdout",
            "need": {
                "title": "活动场地",
                "description": "冬天没地方",
                "supportTypes": ["SPACE"],
                "domain": "CULTURE",
                "populations": ["ALL"],
                "quantity": 1,
                "quantityUnit": "处",
            },
            "relevant": {"r2": 2},
        },
    ],
}


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "cases.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_valid_file_loads_with_its_splits(tmp_path: Path) -> None:
    eval_set = load_eval_set(_write(tmp_path, VALID))
    assert [c.id for c in eval_set.split("tune")] == ["e1"]
    assert [c.id for c in eval_set.split("holdout")] == ["e2"]
    assert eval_set.split("fresh") == ()
    assert eval_set.resource("r1").support_type is SupportType.FUND
    assert eval_set.cases[0].need.support_types == (SupportType.FUND, SupportType.SPACE)


def _broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["cases"][1]["relevant"].update({"r9": 1}), "case e2: relevant resource r9"),
        (lambda d: d["cases"][0]["relevant"].update({"r2": 3}), "case e1: grade 3"),
        (lambda d: d["cases"][0]["relevant"].update({"r2": 0}), "case e1: grade 0"),
        (lambda d: d["cases"][1].update(relevant={"r2": 1}), "case e2: no resource graded 2"),
        (lambda d: d["cases"][1]["relevant"].update({"r1": 1}), "case e2: r1 offers FUND"),
        (lambda d: d["cases"][1].update(id="e1"), "case e1: duplicate id"),
        (lambda d: d["resources"][1].update(id="r1"), "resource r1: duplicate id"),
        (lambda d: d["cases"][1]["need"].update(domain="FOOD"), "case e2: need.domain"),
        (lambda d: d["cases"][0]["need"].update(supportTypes=["MONEY"]), "case e1: need.supportTypes"),
        (lambda d: d["cases"][1].update(split="train"), "case e2: split"),
        (lambda d: d["resources"][1].update(populations=["KIDS"]), "resource r2: populations"),
        (lambda d: d["resources"][0].update(capacity=0), "resource r1: capacity"),
        (lambda d: d["cases"][0]["need"].update(colour="红"), "case e1: need.colour"),
        (lambda d: d["cases"][0].update(need="老楼装电梯"), "case e1: need: expected a mapping"),
        (lambda d: d["resources"][0].pop("unit"), "resource r1: unit: missing"),
        (lambda d: d["resources"][0].update(capacity=True), "resource r1: capacity"),
        (lambda d: d["cases"][0]["relevant"].update({"r2": "1"}), "case e1: relevant"),
    ],
)
def test_the_loader_refuses_a_broken_file_naming_the_case(tmp_path: Path, change: Any, message: str) -> None:
    with pytest.raises(EvalSetError, match=message):
        load_eval_set(_write(tmp_path, _broken(change)))


def test_parsed_data_is_checked_without_a_file_naming_every_fault_at_once() -> None:
    assert eval_set_of(copy.deepcopy(VALID)).resource("r2").capacity == 5.0  # a number: a float

    def two_faults(d: dict[str, Any]) -> None:
        d["resources"][0].update(capacity=0)
        del d["cases"][1]["need"]["domain"]

    with pytest.raises(EvalSetError) as refused:
        eval_set_of(_broken(two_faults))
    assert "resource r1: capacity: expected a number greater than 0" in str(refused.value)
    assert "case e2: need.domain: missing" in str(refused.value)


def test_the_loader_refuses_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "cases.yaml"
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(EvalSetError, match="expected a mapping"):
        load_eval_set(path)


# --- the shipped set ------------------------------------------------------------------------------


def test_the_shipped_set_loads_with_enough_cases_and_resources() -> None:
    eval_set = load_eval_set(SHIPPED)
    assert len(eval_set.cases) >= 120
    assert len(eval_set.split("tune")) >= 60
    assert len(eval_set.split("holdout")) >= 20
    assert len(eval_set.split("fresh")) >= 40
    assert len(eval_set.resources) >= 100


def test_the_shipped_set_puts_the_tune_cases_first_then_the_holdout_then_the_fresh() -> None:
    splits = [c.split for c in load_eval_set(SHIPPED).cases]
    assert splits == sorted(splits, key=SPLIT_ORDER.index)


def test_the_shipped_set_covers_every_domain_and_support_type() -> None:
    eval_set = load_eval_set(SHIPPED)
    assert {c.need.domain for c in eval_set.cases} == set(Domain)
    assert {t for c in eval_set.cases for t in c.need.support_types} == set(SupportType)
    assert {r.support_type for r in eval_set.resources} == set(SupportType)
    assert {d for r in eval_set.resources for d in r.domains} == set(Domain)


def test_every_grade_2_resource_of_the_shipped_set_has_same_type_decoys() -> None:
    eval_set = load_eval_set(SHIPPED)
    by_type: dict[SupportType, int] = {}
    for r in eval_set.resources:
        by_type[r.support_type] = by_type.get(r.support_type, 0) + 1
    for case in eval_set.cases:
        for rid, grade in case.relevant.items():
            if grade == 2:
                support_type = eval_set.resource(rid).support_type
                others = by_type[support_type] - sum(
                    1 for r in case.relevant if eval_set.resource(r).support_type is support_type
                )
                assert others >= 5, (case.id, rid)


def test_some_shipped_needs_ask_for_two_support_types() -> None:
    eval_set = load_eval_set(SHIPPED)
    assert sum(1 for c in eval_set.cases if len(c.need.support_types) >= 2) >= 8
