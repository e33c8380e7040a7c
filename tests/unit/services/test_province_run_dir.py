"""The province plan's run directory: what run.json keeps, which cities a run (or a resumed one) plans,
what a resumed run says when the graph moved, and how the cities' files become the province's plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from orggraph.graph.province_reads import Place
from orggraph.matching.rank import Weights
from orggraph.services.province_plan import (
    RunDir,
    RunMeta,
    final_matches,
    finish,
    stale_note,
    to_plan,
    write_json,
)

META = RunMeta(
    "province-x", date(2026, 11, 27), Weights(locality=0.3), "2026-11-27T08:00:00+00:00",
    (Place("city-a", "甲市"), Place("city-b", "乙市"), Place("city-c", "丙市")), 41,
)  # fmt: skip


def test_run_json_keeps_what_every_city_of_the_run_is_planned_with(tmp_path: Path) -> None:
    run = RunDir(tmp_path / "run")
    assert run.meta() is None and run.done() == set()
    run.start(META)
    assert run.meta() == META
    assert run.load("run.json")["weights"]["locality"] == 0.3


def test_a_file_is_written_whole_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    write_json(tmp_path / "a.json", {"城市": "甲市"})
    write_json(tmp_path / "a.json", {"城市": "乙市"})
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
    assert RunDir(tmp_path).load("a.json") == {"城市": "乙市"}


def test_a_run_plans_its_first_cities_in_id_order_less_those_done() -> None:
    assert to_plan(META, set(), None) == ["city-a", "city-b", "city-c"]
    assert to_plan(META, set(), 1) == ["city-a"]
    assert to_plan(META, {"city-a"}, None) == ["city-b", "city-c"]
    assert to_plan(META, {"city-a"}, 2) == ["city-b"]
    assert to_plan(META, {"city-a", "city-b", "city-c"}, None) == []


def test_a_resumed_run_says_how_many_changes_the_graph_recorded_since_it_started() -> None:
    assert stale_note(41, 41, 2) is None
    assert stale_note(41, 44, 0) is None  # nothing planned yet: nothing stale
    note = stale_note(41, 44, 2)
    assert note is not None and "3 change(s)" in note and "2 city plan(s)" in note


def city_file(city_id: str, need: str, resource: str, score: float, fallback: str | None) -> dict[str, Any]:
    options = [{"resource": resource, "score": score, "take": 1.0, "reason": f"{resource} 的理由"}]
    if fallback:
        options.append(
            {"resource": fallback, "score": score / 2, "take": 1.0, "reason": f"{fallback} 的理由"}
        )
    return {
        "cityId": city_id, "needsConsidered": 1, "needsAssigned": 1, "optimal": True,
        "seconds": {"reads": 0.1, "plan": 0.2, "solver": 0.01},
        "matches": [{"need": need, "resource": resource, "score": score, "quantity": 1.0, "reason": "城市方案"}],
        "shortlists": {need: options},
        "resources": {o["resource"]: {"serviceArea": "PROVINCE", "left": 1.0} for o in options},
    }  # fmt: skip


def test_the_province_plan_is_the_cities_plans_with_the_reconciles_changes(tmp_path: Path) -> None:
    run = RunDir(tmp_path)
    run.start(META)
    # both cities took p1, which has room for one; city-b's need can fall back on p2
    write_json(run.city_file("city-a"), city_file("city-a", "na", "p1", 0.9, None))
    write_json(run.city_file("city-b"), city_file("city-b", "nb", "p1", 0.8, "p2"))
    summary = finish(run, META, wall_s=1.5, planned_now=["city-b"])
    assert not summary["complete"] and not summary["optimal"]
    assert summary["totals"]["citiesPlanned"] == 2 and summary["totals"]["citiesPlannedNow"] == 1
    assert summary["reconcile"]["overdrawnResources"] == 1 and summary["reconcile"]["needsMoved"] == 1
    assert [c["name"] for c in summary["cities"]] == ["甲市", "乙市"]
    changes = run.load("reconcile.json")["changes"]
    assert changes == [
        {"cityId": "city-b", "need": "nb", "before": {"resource": "p1", "score": 0.8, "quantity": 1.0},
         "after": {"resource": "p2", "score": 0.4, "quantity": 1.0, "reason": "p2 的理由"}}
    ]  # fmt: skip
    plan = final_matches(run)
    assert [m["resource"] for m in plan["city-a"]] == ["p1"]
    assert plan["city-b"] == [
        {"need": "nb", "resource": "p2", "score": 0.4, "quantity": 1.0, "reason": "p2 的理由"}
    ]
